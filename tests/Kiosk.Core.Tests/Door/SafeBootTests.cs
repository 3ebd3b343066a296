using System.Linq;
using Kiosk.Core.Alarms;
using Kiosk.Core.Boot;
using Kiosk.Core.Config;
using Kiosk.Core.Door;
using Kiosk.Core.Events;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Door;

/// <summary>
/// The relay must never click the door open at boot (the first complaint about hobby door
/// firmware): for each lock type and relay polarity, on cold boot, warm boot and a reboot in the
/// middle of an unlock, the lock pin sees only the secure level until an authorised cause.
/// </summary>
public sealed class SafeBootTests
{
    public static TheoryData<string, bool> LockKinds => new()
    {
        { "strike", true }, { "strike", false }, { "maglock", true }, { "maglock", false },
    };

    private static EntranceRig Rig(string type, bool relayActiveHigh, MemoryStorage? storage = null) =>
        EntranceRig.With(n =>
        {
            SampleConfig.SetLock(n, type);
            n["lock"]!["relayActiveHigh"] = relayActiveHigh;
        }, storage);

    private static void AssertOnlySecureWrites(EntranceRig rig) =>
        Assert.All(rig.Lock.Writes, level => Assert.Equal(rig.Config.Lock.SecureLevel, level));

    [Theory]
    [MemberData(nameof(LockKinds))]
    public void Cold_boot_drives_the_secure_level_first_and_nothing_else(string type, bool relayActiveHigh)
    {
        var rig = Rig(type, relayActiveHigh);

        Assert.Equal(rig.Config.Lock.SecureLevel, rig.Lock.Writes[0]);
        rig.RunSeconds(10);
        AssertOnlySecureWrites(rig);
    }

    [Theory]
    [MemberData(nameof(LockKinds))]
    public void Reboot_during_an_unlock_comes_back_locked(string type, bool relayActiveHigh)
    {
        var rig = Rig(type, relayActiveHigh).Settled();
        rig.Controller.RemoteUnlock("operator:li", rig.Now);
        Assert.True(rig.LockPinReleased);

        var after = rig.Reboot();
        after.RunSeconds(10);

        AssertOnlySecureWrites(after);
        Assert.Equal(DoorState.LockedClosed, after.Controller.DoorState);
        Assert.Equal(rig.Controller.BootId + 1, after.Controller.BootId);
    }

    [Theory]
    [MemberData(nameof(LockKinds))]
    public void Warm_boot_with_the_door_open_and_buttons_held_neither_unlocks_nor_cries_forced(string type, bool relayActiveHigh)
    {
        var first = Rig(type, relayActiveHigh).Settled();
        var rig = first.Reboot(r =>
        {
            r.SetAtBoot(InputFunction.DoorContact, true);
            r.SetAtBoot(InputFunction.ExitButton, true); // held (or shorted) during boot
        });

        rig.RunSeconds(5);

        AssertOnlySecureWrites(rig);
        Assert.Empty(rig.Events(EventType.AlarmRaised));
        Assert.Equal(DoorState.OpenAuthorised, rig.Controller.DoorState);
    }

    [Fact]
    public void A_door_open_at_boot_still_gets_a_held_open_alarm_if_it_stays_open()
    {
        var rig = new EntranceRig(beforeBoot: r => r.SetAtBoot(InputFunction.DoorContact, true));

        rig.RunSeconds(35);

        Assert.Equal(DoorState.DoorOpenTooLong, rig.Controller.DoorState);
        Assert.DoesNotContain(rig.Events(EventType.AlarmRaised), e => e.Code == (int)AlarmKind.ForcedOpen);
    }

    [Fact]
    public void Contact_bounce_while_inputs_settle_raises_no_false_forced_open()
    {
        var rig = new EntranceRig();
        for (var i = 0; i < 6; i++)
        {
            rig.Set(InputFunction.DoorContact, i % 2 == 0);
            rig.Run(40);
        }
        rig.Set(InputFunction.DoorContact, false);

        rig.RunSeconds(3);

        Assert.Empty(rig.Events(EventType.AlarmRaised));
    }

    [Fact]
    public void A_fire_signal_present_at_boot_releases_at_once_without_waiting_to_settle()
    {
        var rig = new EntranceRig(beforeBoot: r => r.SetAtBoot(InputFunction.Fire, true));

        Assert.True(rig.LockPinReleased);
        Assert.Equal(DoorState.FreeAccess, rig.Controller.DoorState);
        Assert.Equal(rig.Config.Lock.SecureLevel, rig.Lock.Writes[0]); // secure first, even so
    }

    [Fact]
    public void Tamper_open_at_boot_is_reported_once_inputs_settle()
    {
        var rig = new EntranceRig(beforeBoot: r => r.SetAtBoot(InputFunction.Tamper, true));
        Assert.Empty(rig.Events(EventType.AlarmRaised));

        rig.RunSeconds(2);

        Assert.Contains(rig.Events(EventType.AlarmRaised), e => e.Code == (int)AlarmKind.Tamper);
    }

    [Fact]
    public void The_boot_is_recorded_with_its_reason()
    {
        var rig = new EntranceRig();
        RebootReason.RecordPlanned(rig.Storage, "config update");
        var after = rig.Reboot();

        var boots = after.Events(EventType.Boot);
        Assert.Equal(2, boots.Count);
        Assert.Equal(RebootReason.Unplanned, boots[0].Detail);
        Assert.Equal("planned: config update", boots[1].Detail);
        Assert.Equal(after.Controller.BootId, boots[1].BootId);
    }

    [Theory]
    [MemberData(nameof(LockKinds))]
    public void The_saved_lock_wiring_gives_the_firmware_the_secure_level_before_any_config_is_read(string type, bool relayActiveHigh)
    {
        var rig = Rig(type, relayActiveHigh);

        Assert.True(LockWiring.TryLoad(rig.Storage, out var pin, out var secureHigh));
        Assert.Equal(25, pin);
        Assert.Equal(rig.Config.Lock.SecureLevel, secureHigh);
        Assert.Null(ConfigReader.Read("{ \"version\": 1, \"lock\": { \"pin\": 2 } }", new ConfigErrors()));
    }

    [Fact]
    public void Lock_wiring_survives_a_torn_rewrite()
    {
        var storage = new MemoryStorage();
        var settings = new LockSettings { Type = LockType.Maglock, Pin = 25 };
        LockWiring.Save(storage, settings);

        storage.TearNextWriteAfter(3, LockWiring.BlobName);
        Assert.Throws<PowerLossException>(() => LockWiring.Save(storage, new LockSettings { Type = LockType.Strike, Pin = 26 }));

        Assert.True(LockWiring.TryLoad(storage, out var pin, out var secureHigh));
        Assert.Equal(25, pin);
        Assert.Equal(settings.SecureLevel, secureHigh);
    }

    [Fact]
    public void A_new_board_has_no_saved_wiring()
    {
        Assert.False(LockWiring.TryLoad(new MemoryStorage(), out _, out _));
        Assert.Equal(1, BootCounter.Next(new MemoryStorage()));
    }

    [Fact]
    public void The_outputs_other_than_the_lock_start_off()
    {
        var rig = new EntranceRig();

        var lampRelay = rig.Output(OutputFunction.LampRelay);
        Assert.Equal(new[] { true }, lampRelay.Writes.Take(1)); // active-low relay: off is high
        Assert.Single(rig.Events(EventType.Boot));
    }
}
