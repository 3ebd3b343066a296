using System;
using System.Linq;
using System.Text.Json.Nodes;
using Kiosk.Core.Config;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Config;

/// <summary>The network, time and memory settings, and what the secrets must hold for them.</summary>
public sealed class NetworkConfigTests
{
    private static (ControllerConfig? Config, string[] Errors) Read(Action<JsonObject> edit)
    {
        var node = SampleConfig.Node();
        node["mqtt"] = new JsonObject { ["host"] = "broker.maple-court.lan" };
        node["network"] = new JsonObject { ["type"] = "wifi", ["ssid"] = "东门岗亭" };
        edit(node);
        var errors = new ConfigErrors();
        var config = ConfigReader.Read(node.ToJsonString(), errors);
        return (config, Enumerable.Range(0, errors.Count).Select(i => errors[i]).ToArray());
    }

    [Fact]
    public void A_chinese_wifi_name_with_dhcp_and_the_default_time_servers_is_read()
    {
        var (config, errors) = Read(_ => { });

        Assert.Empty(errors);
        Assert.Equal(NetworkType.Wifi, config!.Network.Type);
        Assert.Equal("东门岗亭", config.Network.Ssid);
        Assert.True(config.Network.Dhcp);
        Assert.Equal(new[] { "ntp.aliyun.com", "cn.pool.ntp.org" }, config.Time.NtpServers);
        Assert.Equal(24, config.Time.SyncHours);
        Assert.Equal(16384, config.LowMemoryRebootBytes);
    }

    [Fact]
    public void A_fixed_address_on_ethernet_is_read()
    {
        var (config, errors) = Read(c => c["network"] = new JsonObject
        {
            ["type"] = "ethernet", ["ip"] = "192.168.10.21", ["mask"] = "255.255.255.0", ["gateway"] = "192.168.10.1",
            ["dns"] = new JsonArray("192.168.10.1", "223.5.5.5"),
        });

        Assert.Empty(errors);
        Assert.Equal(NetworkType.Ethernet, config!.Network.Type);
        Assert.False(config.Network.Dhcp);
        Assert.Equal("192.168.10.21", config.Network.StaticIp);
        Assert.Equal(new[] { "192.168.10.1", "223.5.5.5" }, config.Network.DnsServers);
    }

    [Theory]
    [InlineData("ip", "192.168.10.256", "network.ip: must be an IPv4 address")]
    [InlineData("ip", "192.168.010.2", "network.ip: must be an IPv4 address")]
    [InlineData("mask", "255.255.255", "network.mask: must be an IPv4 address")]
    public void A_malformed_address_is_refused_by_name(string field, string value, string expected)
    {
        var (config, errors) = Read(c =>
        {
            c["network"] = new JsonObject { ["type"] = "ethernet", ["ip"] = "192.168.10.21", ["mask"] = "255.255.255.0", ["gateway"] = "192.168.10.1", ["dns"] = new JsonArray("192.168.10.1") };
            c["network"]![field] = value;
        });

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Half_a_fixed_address_is_refused()
    {
        var (config, errors) = Read(c => c["network"]!["ip"] = "192.168.10.21");

        Assert.Null(config);
        Assert.Contains(errors, e => e.Contains("needs ip, mask, gateway and dns together", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wifi_name_longer_than_32_bytes_of_utf8_is_refused()
    {
        var (config, errors) = Read(c => c["network"]!["ssid"] = "东门岗亭东门岗亭东门岗亭"); // 12 characters, 36 bytes

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith("network.ssid: must be 1..32 bytes of UTF-8 (a Chinese character is 3), got 36", StringComparison.Ordinal));
    }

    [Fact]
    public void Mqtt_without_a_network_is_refused()
    {
        var (config, errors) = Read(c => c.Remove("network"));

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith("network: is required with mqtt", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2048, "lowMemoryRebootBytes: must be 0 (off) or 4096..65536")]
    [InlineData(100000, "lowMemoryRebootBytes: must be 0..65536")]
    public void A_heap_floor_out_of_range_is_refused(int bytes, string expected)
    {
        var (config, errors) = Read(c => c["lowMemoryRebootBytes"] = bytes);

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Three_time_servers_are_refused_because_the_device_client_holds_two()
    {
        var (config, errors) = Read(c => c["time"] = new JsonObject { ["ntpServers"] = new JsonArray("a.lan", "b.lan", "c.lan") });

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith("time.ntpServers: must hold 1..2 entries, got 3", StringComparison.Ordinal));
    }

    [Fact]
    public void The_secrets_must_carry_the_wifi_password_and_the_ca_the_config_needs()
    {
        var (config, _) = Read(_ => { });
        var errors = new ConfigErrors();
        var secrets = SecretsReader.Read("""
            {"version":1,"deviceId":"main-gate","mqttUsername":"maple-court.main-gate","mqttPassword":"0123456789abcdef0123",
             "commandKey":"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"}
            """, "main-gate", errors);
        Assert.NotNull(secrets);

        SecretsReader.CheckAgainst(config!, secrets!, errors);

        var all = Enumerable.Range(0, errors.Count).Select(i => errors[i]).ToArray();
        Assert.Contains(all, e => e.StartsWith("secrets.wifiPassword: is required: the config joins Wi-Fi '东门岗亭'", StringComparison.Ordinal));
        Assert.Contains(all, e => e.StartsWith("secrets.caCertificate: is required", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wifi_password_shorter_than_wpa2_allows_is_refused()
    {
        var errors = new ConfigErrors();
        SecretsReader.Read("""
            {"version":1,"deviceId":"main-gate","mqttUsername":"u","mqttPassword":"0123456789abcdef0123","wifiPassword":"short",
             "commandKey":"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"}
            """, "main-gate", errors);

        Assert.Contains(Enumerable.Range(0, errors.Count).Select(i => errors[i]), e => e.StartsWith("secrets.wifiPassword: must be 8..63", StringComparison.Ordinal));
    }

    [Fact]
    public void A_config_larger_than_the_board_reads_is_refused_by_size()
    {
        var json = SampleConfig.Json.Replace("\"version\": 1,", "\"version\": 1," + new string(' ', ConfigReader.MaxBytes), StringComparison.Ordinal);
        var sizeErrors = new ConfigErrors();

        Assert.Null(ConfigReader.Read(json, sizeErrors));
        Assert.StartsWith("(document): is " + json.Length + " bytes; the board reads at most 16384 bytes", sizeErrors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_size_limit_counts_utf8_bytes_not_characters()
    {
        // 5,000 Chinese characters are 15,000 bytes of UTF-8: under the limit as characters, over it as bytes.
        var padding = "\"note\": \"" + new string('门', 5000) + "\",";
        var json = SampleConfig.Json.Replace("\"version\": 1,", "\"version\": 1," + padding + new string(' ', 2000), StringComparison.Ordinal);
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var errors = new ConfigErrors();

        Assert.True(json.Length < ConfigReader.MaxBytes);
        Assert.Null(ConfigReader.Read(bytes, bytes.Length, errors));
        Assert.StartsWith("(document): is " + bytes.Length + " bytes", errors[0], StringComparison.Ordinal);
    }
}
