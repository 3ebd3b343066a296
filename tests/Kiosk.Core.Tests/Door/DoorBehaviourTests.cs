using System.Linq;
using Kiosk.Core.Alarms;
using Kiosk.Core.Commands;
using Kiosk.Core.Config;
using Kiosk.Core.Door;
using Kiosk.Core.Events;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Door;

/// <summary>The door state machine, through the whole controller, on the virtual clock.</summary>
public sealed class DoorBehaviourTests
{
    private readonly EntranceRig _rig = new EntranceRig().Settled();

    private Alarm AlarmOf(AlarmKind kind) => _rig.Controller.Alarms.Find(kind, 0)!;

    [Fact]
    public void A_settled_door_is_locked_and_closed_with_the_lock_secure()
    {
        Assert.Equal(DoorState.LockedClosed, _rig.Controller.DoorState);
        Assert.False(_rig.LockPinReleased);
        Assert.True(_rig.Controller.Settled);
    }

    [Fact]
    public void Remote_unlock_releases_the_lock_within_the_tick_and_relocks_when_the_door_closes()
    {
        Assert.Equal(CommandResult.Ok, _rig.Controller.RemoteUnlock("operator:li", _rig.Now));
        Assert.True(_rig.LockPinReleased); // GB 50396: open command → lock moving ≤ 2 s; here, at once
        Assert.Equal(DoorState.Unlocked, _rig.Controller.DoorState);

        _rig.Set(InputFunction.DoorContact, true);
        _rig.Run(300);
        Assert.Equal(DoorState.OpenAuthorised, _rig.Controller.DoorState);

        _rig.Set(InputFunction.DoorContact, false);
        _rig.Run(300);
        Assert.Equal(DoorState.LockedClosed, _rig.Controller.DoorState);
        Assert.False(_rig.LockPinReleased);
        Assert.Empty(_rig.Events(EventType.AlarmRaised));
    }

    [Fact]
    public void An_unlock_nobody_uses_relocks_after_the_pulse_and_says_the_door_was_not_opened()
    {
        _rig.Controller.RemoteUnlock("operator:li", _rig.Now);

        _rig.RunSeconds(4.9);
        Assert.True(_rig.LockPinReleased);
        _rig.RunSeconds(0.2);

        Assert.False(_rig.LockPinReleased);
        Assert.Equal(DoorState.LockedClosed, _rig.Controller.DoorState);
        Assert.Contains(_rig.Events(EventType.Command), e => e.Code == (int)CommandResult.DoorNotOpened && e.Source == "operator:li");
    }

    [Fact]
    public void The_lock_relocks_at_the_end_of_the_pulse_even_if_the_door_is_still_open()
    {
        _rig.Controller.RemoteUnlock("operator:li", _rig.Now);
        _rig.Set(InputFunction.DoorContact, true);
        _rig.RunSeconds(6);

        Assert.False(_rig.LockPinReleased);
        Assert.Equal(DoorState.OpenAuthorised, _rig.Controller.DoorState);
    }

    [Fact]
    public void Exit_button_opens_locally_with_no_network()
    {
        _rig.Press(InputFunction.ExitButton);

        Assert.True(_rig.LockPinReleased);
        Assert.Contains(_rig.Events(EventType.DoorState), e => e.Source == "exit-button" && e.Code == (int)DoorState.Unlocked);
    }

    [Fact]
    public void Forced_open_at_night_latches_until_acknowledged()
    {
        _rig.Set(InputFunction.DoorContact, true);
        _rig.Run(300);

        Assert.Equal(DoorState.ForcedOpen, _rig.Controller.DoorState);
        Assert.True(AlarmOf(AlarmKind.ForcedOpen).Latched);
        Assert.False(_rig.LockPinReleased);
        Assert.Equal(CommandResult.Rejected, _rig.Controller.Acknowledge(0, "operator:li", _rig.Now)); // still open

        _rig.Set(InputFunction.DoorContact, false);
        _rig.Run(300);
        Assert.Equal(DoorState.LockedClosed, _rig.Controller.DoorState);
        Assert.True(AlarmOf(AlarmKind.ForcedOpen).Latched); // closed, but latched until someone resets it

        Assert.Equal(CommandResult.Ok, _rig.Controller.Acknowledge((int)AlarmKind.ForcedOpen, "operator:li", _rig.Now));
        Assert.False(AlarmOf(AlarmKind.ForcedOpen).Latched);
        var story = _rig.Events().Where(e => e.Type is EventType.AlarmRaised or EventType.AlarmRestored or EventType.AlarmReset).Select(e => e.Type);
        Assert.Equal(new[] { EventType.AlarmRaised, EventType.AlarmRestored, EventType.AlarmReset }, story);
    }

    [Fact]
    public void A_door_held_open_past_the_timeout_becomes_DOOR_OPEN_TOO_LONG()
    {
        _rig.Controller.RemoteUnlock("operator:li", _rig.Now);
        _rig.Set(InputFunction.DoorContact, true);
        _rig.RunSeconds(29);
        Assert.Equal(DoorState.OpenAuthorised, _rig.Controller.DoorState);

        _rig.RunSeconds(1.5);

        Assert.Equal(DoorState.DoorOpenTooLong, _rig.Controller.DoorState);
        Assert.True(AlarmOf(AlarmKind.HeldOpen).Latched);
    }

