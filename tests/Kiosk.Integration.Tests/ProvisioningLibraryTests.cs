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
            var json = DeviceConfigBuilder.Build(new DeviceRequest("maple-court", "gate-1", name, lockType, false, "broker.lan", 8883, true), profile);
            var errors = new ConfigErrors();

            var config = ConfigReader.Read(json, errors);

            Assert.True(config is not null, errors.ToString());
            Assert.Empty(profile.Check(config!));
            Assert.Equal(lockType, config!.Lock.Type);
            Assert.Equal("broker.lan", config.Mqtt.Host);
        }
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
