using System.Collections.Generic;
using System.Linq;
using Kiosk.Core.Call;
using Kiosk.Core.Commands;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Call;

public sealed class VisitorCallTests
{
    private readonly EntranceRig _rig;

    public VisitorCallTests()
    {
        _rig = new EntranceRig().Settled();
        _rig.Online();
        _rig.Run(20);
    }

    private List<(CallState State, string Id)> CallStory() =>
        _rig.Events(EventType.Call).Select(e => ((CallState)e.Code, e.Source)).ToList();

    [Fact]
    public void A_call_answered_and_the_door_opened_tells_the_whole_story()
    {
        _rig.Press(InputFunction.CallButton);
        var id = _rig.Controller.Call.CallId;
        Assert.Equal(CallState.Calling, _rig.Controller.Call.State);
        Assert.Equal(IndicatorMode.Ringing, _rig.Controller.Indicator.Mode);

        _rig.Controller.CallDelivered(id, _rig.Now);
        Assert.Equal(CallState.Ringing, _rig.Controller.Call.State);
        Assert.Equal(CommandResult.Ok, _rig.Controller.AnswerCall(id, "operator:li", _rig.Now));
        _rig.Run(100);
        Assert.Equal(IndicatorMode.Connected, _rig.Controller.Indicator.Mode);

        _rig.Controller.RemoteUnlock("operator:li", _rig.Now);
        _rig.Run(100);
        Assert.Equal(IndicatorMode.DoorOpen, _rig.Controller.Indicator.Mode);
        Assert.Equal(CommandResult.Ok, _rig.Controller.EndCall(id, "operator:li", _rig.Now));

        Assert.Equal(new[] { CallState.Calling, CallState.Ringing, CallState.Connected, CallState.Ended }, CallStory().Select(s => s.State));
        Assert.All(CallStory(), s => Assert.Equal(id, s.Id));
        Assert.Equal($"{_rig.Controller.BootId}-1", id);
    }

    [Fact]
    public void Nobody_answering_within_the_ring_timeout_is_a_missed_call_the_visitor_is_told_about()
    {
        _rig.Press(InputFunction.CallButton);
        _rig.Controller.CallDelivered(_rig.Controller.Call.CallId, _rig.Now);

        _rig.RunSeconds(46);

        Assert.Equal(CallState.Missed, CallStory().Last().State);
        Assert.Equal(IndicatorMode.NobodyAnswered, _rig.Controller.Indicator.Mode);
        _rig.RunSeconds(11);
        Assert.Equal(IndicatorMode.Ready, _rig.Controller.Indicator.Mode);
    }

    [Fact]
    public void A_long_press_cancels_the_call()
    {
        _rig.Press(InputFunction.CallButton, holdMillis: 2500);

        Assert.Equal(new[] { CallState.Calling, CallState.Cancelled }, CallStory().Select(s => s.State));
        Assert.Equal(IndicatorMode.Cancelled, _rig.Controller.Indicator.Mode);
    }

    [Fact]
    public void Pressing_while_offline_fails_at_once_and_says_so()
    {
        _rig.Offline();
        _rig.Run(20);

        _rig.Press(InputFunction.CallButton);

        Assert.Equal(new[] { CallState.Calling, CallState.FailedOffline }, CallStory().Select(s => s.State));
        Assert.Equal(IndicatorMode.CallFailed, _rig.Controller.Indicator.Mode);
    }

    [Fact]
    public void A_call_the_duty_room_never_receives_fails_after_the_delivery_timeout()
    {
        _rig.Press(InputFunction.CallButton);

        _rig.RunSeconds(11);

        Assert.Equal(CallState.FailedOffline, CallStory().Last().State);
    }

    [Fact]
    public void Repeated_presses_during_a_call_and_just_after_are_ignored()
    {
        _rig.Press(InputFunction.CallButton);
        _rig.Press(InputFunction.CallButton);
        _rig.Press(InputFunction.CallButton);
        _rig.Controller.EndCall(_rig.Controller.Call.CallId, "operator:li", _rig.Now);
        _rig.Press(InputFunction.CallButton); // within anti-repeat

        Assert.Single(CallStory(), s => s.State == CallState.Calling);
        Assert.Equal(3, _rig.Controller.Call.IgnoredPresses);

        _rig.RunSeconds(6);
        _rig.Press(InputFunction.CallButton);
        Assert.Equal(2, CallStory().Count(s => s.State == CallState.Calling));
        Assert.Equal($"{_rig.Controller.BootId}-2", _rig.Controller.Call.CallId);
    }

    [Fact]
    public void Answering_a_stale_or_taken_call_is_refused()
    {
        _rig.Press(InputFunction.CallButton);
        var id = _rig.Controller.Call.CallId;

        Assert.Equal(CommandResult.Rejected, _rig.Controller.AnswerCall("99-1", "operator:li", _rig.Now));
        Assert.Equal(CommandResult.Ok, _rig.Controller.AnswerCall(id, "operator:li", _rig.Now));
        Assert.Equal(CommandResult.Busy, _rig.Controller.AnswerCall(id, "operator:wang", _rig.Now));
    }

    [Fact]
    public void A_forgotten_connected_call_ends_by_itself()
    {
        _rig.Press(InputFunction.CallButton);
        _rig.Controller.AnswerCall(_rig.Controller.Call.CallId, "operator:li", _rig.Now);

        _rig.RunSeconds(301);

        Assert.Equal(CallState.Ended, CallStory().Last().State);
    }

    [Fact]
    public void Every_indicator_mode_looks_and_sounds_different()
    {
        var modes = System.Enum.GetValues<IndicatorMode>();
        var patterns = modes.Select(m => (Indicator.LedPattern(m), Indicator.BuzzerPattern(m))).ToList();

        Assert.Equal(modes.Length, patterns.Distinct().Count());
    }

    [Fact]
    public void The_idle_booth_blinks_its_beacon_without_rewriting_unchanged_pins()
    {
        var led = _rig.Output(OutputFunction.CallLed);
        var before = led.Writes.Count;

        _rig.RunSeconds(32); // ten 3.2 s cycles

        Assert.Equal(20, led.Writes.Count - before); // on and off once per cycle, nothing in between
    }
}
