using System.Linq;
using Kiosk.Core.Config;
using Kiosk.Core.Link;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Link;

public sealed class OutboxTests
{
    private readonly NodeRig _n = new();

    private long[] SentSequences() =>
        _n.Transport.Json("/events").Select(e => e.GetProperty("seq").GetInt64()).ToArray();

    [Fact]
    public void Events_recorded_offline_are_sent_in_order_once_connected_and_marked_delivered_only_when_acknowledged()
    {
        _n.Run(2000);
        for (var i = 0; i < 5; i++)
            _n.Rig.Press(InputFunction.Patrol);
        Assert.Empty(_n.Transport.Published);

        _n.Run(1500); // first attempt after the backoff
        _n.Connect();
        var store = _n.Rig.Controller.Store;
        Assert.Equal(Enumerable.Range(1, (int)store.LastSequence).Select(i => (long)i), SentSequences().Take((int)store.LastSequence));
        Assert.Equal(0, store.DeliveredThrough);

        _n.AckAll();

        Assert.Equal(store.LastSequence, store.DeliveredThrough);
    }

    [Fact]
    public void What_was_in_flight_when_the_connection_dropped_is_sent_again()
    {
        _n.Run(1500);
        _n.Connect();
        var firstRound = SentSequences().Length;
        _n.Drop();
        _n.Run(5000);
        _n.Connect();

        var seqs = SentSequences();
        Assert.True(seqs.Length >= 2 * firstRound);
        Assert.Equal(seqs.Take(firstRound), seqs.Skip(firstRound).Take(firstRound));
    }

    [Fact]
    public void The_backlog_drains_at_a_limited_rate_and_a_live_alarm_goes_ahead_of_it()
    {
        var n = NodeRig.ConnectedWithBacklog(300);
        var rig = n.Rig;
        n.AckAll();

        // The first second after connecting: at most one second's worth of backlog.
        Assert.InRange(SentOf(n).Length, 1, Outbox.Window + KioskNode.BacklogPerSecond);
        rig.Set(InputFunction.Tamper, true);
        n.Run(300);
        n.AckAll();

        var tamperIndex = n.Transport.Json("/events").FindIndex(e => e.GetProperty("type").GetString() == "alarm-raised");
        Assert.True(tamperIndex >= 0 && tamperIndex < 120, $"tamper alarm was message {tamperIndex}");
        for (var i = 0; i < 20; i++)
        {
            n.Run(1000);
            n.AckAll();
        }
        Assert.Equal(0, n.Node.Outbox.Backlog);
    }

    private static long[] SentOf(NodeRig n) => n.Transport.Json("/events").Select(e => e.GetProperty("seq").GetInt64()).ToArray();

    [Fact]
    public void An_acknowledgement_that_never_comes_marks_the_connection_dead()
    {
        _n.Run(1500);
        _n.Connect();
        Assert.Equal(LinkState.Connected, _n.Node.LinkState);

        _n.Run(Outbox.AckTimeoutMillis + 100);

        Assert.NotEqual(LinkState.Connected, _n.Node.LinkState);
    }
}
