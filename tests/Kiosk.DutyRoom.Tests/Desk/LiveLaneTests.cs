using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Desk;
using Kiosk.DutyRoom.Live;
using Kiosk.DutyRoom.Mqtt;
using Kiosk.DutyRoom.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Desk;

/// <summary>
/// The console's two lanes: a visitor call is handled while thousands of backlog events still wait
/// for the archive, and the backlog is acknowledged to the broker only once it is committed, each
/// event kept once however often it comes.
/// </summary>
public sealed class LiveLaneTests : IDisposable
{
    private const string Site = "maple-court";
    private const int Backlog = 5000;
    private readonly TestStores _db = TestStores.Sqlite();
    private readonly LiveSite _live = new();
    private readonly MessageRouter _router;
    private readonly CallDesk _calls;
    private readonly ArchiveLane _lane;

    public LiveLaneTests()
    {
        var clock = new ConsoleClock();
        var commander = new Commander(_db.Stores, new NoBroker(), clock, new ConsoleOptions { CommandTimeoutSeconds = 1 });
        var guard = new Kiosk.DutyRoom.Auth.OperatorGuard(_db.Stores, clock);
        _calls = new CallDesk(_db.Stores, commander, _live, clock, guard);
        var alarms = new AlarmDesk(_db.Stores, commander, _live, clock, guard);
        _router = new MessageRouter(_db.Stores, _live, _calls, alarms, commander, clock, NullLogger<MessageRouter>.Instance);
        _lane = new ArchiveLane(_router, NullLogger<ArchiveLane>.Instance);
    }

    public void Dispose() => _db.Dispose();

    private static (string Topic, byte[] Payload) Event(string device, long seq, DateTimeOffset at, string type, string? name, string src)
    {
        var named = name is null ? "" : $"\"name\":\"{name}\",";
        return ($"kiosk/v1/{Site}/{device}/events", Encoding.UTF8.GetBytes(
            $"{{\"v\":1,\"site\":\"{Site}\",\"dev\":\"{device}\",\"boot\":2,\"seq\":{seq},\"ts\":\"{ConsoleDb.Iso(at)}\",\"synced\":true,\"type\":\"{type}\",\"code\":1,{named}\"src\":\"{src}\",\"detail\":\"\"}}"));
    }

    [Fact]
    public async Task A_call_rings_while_the_backlog_waits_and_the_backlog_is_acknowledged_only_once_archived()
    {
        var acknowledged = 0;
        var hourAgo = DateTimeOffset.UtcNow.AddHours(-1);
        void Queue()
        {
            for (var i = 1; i <= Backlog; i++)
            {
                var (topic, payload) = Event("door-" + (i % 50), i, hourAgo.AddMilliseconds(i), i % 2 == 0 ? "door" : "patrol", i % 2 == 0 ? "OPEN_AUTHORISED" : null, "contact");
                Assert.Equal(MessageLane.Archive, MessageLanes.Of(topic, payload, DateTimeOffset.UtcNow));
                _lane.Enqueue(new IncomingMessage(topic, payload, DateTimeOffset.UtcNow), _ =>
                {
                    Interlocked.Increment(ref acknowledged);
                    return Task.CompletedTask;
                });
            }
        }
        Queue();

        // The call comes behind the backlog and rings before any of it is archived.
        var (callTopic, callPayload) = Event("main-gate", 1, DateTimeOffset.UtcNow, "call", "ringing", "4-1");
        Assert.Equal(MessageLane.Live, MessageLanes.Of(callTopic, callPayload, DateTimeOffset.UtcNow));
        _router.Handle(callTopic, callPayload);
        Assert.Contains(_calls.Ringing(), c => c.Device == "main-gate" && c.CallId == "4-1");
        Assert.Equal(Backlog, _lane.Queued);
        Assert.Equal(0, acknowledged);
        Assert.Equal(1, _db.Db.Scalar("SELECT COUNT(*) FROM events"));

        using var stop = new CancellationTokenSource();
        var running = _lane.RunAsync(stop.Token);
        await WaitAsync(() => Volatile.Read(ref acknowledged) == Backlog);
        Assert.Equal(Backlog + 1, _db.Db.Scalar("SELECT COUNT(*) FROM events"));
        Assert.Equal(0, _lane.Queued);

        // The broker sends the whole backlog again (the console reconnected before its acknowledgements arrived).
        Queue();
        await WaitAsync(() => Volatile.Read(ref acknowledged) == 2 * Backlog);
        Assert.Equal(Backlog + 1, _db.Db.Scalar("SELECT COUNT(*) FROM events"));
        Assert.Equal(Backlog, _router.Duplicates);
        stop.Cancel();
        await running;
    }

    private static Task WaitAsync(Func<bool> done) => Eventually.HoldsAsync(done, "the condition", 60, pollMillis: 20);

    private sealed class NoBroker : IMessageBus
    {
        public bool IsConnected => false;

        public Task<bool> PublishAsync(string topic, byte[] payload, string? responseTopic, byte[]? correlation) => Task.FromResult(false);
    }
}
