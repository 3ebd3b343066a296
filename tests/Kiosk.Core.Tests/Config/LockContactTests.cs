using System;
using System.Linq;
using Kiosk.Core.Config;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Config;

/// <summary>
/// Which relay contact the lock hangs on: the relay rests at every reset and crash, so a maglock on
/// NO (the old wiring) opened the door at every reboot. Maglocks go on NC and must say so.
/// </summary>
public sealed class LockContactTests
{
    private static string[] Errors(string type, string? contact)
    {
        var node = SampleConfig.Node();
        node["lock"]!["type"] = type;
        if (contact is not null)
            node["lock"]!["relayContact"] = contact;
        var errors = new ConfigErrors();
        ConfigReader.Read(node.ToJsonString(), errors);
        return Enumerable.Range(0, errors.Count).Select(i => errors[i]).ToArray();
    }

    [Fact]
    public void A_maglock_config_that_does_not_name_its_contact_is_refused()
    {
        Assert.Contains(Errors("maglock", null), e => e.StartsWith("lock.relayContact: is required for a maglock: \"NC\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_maglock_on_the_NO_contact_is_refused_because_it_opens_at_every_reset()
    {
        Assert.Contains(Errors("maglock", "NO"), e => e.StartsWith("lock.relayContact: a maglock on the relay's NO contact releases at every reset", StringComparison.Ordinal));
    }

    [Fact]
    public void A_strike_on_the_NC_contact_is_refused()
    {
        Assert.Contains(Errors("strike", "NC"), e => e.StartsWith("lock.relayContact: a strike on the relay's NC contact", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("strike", null)]
    [InlineData("strike", "NO")]
    [InlineData("maglock", "NC")]
    public void A_lock_on_its_fail_secure_contact_is_accepted(string type, string? contact)
    {
        Assert.Empty(Errors(type, contact));
    }

    [Theory]
    [InlineData("strike")]
    [InlineData("maglock")]
    public void Both_lock_types_release_with_the_relay_energised(string type)
    {
        var node = SampleConfig.Node();
        SampleConfig.SetLock(node, type);
        node["lock"]!["relayActiveHigh"] = false;

        var config = ConfigReader.Read(node.ToJsonString(), new ConfigErrors())!;

        Assert.False(config.Lock.ReleaseLevel); // active-low module: pin low energises the relay
        Assert.True(config.Lock.SecureLevel);
    }
}
