using System;
using System.Linq;
using System.Text;
using Kiosk.Core.Commands;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Security;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Security;

/// <summary>
/// Anyone who can publish to a command topic must not be able to erase a forced-door record by
/// flooding it with garbage: refusals are rate-limited and summarised, and routine records give way
/// to the ones that matter when the store is nearly full.
/// </summary>
public sealed class CommandFloodTests
{
    private const string CommandTopic = "kiosk/v1/maple-court/main-gate/cmd";

    private static void Flood(NodeRig n, int count, Func<int, byte[]> payload)
    {
        for (var i = 0; i < count; i++)
        {
            n.Transport.Listener!.OnMessage(CommandTopic, payload(i), false, null, null);
            if (i % 100 == 99)
                n.Run(10); // 10,000 in about a second of loop time, as an attacker's client sends them
        }
        n.Run(10);
    }

    [Fact]
    public void Ten_thousand_malformed_commands_in_a_second_cost_six_records_and_the_forced_door_survives()
    {
        var n = new NodeRig();
        n.Rig.Settled();
        n.Rig.Set(InputFunction.DoorContact, true); // forced open, while the board is offline
        n.Run(500);
        var forced = n.Rig.History.Single(e => e.Type == EventType.DoorState && e.Source == "forced").Sequence;
        var before = n.Rig.Controller.Store.LastSequence;

        Flood(n, 10_000, i => Encoding.ASCII.GetBytes("{\"v\":1,\"garbage\":" + i + "}"));
        n.Run(61_000);

        var added = n.Rig.History.Where(e => e.Sequence > before).ToList();
        Assert.Equal(RefusalLog.RecordedPerWindow, added.Count(e => e.Type == EventType.Command));
        var summary = Assert.Single(added, e => e.Type == EventType.RefusalSummary);
        Assert.Equal(10_000 - RefusalLog.RecordedPerWindow, summary.Code);
        Assert.StartsWith("first: ", summary.Detail, StringComparison.Ordinal);
        var record = new EventRecord();
        Assert.True(n.Rig.Controller.Store.TryRead(forced, record));
        Assert.Equal(0, n.Rig.Controller.Store.OverwrittenUndelivered);
    }

    [Fact]
    public void A_steady_trickle_of_refusals_is_recorded_one_by_one()
    {
        var n = new NodeRig();
        n.Rig.Settled();
        var before = n.Rig.Controller.Store.LastSequence;

        for (var i = 0; i < 4; i++)
        {
            n.Transport.Listener!.OnMessage(CommandTopic, Encoding.ASCII.GetBytes("not json " + i), false, null, null);
            n.Run(30_000);
        }

        var added = n.Rig.History.Where(e => e.Sequence > before).ToList();
        Assert.Equal(4, added.Count(e => e.Type == EventType.Command && e.Code == (int)CommandResult.Invalid));
        Assert.DoesNotContain(added, e => e.Type == EventType.RefusalSummary);
    }

    [Fact]
    public void When_undelivered_records_fill_the_store_refusals_give_way_and_door_records_are_kept()
    {
        var storage = new MemoryStorage();
        var rig = EntranceRig.With(c => { c["eventCapacity"] = 1000; c["flapLimitPerMinute"] = 600; }, storage);
        var n = new NodeRig(rig);
        rig.Settled();
        // A long outage: a guard's patrols fill the ring to the nearly-full mark, undelivered.
        var store = rig.Controller.Store;
        for (var i = 0; i < 2000 && !store.UnderPressure; i++)
        {
            rig.Set(InputFunction.Patrol, true);
            rig.Run(100);
            rig.Set(InputFunction.Patrol, false);
            rig.Run(100);
        }
        Assert.True(store.UnderPressure);
        var last = store.LastSequence;

        for (var minute = 0; minute < 30; minute++) // half an hour of floods: every window's refusals
        {
            Flood(n, 200, i => Encoding.ASCII.GetBytes("{}"));
            n.Run(60_000);
        }
        rig.Set(InputFunction.DoorContact, true); // and then the door is forced
        rig.Run(500);

        var added = rig.History.Where(e => e.Sequence > last).ToList();
        Assert.DoesNotContain(added, e => e.Type == EventType.Command || e.Type == EventType.RefusalSummary);
        Assert.True(store.DroppedRoutine >= 30 * (RefusalLog.RecordedPerWindow + 1), $"dropped {store.DroppedRoutine}");
        Assert.Contains(added, e => e.Type == EventType.DoorState && e.Source == "forced");
        Assert.Equal(0, store.OverwrittenUndelivered);

        // Once delivered, the store says what it left out.
        n.Connect();
        for (var i = 0; i < 60 && store.Undelivered > 0; i++)
        {
            n.AckAll();
            n.Run(1000);
        }
        rig.Set(InputFunction.DoorContact, false);
        rig.Run(500);
        Assert.Contains(rig.History, e => e.Type == EventType.StoreWarning && e.Code == 4 && e.Detail.StartsWith("routine records not kept while full", StringComparison.Ordinal));
    }
}
