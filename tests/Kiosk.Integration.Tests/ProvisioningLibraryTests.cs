using System;
using System.IO;
using System.Linq;
using Kiosk.Core.Config;
using Kiosk.Provisioning;
using Xunit;

namespace Kiosk.Integration.Tests;

/// <summary>The provisioning library without a broker: every board profile, secrets rules, the ACL's shape.</summary>
public sealed class ProvisioningLibraryTests
{
    public static TheoryData<string> Profiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(BoardProfile.Folder, "*.json"))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_board_profile_yields_a_config_the_controller_and_the_profile_accept(string name)
    {
        var profile = BoardProfile.Load(Path.Combine(BoardProfile.Folder, name + ".json"));
        foreach (var lockType in new[] { LockType.Strike, LockType.Maglock })
        {
            var ssid = profile.Network == "wifi" ? "东门岗亭-IoT" : null;
            var json = DeviceConfigBuilder.Build(new DeviceRequest("maple-court", "gate-1", name, lockType, false, "broker.lan", 8883, true, ssid), profile);
            var errors = new ConfigErrors();

            var config = ConfigReader.Read(json, errors);

            Assert.True(config is not null, errors.ToString());
            Assert.Empty(profile.Check(config!));
            Assert.Equal(lockType, config!.Lock.Type);
            Assert.Equal(config.Lock.RelayActiveHigh, config.Lock.ReleaseLevel); // energised releases: the relay at rest locks either type
            Assert.Equal("broker.lan", config.Mqtt.Host);
            Assert.Equal(profile.Network == "wifi" ? NetworkType.Wifi : NetworkType.Ethernet, config.Network.Type);
            Assert.Equal(ssid, config.Network.Ssid);
            Assert.True(config.Network.Dhcp);
        }
    }

    [Theory]
    // 4 MB of flash: a 256 KB drive, half of it 32 blocks of 42 events. 8 MB: 2 MB, 256 blocks.
    [InlineData("esp32-devkitc", 1344, 1345)]
    [InlineData("olimex-esp32-poe", 1344, 1345)]
    [InlineData("esp32-s3-devkitc", 10752, 10753)]
    public void An_event_ring_larger_than_the_boards_storage_keeps_is_refused_naming_the_most_it_keeps(string name, int fits, int tooMany)
    {
        var profile = BoardProfile.Load(Path.Combine(BoardProfile.Folder, name + ".json"));
        var ssid = profile.Network == "wifi" ? "东门岗亭-IoT" : null;
        var json = DeviceConfigBuilder.Build(new DeviceRequest("maple-court", "gate-1", name, LockType.Strike, false, "broker.lan", 8883, true, ssid), profile);
        ControllerConfig With(int events)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
            node["eventCapacity"] = events;
            return ConfigReader.Read(node.ToJsonString(), new ConfigErrors())!;
        }

        Assert.Equal(fits, profile.MaxEvents);
        Assert.Empty(profile.Check(With(fits)));
        var problem = Assert.Single(profile.Check(With(tooMany)));
        Assert.StartsWith($"eventCapacity: {tooMany}, but board {name} ({profile.FlashMegabytes} MB of flash", problem);
        Assert.Contains($"keeps at most {fits} events", problem);
        Assert.Empty(profile.Check(With(1024))); // the default fits every board
    }

    [Fact]
    public void A_wifi_board_keeps_its_chinese_network_name_readable_and_its_password_in_the_secrets()
    {
        var profile = BoardProfile.Load(Path.Combine(BoardProfile.Folder, "esp32-devkitc.json"));
        var json = DeviceConfigBuilder.Build(new DeviceRequest("maple-court", "east-gate", "esp32-devkitc", LockType.Strike, true, "broker.lan", 8883, true, "东门岗亭-IoT"), profile);
        var config = ConfigReader.Read(json, new ConfigErrors())!;
        var errors = new ConfigErrors();
        var secrets = SecretsReader.Read(SecretsGenerator.Generate("maple-court", "east-gate", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "correct horse battery"), "east-gate", errors);

        Assert.Contains("\"ssid\": \"东门岗亭-IoT\"", json, StringComparison.Ordinal);
        Assert.NotNull(secrets);
        Assert.Equal("correct horse battery", secrets!.WifiPassword);
        SecretsReader.CheckAgainst(config, secrets, errors);
        Assert.Equal(0, errors.Count);
    }

    [Fact]
    public void An_ethernet_board_gets_no_wifi_and_refuses_a_network_name()
    {
        var profile = BoardProfile.Load(Path.Combine(BoardProfile.Folder, "olimex-esp32-poe.json"));
        var request = new DeviceRequest("maple-court", "north-gate", "olimex-esp32-poe", LockType.Maglock, false, "broker.lan", 8883, true);

        var config = ConfigReader.Read(DeviceConfigBuilder.Build(request, profile), new ConfigErrors())!;
        var refused = Assert.Throws<ArgumentException>(() => DeviceConfigBuilder.Build(request with { WifiSsid = "东门岗亭" }, profile));

        Assert.Equal(NetworkType.Ethernet, config.Network.Type);
        Assert.Null(config.Network.Ssid);
        Assert.Contains("is wired", refused.Message, StringComparison.Ordinal);
        var errors = new ConfigErrors();
        var secrets = SecretsReader.Read(SecretsGenerator.Generate("maple-court", "north-gate", null, "correct horse battery"), "north-gate", errors)!;
        SecretsReader.CheckAgainst(config, secrets, errors);
        Assert.Contains(Enumerable.Range(0, errors.Count).Select(i => errors[i]), e => e.StartsWith("secrets.wifiPassword: is set, but the config's network is not Wi-Fi", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fixed_address_round_trips_through_the_core_reader()
    {
        var profile = BoardProfile.Load(Path.Combine(BoardProfile.Folder, "olimex-esp32-poe.json"));
        var request = new DeviceRequest("maple-court", "north-gate", "olimex-esp32-poe", LockType.Strike, true, "broker.lan", 8883, true,
            Address: new FixedAddress("192.168.10.21", "255.255.255.0", "192.168.10.1", ["192.168.10.1", "223.5.5.5"]), NtpServers: ["ntp.estate.lan"]);

        var errors = new ConfigErrors();
        var config = ConfigReader.Read(DeviceConfigBuilder.Build(request, profile), errors);

        Assert.True(config is not null, errors.ToString());
        Assert.Equal("192.168.10.21", config!.Network.StaticIp);
        Assert.Equal(new[] { "192.168.10.1", "223.5.5.5" }, config.Network.DnsServers);
        Assert.Equal(new[] { "ntp.estate.lan" }, config.Time.NtpServers);
    }

    [Fact]
    public void A_wifi_board_without_a_network_name_is_refused()
    {
        var profile = BoardProfile.Load(Path.Combine(BoardProfile.Folder, "esp32-devkitc.json"));

        var refused = Assert.Throws<ArgumentException>(() =>
            DeviceConfigBuilder.Build(new DeviceRequest("maple-court", "gate-1", "esp32-devkitc", LockType.Strike, true, "broker.lan", 8883, true), profile));

        Assert.StartsWith("--wifi-ssid: board esp32-devkitc joins Wi-Fi", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_secrets_are_valid_random_and_per_device()
    {
        var a = SecretsReader.Read(SecretsGenerator.Generate("maple-court", "gate-1", null), "gate-1", new ConfigErrors());
        var b = SecretsReader.Read(SecretsGenerator.Generate("maple-court", "gate-1", null), "gate-1", new ConfigErrors());

        Assert.NotNull(a);
        Assert.Equal("maple-court.gate-1", a!.MqttUsername);
        Assert.Equal(32, a.CommandKey.Length);
        Assert.NotEqual(a.MqttPassword, b!.MqttPassword);
        Assert.NotEqual(a.CommandKey, b.CommandKey);
    }

    [Theory]
    [InlineData("\"mqttPassword\": \"short\"", "secrets.mqttPassword: must be at least 16 characters")]
    [InlineData("\"commandKey\": \"abcd\"", "secrets.commandKey: must be 64 hex digits")]
    [InlineData("\"deviceId\": \"gate-2\"", "secrets.deviceId: is 'gate-2', but the config is for 'gate-1'")]
    public void Weak_or_misplaced_secrets_are_refused(string replacement, string reason)
    {
        var json = "{ \"version\": 1, \"deviceId\": \"gate-1\", \"mqttUsername\": \"u\", \"mqttPassword\": \"0123456789abcdefXYZ\", \"commandKey\": \"" + new string('a', 64) + "\" }";
        var field = replacement[..replacement.IndexOf(':', StringComparison.Ordinal)];
        var start = json.IndexOf(field, StringComparison.Ordinal);
        var end = json.IndexOf(',', start) is var comma && comma > 0 ? comma : json.IndexOf('}', start);
        json = json[..start] + replacement + json[end..];
        var errors = new ConfigErrors();

        Assert.Null(SecretsReader.Read(json, "gate-1", errors));
        Assert.Contains(Enumerable.Range(0, errors.Count).Select(i => errors[i]), e => e.StartsWith(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void The_acl_gives_each_device_only_its_own_topics_and_commands_only_to_the_console()
    {
        var acl = MosquittoAcl.Acl(new[] { new BrokerAccount("maple-court", "gate-1", "maple-court.gate-1", "p") }, "dutyroom");
        var lines = acl.Split('\n').Select(l => l.Trim()).ToList();
        var device = lines.SkipWhile(l => l != "user maple-court.gate-1").Skip(1).TakeWhile(l => l.Length > 0).ToList();

        Assert.All(device, l => Assert.Contains("kiosk/v1/maple-court/gate-1/", l, StringComparison.Ordinal));
        Assert.DoesNotContain(device, l => l.StartsWith("topic write", StringComparison.Ordinal) && l.EndsWith("/cmd", StringComparison.Ordinal));
        Assert.Contains("topic write kiosk/v1/maple-court/+/cmd", lines);
    }
}