    [Fact]
    public void A_held_open_timeout_of_zero_never_alarms()
    {
        var rig = EntranceRig.With(n => n["lock"]!["heldOpenTimeoutSeconds"] = 0).Settled();
        rig.Controller.RemoteUnlock("operator:li", rig.Now);
        rig.Set(InputFunction.DoorContact, true);

        rig.RunSeconds(600);

        Assert.Equal(DoorState.OpenAuthorised, rig.Controller.DoorState);
        Assert.Empty(rig.Events(EventType.AlarmRaised));
    }

    [Fact]
    public void Lock_down_refuses_remote_and_exit_unlocks()
    {
        _rig.Controller.SetLockDown(true, "operator:li", _rig.Now);
        _rig.Run(100);

        Assert.Equal(CommandResult.Rejected, _rig.Controller.RemoteUnlock("operator:li", _rig.Now));
        _rig.Press(InputFunction.ExitButton);

        Assert.Equal(DoorState.LockDown, _rig.Controller.DoorState);
        Assert.False(_rig.LockPinReleased);
        Assert.DoesNotContain(true, _rig.Lock.Writes.Select(w => w == _rig.Config.Lock.ReleaseLevel));
        Assert.Contains(_rig.Events(EventType.Command), e => e.Detail == "exit refused: lock-down");
    }

    [Fact]
    public void Lock_down_ends_an_unlock_pulse_already_running()
    {
        _rig.Controller.RemoteUnlock("operator:li", _rig.Now);
        Assert.True(_rig.LockPinReleased);

        _rig.Controller.SetLockDown(true, "operator:wang", _rig.Now);

        Assert.False(_rig.LockPinReleased);
    }

    [Theory]
    [InlineData("strike")]
    [InlineData("maglock")]
    public void Fire_releases_the_lock_whatever_the_lock_type_even_in_lock_down(string type)
    {
        var rig = EntranceRig.With(n => SampleConfig.SetLock(n, type)).Settled();
        rig.Controller.SetLockDown(true, "operator:li", rig.Now);

        rig.Set(InputFunction.Fire, true);
        rig.Run(300);

        Assert.Equal(DoorState.FreeAccess, rig.Controller.DoorState);
        Assert.True(rig.LockPinReleased);
        rig.Set(InputFunction.DoorContact, true); // people leave: no forced-open during fire
        rig.RunSeconds(120);
        Assert.Null(rig.Events(EventType.AlarmRaised).FirstOrDefault(e => e.Code == (int)AlarmKind.ForcedOpen));

        rig.Set(InputFunction.Fire, false);
        rig.Set(InputFunction.DoorContact, false);
        rig.Run(500);
        Assert.False(rig.LockPinReleased);
        Assert.Equal(DoorState.LockDown, rig.Controller.DoorState);
    }

    [Fact]
    public void A_cut_fire_line_reads_as_fire_and_releases_the_lock()
    {
        // NC fire contact with a pull-up: a cut wire floats high, the same as the panel opening the contact.
        var channel = _rig.Config.ChannelOf(InputFunction.Fire);
        _rig.Pins.DriveChannel(channel, true);
        _rig.Run(500);

        Assert.True(_rig.LockPinReleased);
    }

    [Fact]
    public void Tamper_raises_a_latched_alarm()
    {
        _rig.Set(InputFunction.Tamper, true);
        _rig.Run(200);
        _rig.Set(InputFunction.Tamper, false);
        _rig.Run(200);

        var tamper = _rig.Controller.Alarms.Find(AlarmKind.Tamper, _rig.Config.ChannelOf(InputFunction.Tamper))!;
        Assert.True(tamper.Latched);
        Assert.False(tamper.Active);
    }

    [Fact]
    public void A_flapping_door_contact_becomes_DOOR_FAULT_once_not_a_flood()
    {
        for (var i = 0; i < 200; i++)
        {
            _rig.Set(InputFunction.DoorContact, i % 2 == 0);
            _rig.Run(20);
        }

        Assert.Equal(DoorState.DoorFault, _rig.Controller.DoorState);
        Assert.Single(_rig.Events(EventType.InputFault));
        Assert.True(_rig.Events().Count < 40, $"{_rig.Events().Count} events for 200 flaps");
        Assert.False(_rig.LockPinReleased);

        _rig.Set(InputFunction.DoorContact, false);
        _rig.RunSeconds(61);
        Assert.Equal(DoorState.LockedClosed, _rig.Controller.DoorState);
        Assert.Single(_rig.Events(EventType.InputRecovered));
    }

    [Fact]
    public void A_bouncing_contact_is_one_change()
    {
        _rig.Controller.RemoteUnlock("operator:li", _rig.Now);
        foreach (var level in new[] { true, false, true, false, true })
        {
            _rig.Set(InputFunction.DoorContact, level);
            _rig.Run(10);
        }
        _rig.Run(300);

        var doorEvents = _rig.Events(EventType.DoorState).Where(e => e.Code == (int)DoorState.OpenAuthorised).ToList();
        Assert.Single(doorEvents);
    }
}
