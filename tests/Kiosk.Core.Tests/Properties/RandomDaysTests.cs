using System;
using System.Collections.Generic;
using Kiosk.Core.Alarms;
using Kiosk.Core.Commands;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Kiosk.Core.Tests.Properties;

/// <summary>
/// Property-style: random visitors, operators, fire drills, tampering, bouncing contacts and
/// network cuts for simulated days, with the invariants checked after every step. A failing
/// seed is printed so the run can be replayed.
/// </summary>
public sealed class RandomDaysTests
{
    private readonly ITestOutputHelper _output;

    public RandomDaysTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<int, string> Seeds => new()
    {
        { 1, "strike" }, { 2, "maglock" }, { 3, "strike" }, { 4, "maglock" }, { 5, "strike" }, { 6, "maglock" },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_lock_is_never_released_without_an_authorised_cause_and_no_alarm_is_ever_lost(int seed, string lockType)
    {
        var random = new Random(seed);
        var rig = EntranceRig.With(n => SampleConfig.SetLock(n, lockType));
        var raised = new HashSet<(AlarmKind, string)>();
        var reset = new HashSet<(AlarmKind, string)>();
        var seen = 0;
        var steps = 0;

        try
        {
            // Two simulated days in steps of 0.1..60 s, one random action per step.
            while (rig.Now < 2 * 24 * 3600 * 1000L)
            {
                Act(rig, random);
                rig.Run(random.Next(100, 60_000));
                steps++;
                seen = CheckInvariants(rig, raised, reset, seen);
            }
        }
        catch (Exception)
        {
            _output.WriteLine($"seed {seed} ({lockType}) failed at step {steps}, t = {rig.Now} ms");
            throw;
        }
        _output.WriteLine($"seed {seed}: {steps} steps, {rig.Controller.Store.LastSequence} events, {raised.Count} alarm points raised");
        Assert.True(steps > 1000);
    }

    private static void Act(EntranceRig rig, Random random)
    {
        var now = rig.Now;
        switch (random.Next(16))
        {
            case 0: rig.Controller.RemoteUnlock("operator:li", now); break;
            case 1: rig.Set(InputFunction.DoorContact, true); break;
            case 2: rig.Set(InputFunction.DoorContact, false); break;
            case 3: rig.Set(InputFunction.ExitButton, random.Next(2) == 0); break;
            case 4: rig.Set(InputFunction.CallButton, random.Next(2) == 0); break;
            case 5: rig.Set(InputFunction.Fire, random.Next(8) == 0); break;
            case 6: rig.Set(InputFunction.Tamper, random.Next(4) == 0); break;
            case 7: rig.Controller.SetLockDown(random.Next(3) == 0, "operator:wang", now); break;
            case 8: rig.Controller.Acknowledge(0, "operator:li", now); break;
            case 9: rig.Set(InputFunction.Perimeter, random.Next(3) == 0); break;
            case 10: rig.Set(InputFunction.Emergency, random.Next(2) == 0); break;
            case 11: rig.Light.SetPercent(random.Next(100)); break;
            case 12: if (random.Next(2) == 0) rig.Online(); else rig.Offline(); break;
            case 13: // a burst of contact bounce
                for (var i = 0; i < random.Next(2, 12); i++)
                {
                    rig.Set(InputFunction.DoorContact, i % 2 == 0);
                    rig.Run(random.Next(1, 30));
                }
                break;
            case 14: rig.Controller.AnswerCall(rig.Controller.Call.CallId, "operator:li", now); break;
            case 15: rig.Set(InputFunction.LampFeedback, random.Next(2) == 0); break;
        }
    }

    /// <returns>How much of the rig's history has been read.</returns>
    private static int CheckInvariants(EntranceRig rig, HashSet<(AlarmKind, string)> raised, HashSet<(AlarmKind, string)> reset, int seen)
    {
        var c = rig.Controller;
        var authorised = c.UnlockPulseActive || c.FireActive;
        Assert.True(!rig.LockPinReleased || authorised, "lock released with no unlock pulse and no fire");
        Assert.Equal(c.LockReleased, rig.LockPinReleased);
        if (c.LockDownActive && !c.FireActive)
            Assert.False(rig.LockPinReleased);

        // Every alarm point raised is latched, or was reset by an acknowledgement recorded after it.
        for (; seen < rig.History.Count; seen++)
        {
            var e = rig.History[seen];
            var point = ((AlarmKind)e.Code, e.Source);
            if (e.Type == EventType.AlarmRaised)
            {
                raised.Add(point);
                reset.Remove(point);
            }
            else if (e.Type == EventType.AlarmReset)
            {
                Assert.Contains(point, raised);
                reset.Add(point);
            }
        }
        for (var i = 0; i < c.Alarms.Count; i++)
        {
            var alarm = c.Alarms[i];
            if (alarm.Active)
                Assert.True(alarm.Latched, $"{alarm.Kind} {alarm.Name} active but not latched");
            if (raised.Contains((alarm.Kind, alarm.Name)) && !alarm.Latched)
                Assert.True(reset.Contains((alarm.Kind, alarm.Name)), $"{alarm.Kind} {alarm.Name} was raised and is no longer latched, but no reset was recorded");
            else if (raised.Contains((alarm.Kind, alarm.Name)))
                Assert.DoesNotContain((alarm.Kind, alarm.Name), reset);
        }
        return seen;
    }
}
