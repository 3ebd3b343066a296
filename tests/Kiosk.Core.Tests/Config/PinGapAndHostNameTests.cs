using System;
using System.Linq;
using System.Text.Json.Nodes;
using Kiosk.Core.Config;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Config;

/// <summary>Mistakes that used to pass the device's check and only failed on a board: GPIO numbers the chip lacks, a broker host name with a space.</summary>
public sealed class PinGapAndHostNameTests
{
    private static string[] Errors(Action<JsonObject> edit)
    {
        var node = SampleConfig.Node();
        edit(node);
        var errors = new ConfigErrors();
        ConfigReader.Read(node.ToJsonString(), errors);
        return Enumerable.Range(0, errors.Count).Select(i => errors[i]).ToArray();
    }

    [Theory]
    [InlineData(20)]
    [InlineData(24)]
    [InlineData(28)]
    [InlineData(29)]
    [InlineData(30)]
    [InlineData(31)]
    public void A_gpio_the_esp32_does_not_have_is_refused(int pin)
    {
        Assert.Contains($"inputs[2].pin: GPIO {pin} does not exist on esp32", Errors(n => n["inputs"]![2]!["pin"] = pin));
    }

    [Theory]
    [InlineData(22)]
    [InlineData(25)]
    public void A_gpio_the_esp32_s3_does_not_have_is_refused(int pin)
    {
        var errors = Errors(n =>
        {
            n["chip"] = "esp32s3";
            n["inputs"]![2]!["pin"] = pin;
        });

        Assert.Contains($"inputs[2].pin: GPIO {pin} does not exist on esp32s3", errors);
    }

    [Fact]
    public void Every_esp32_gpio_that_exists_is_still_accepted_where_nothing_else_forbids_it()
    {
        foreach (var pin in new[] { 19, 21, 23, 32, 33 })
            Assert.DoesNotContain(Errors(n => n["inputs"]![2]!["pin"] = pin), e => e.Contains("does not exist", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("broker .lan")]
    [InlineData("broker/lan")]
    [InlineData("broker..lan")]
    [InlineData(".broker")]
    public void A_broker_host_that_cannot_be_a_host_name_is_refused(string host)
    {
        var errors = Errors(n => n["mqtt"] = new JsonObject { ["host"] = host, ["port"] = 8883 });

        Assert.Contains(errors, e => e.StartsWith("mqtt.host: must be a host name or IPv4 address", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("broker.maple-court.lan")]
    [InlineData("192.168.10.5")]
    public void A_host_name_or_address_is_accepted(string host)
    {
        var errors = Errors(n =>
        {
            n["mqtt"] = new JsonObject { ["host"] = host, ["port"] = 8883 };
            n["network"] = new JsonObject { ["type"] = "ethernet" };
        });

        Assert.Empty(errors);
    }
}
