using System.Linq;
using Kiosk.Core.Config;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Link;

/// <summary>
/// A live event leaves alone in its tick and the state snapshot that changed with it follows one
/// tick later: the duty room waits for the ring, not for the snapshot, and on the device both
/// would share one CPU and one socket. One tick at most, backlog or not.
/// </summary>
public sealed class EventBeforeStateTests
{
    private static int TickOf(NodeRig n, int publishIndex, int[] publishesAtTick)
    {
        for (var t = 0; t < publishesAtTick.Length; t++)
            if (publishesAtTick[t] > publishIndex)
                return t;
        return -1;
    }

    /// <summary>Steps the node one tick at a time; returns how many publishes there were after each tick.</summary>
    private static int[] StepTicks(NodeRig n, int ticks)
    {
        var counts = new int[ticks];
        for (var t = 0; t < ticks; t++)
        {
            n.Run(EntranceRig.TickMillis);
            counts[t] = n.Transport.Published.Count;
        }
        return counts;
    }

    private static int IndexOf(NodeRig n, int from, string topicSuffix, System.Func<System.Text.Json.JsonElement, bool> match)
    {
        for (var i = from; i < n.Transport.Published.Count; i++)
        {
            var p = n.Transport.Published[i];
            if (p.Topic.EndsWith(topicSuffix, System.StringComparison.Ordinal)
                && match(System.Text.Json.JsonDocument.Parse(p.Payload).RootElement))
                return i;
        }
        return -1;
    }

    [Fact]
    public void The_ring_is_published_in_its_own_tick_and_the_calling_state_in_the_next()
    {
        var n = new NodeRig();
        n.Run(1500);
        n.Connect();
        n.AckAll();
        n.Run(1000);
        var from = n.Transport.Published.Count;

        n.Rig.Set(InputFunction.CallButton, true);
        var counts = StepTicks(n, 20);

        var ring = IndexOf(n, from, "/events", e => e.GetProperty("type").GetString() == "call" && e.GetProperty("name").GetString() == "calling");
        var state = IndexOf(n, from, "/state", s => s.GetProperty("call").GetString() == "calling");
        Assert.True(ring >= 0, "the call never rang");
        Assert.True(state > ring, $"the calling state (publish {state}) went out before or without the ring (publish {ring})");
        Assert.Equal(TickOf(n, ring, counts) + 1, TickOf(n, state, counts));
    }

    [Fact]
    public void While_a_backlog_drains_the_alarm_goes_first_and_its_state_follows_within_a_tick()
    {
        var n = NodeRig.ConnectedWithBacklog(300);
        var rig = n.Rig;
        var from = n.Transport.Published.Count;

        rig.Set(InputFunction.Tamper, true);
        var counts = new int[40];
        for (var t = 0; t < counts.Length; t++)
        {
            n.AckAll(EntranceRig.TickMillis); // the broker keeps up with the backlog
            counts[t] = n.Transport.Published.Count;
        }

        var alarm = IndexOf(n, from, "/events", e => e.GetProperty("type").GetString() == "alarm-raised");
        var state = IndexOf(n, from, "/state", s => s.GetProperty("latched").GetArrayLength() > 0);
        Assert.True(alarm >= 0, "the tamper alarm was never sent");
        Assert.True(state > alarm, $"the alarm's state (publish {state}) went out before or without its event (publish {alarm})");
        Assert.InRange(TickOf(n, state, counts) - TickOf(n, alarm, counts), 0, 1);
        Assert.True(n.Node.Outbox.Backlog > 0, "the backlog should still be draining: the test must show the state is not starved by it");
    }
}
