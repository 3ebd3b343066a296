using System.Linq;
using Kiosk.Core.Alarms;
using Kiosk.Core.Commands;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Alarms;

public sealed class AlarmInputTests
{
    private readonly EntranceRig _rig = new EntranceRig().Settled();

    private Alarm AlarmOn(InputFunction function, AlarmKind kind) =>
        _rig.Controller.Alarms.Find(kind, _rig.Config.ChannelOf(function))!;

    [Fact]
    public void A_perimeter_beam_trip_latches_until_acknowledged()
    {
        _rig.Press(InputFunction.Perimeter);

        var alarm = AlarmOn(InputFunction.Perimeter, AlarmKind.Perimeter);
        Assert.True(alarm.Latched);
        Assert.Equal("east-fence", _rig.Events(EventType.AlarmRaised).Single().Source);

        Assert.Equal(CommandResult.Ok, _rig.Controller.Acknowledge((int)AlarmKind.Perimeter, "operator:li", _rig.Now));
        Assert.False(alarm.Latched);
    }

    [Fact]
    public void The_emergency_button_latches_itself_after_release()
    {
        _rig.Press(InputFunction.Emergency, holdMillis: 100);

        var alarm = AlarmOn(InputFunction.Emergency, AlarmKind.Emergency);
        Assert.True(alarm.Latched);
        Assert.False(alarm.Active);
        _rig.RunSeconds(3600);
        Assert.True(alarm.Latched);
    }

    [Fact]
    public void Acknowledging_one_kind_leaves_the_others_latched()
    {
        _rig.Press(InputFunction.Perimeter);
        _rig.Press(InputFunction.Emergency);

        _rig.Controller.Acknowledge((int)AlarmKind.Perimeter, "operator:li", _rig.Now);

        Assert.True(AlarmOn(InputFunction.Emergency, AlarmKind.Emergency).Latched);
        Assert.Equal(1, _rig.Controller.Alarms.LatchedCount);
    }

    [Fact]
    public void A_patrol_check_in_is_recorded_with_the_point_name()
    {
        _rig.Press(InputFunction.Patrol);

        var patrol = Assert.Single(_rig.Events(EventType.Patrol));
        Assert.Equal("gate-checkpoint", patrol.Source);
        Assert.Empty(_rig.Events(EventType.AlarmRaised));
    }

    [Fact]
    public void A_flapping_alarm_input_is_one_input_fault_not_a_flood_of_alarms()
    {
        for (var i = 0; i < 300; i++)
        {
            _rig.Set(InputFunction.Perimeter, i % 2 == 0);
            _rig.Run(60);
        }

        Assert.Single(_rig.Events(EventType.InputFault));
        Assert.True(_rig.Controller.Alarms.Find(AlarmKind.InputFault, _rig.Config.ChannelOf(InputFunction.Perimeter))!.Latched);
        Assert.True(_rig.Events(EventType.AlarmRaised).Count < 40);
    }

    [Fact]
    public void Every_event_carries_time_boot_and_sequence()
    {
        _rig.Press(InputFunction.Patrol);

        var events = _rig.Events();
        Assert.All(events, e =>
        {
            Assert.True(e.TimeSynced);
            Assert.Equal(_rig.Controller.BootId, e.BootId);
            Assert.True(e.UnixMillis > 1_700_000_000_000);
        });
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
    }
}
