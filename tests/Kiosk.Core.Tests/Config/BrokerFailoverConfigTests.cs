using System;
using System.Linq;
using System.Text.Json.Nodes;
using Kiosk.Core.Config;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Config;

/// <summary>mqtt.failover: the other nodes of a broker cluster, each "host" or "host:port".</summary>
public sealed class BrokerFailoverConfigTests
{
    private static (ControllerConfig? Config, string[] Errors) Read(JsonNode? failover)
    {
        var node = SampleConfig.Node();
        var mqtt = new JsonObject { ["host"] = "mq1.maple-court.lan", ["port"] = 8883 };
        if (failover is not null)
            mqtt["failover"] = failover;
        node["mqtt"] = mqtt;
        node["network"] = new JsonObject { ["type"] = "ethernet" };
        var errors = new ConfigErrors();
        var config = ConfigReader.Read(node.ToJsonString(), errors);
        return (config, Enumerable.Range(0, errors.Count).Select(i => errors[i]).ToArray());
    }

    [Fact]
    public void Without_failover_the_board_has_one_broker()
    {
        var (config, errors) = Read(null);

        Assert.Empty(errors);
        Assert.Empty(config!.Mqtt.FailoverHosts);
    }

    [Fact]
    public void Failover_entries_take_the_main_port_unless_they_name_one()
    {
        var (config, errors) = Read(new JsonArray("mq2.maple-court.lan", "10.0.0.3:8884"));

        Assert.Empty(errors);
        Assert.Equal(new[] { "mq2.maple-court.lan", "10.0.0.3" }, config!.Mqtt.FailoverHosts);
        Assert.Equal(new[] { 8883, 8884 }, config.Mqtt.FailoverPorts);
    }

    [Fact]
    public void Subscriptions_are_QoS_1_unless_the_config_says_0_and_nothing_else_is_allowed()
    {
        Assert.Equal(1, Read(null).Config!.Mqtt.SubscribeQos);
        var node = SampleConfig.Node();
        node["mqtt"] = new JsonObject { ["host"] = "mq1.lan", ["subscribeQos"] = 0 };
        node["network"] = new JsonObject { ["type"] = "ethernet" };
        var errors = new ConfigErrors();
        Assert.Equal(0, ConfigReader.Read(node.ToJsonString(), errors)!.Mqtt.SubscribeQos);
        node["mqtt"]!["subscribeQos"] = 2;
        Assert.Null(ConfigReader.Read(node.ToJsonString(), errors));
        Assert.StartsWith("mqtt.subscribeQos", errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mq2.lan:0", "mqtt.failover[0]: port after ':' must be 1..65535")]
    [InlineData("mq2.lan:http", "mqtt.failover[0]: port after ':' must be 1..65535")]
    [InlineData(":8883", "mqtt.failover[0]: must name a host")]
    [InlineData("mq2 lan", "mqtt.failover[0]: must be a host name or IPv4 address")]
    public void A_bad_failover_entry_is_refused_naming_it(string entry, string expected)
    {
        var (config, errors) = Read(new JsonArray(entry));

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void More_than_three_failover_brokers_are_refused()
    {
        var (config, errors) = Read(new JsonArray("a.lan", "b.lan", "c.lan", "d.lan"));

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith("mqtt.failover: must hold 1..3 entries, got 4", StringComparison.Ordinal));
    }
}
