using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.Core.Link;
using Kiosk.Core.Ports;
using Kiosk.Core.Protocol;
using Kiosk.Core.Security;
using Kiosk.HostSim.Adapters;
using Kiosk.HostSim.Brokers;
using Kiosk.HostSim.Simulation;
using MQTTnet;
using MQTTnet.Protocol;

namespace Kiosk.Bench;

/// <summary>
/// Operator unlock published → lock output written, on a simulated board in real time over a real
/// broker, next to a bare publish → receive round trip between two clients on the same broker, with
/// the time of each stage (the board's <see cref="LatencyProbe"/>): console signing, broker and
/// client dispatch, hand-off to the loop's queue, the loop's wake-up, read + verify + execute.
/// Press → ring likewise, with the debounce apart.
/// The judge is the bare round trip taken <em>interleaved</em> with the measured samples: one bare
/// sample in each cycle, from the same quiet link, alternately before and after the measured one, so
/// both see the same machine (a path idle for milliseconds is woken from sleep and costs about twice
/// a back-to-back one, and how much so drifts from minute to minute on a shared 2-core VM). The
/// back-to-back round trip is printed too, as the broker's best case. A ring is published from the
/// board's runner thread while the pool sleeps, so its judge is a bare publish from a thread of its
/// own after the pool has gone to sleep; the bare publish from the pool is printed beside it
/// (<see cref="BareLink"/> says why the two differ).
/// </summary>
internal static class UnlockLatencyBench
{
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    /// <param name="inFiles">
    /// the boards' storage in files as the device keeps them (SegmentedStorage over FolderStorage, flushed to the page cache) instead of memory: the
    /// unlock writes its replay counter and the ring its event record before they go on, as the
    /// device writes them to flash
    /// </param>
    public static async Task RunAsync(IBroker broker, int commands, bool inFiles = false)
    {
        var folder = inFiles ? Directory.CreateTempSubdirectory("kiosk-bench-latency-").FullName : null;
        var boards = 0;
        Func<IStorage?> storage = () => folder is null ? null
            : Kiosk.Core.Storage.SegmentedStorage.ForEventRing(new FolderStorage(Path.Combine(folder, "board" + ++boards)));
        await broker.StartAsync();
        try
        {
            using var link = await BareLink.OpenAsync(broker.Port);
            var bare = new List<double>();
            for (var i = 0; i < commands + 50; i++)
                if (await link.SampleAsync(200) is var ms && i >= 50)
                    bare.Add(ms);
            var (unlockStages, unlockBare) = await UnlockAsync(broker.Port, commands, link, storage);
            var unlock = unlockStages.Stage(5); // from the publish: the console's signing is its own row
            var presses = Math.Clamp(commands / 10, 20, 100); // about 0.9 s each
            var (ringStages, debounce, ringBareSamples) = await PressToRingAsync(broker.Port, presses, link, storage);
            var ring = ringStages.Stage(4);
            Console.WriteLine($"{broker.Name,-9} bare publish→receive back to back  p50 {P(bare, 50),6:F3} ms  p99 {P(bare, 99),6:F3} ms  (n={bare.Count}; the broker's best case)");
            Console.WriteLine($"{broker.Name,-9} bare, one in each unlock's cycle   p50 {P(unlockBare, 50),6:F3} ms  p99 {P(unlockBare, 99),6:F3} ms  (n={unlockBare.Count}; same quiet link as the unlock, alternately before and after it)");
            Console.WriteLine($"{broker.Name,-9} unlock published→lock written      p50 {P(unlock, 50),6:F3} ms  p99 {P(unlock, 99),6:F3} ms  (n={unlock.Count})  " +
                $"ratio to bare in the same cycles p50 {P(unlock, 50) / P(unlockBare, 50):F2}x p99 {P(unlock, 99) / P(unlockBare, 99):F2}x (goal 1.5x / 2x); " +
                $"to back to back p50 {P(unlock, 50) / P(bare, 50):F2}x p99 {P(unlock, 99) / P(bare, 99):F2}x");
            unlockStages.Print(broker.Name);
            // The ring is published from the board's runner, a thread of its own, with every pool thread
            // asleep: its judge is the bare publish from such a thread. The bare publish from the pool is
            // printed too; it is faster by the pool thread's wake-up (see BareLink).
            var (ringBare, ringBarePool) = ringBareSamples;
            Console.WriteLine($"{broker.Name,-9} bare from a thread of its own, pool asleep (as the runner publishes) p50 {P(ringBare, 50),6:F3} ms  p99 {P(ringBare, 99),6:F3} ms  (n={ringBare.Count}; one in each press's cycle, after about the same idle)");
            Console.WriteLine($"{broker.Name,-9} bare from the bench's pool thread, pool awake    p50 {P(ringBarePool, 50),6:F3} ms  p99 {P(ringBarePool, 99),6:F3} ms  (n={ringBarePool.Count}; the same cycles)");
            // The board accepts a press in the loop step where its debounce has run out on the board's
            // clock: from there on it is the fast path. The simulator's clock moves in whole
            // milliseconds, so that step falls up to a millisecond either side of press + debounce in real time.
            Console.WriteLine($"{broker.Name,-9} press→ring after the {debounce} ms debounce (from the step that accepted the press) p50 {P(ring, 50),6:F3} ms  p99 {P(ring, 99),6:F3} ms  (n={ring.Count})  " +
                $"ratio to bare from its own thread p50 {P(ring, 50) / P(ringBare, 50):F2}x p99 {P(ring, 99) / P(ringBare, 99):F2}x (goal 1.5x); " +
                $"to bare from the pool p50 {P(ring, 50) / P(ringBarePool, 50):F2}x p99 {P(ring, 99) / P(ringBarePool, 99):F2}x; " +
                $"to back to back p50 {P(ring, 50) / P(bare, 50):F2}x p99 {P(ring, 99) / P(bare, 99):F2}x");
            ringStages.Print(broker.Name);
        }
        finally
        {
            await broker.StopAsync();
            if (folder is not null)
                Directory.Delete(folder, recursive: true);
        }
    }

    private static double P(List<double> samples, int percentile) => StageTimes.P(samples, percentile);

    internal static async Task<IMqttClient> ClientAsync(int port, string id)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(id).Build());
        return client;
    }

    /// <summary>
    /// Call button pressed on the simulated board → its "calling" event received by a subscriber.
    /// The board's probe stamps the loop step that accepted the debounced press and the moment the
    /// event was handed to the transport, so the debounce (the core waits that long by design before
    /// it believes a press) and the simulator's 1 ms clock steps are told apart from the fast path.
    /// </summary>
    private static async Task<(StageTimes Stages, int DebounceMillis, (List<double> FromOwnThread, List<double> FromPool) Bare)> PressToRingAsync(int port, int n, BareLink link, Func<IStorage?> storage)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "site", "main-gate.json"))
            .Replace("\"antiRepeatSeconds\": 5, \"longPressCancelMillis\": 2000", "\"antiRepeatSeconds\": 0, \"longPressCancelMillis\": 500", StringComparison.Ordinal)
            .Replace("\"heartbeatSeconds\": 30", "\"heartbeatSeconds\": 30, \"flapLimitPerMinute\": 600", StringComparison.Ordinal); // presses faster than a visitor's
        var config = ConfigReader.Read(json, new ConfigErrors())!;
        var debounce = config.Inputs[config.ChannelOf(InputFunction.CallButton)].DebounceMillis;
        var connect = new TransportConnectOptions { Host = "127.0.0.1", Port = port, UseTls = false, ClientId = "kiosk-bench-ring", ProtocolVersion = 5 };
        var probe = new LatencyProbe();
        using var board = new SimulatedBoard(config, connect, Key, storage(), probe: probe).Start();
        while (board.Node.LinkState != LinkState.Connected)
            await Task.Delay(10);
        using var console = await ClientAsync(port, "bench-ring-console");
        long arrivedAt = 0, publishedAt = 0, acceptedAt = 0;
        var ringLength = 200;
        var rang = new SemaphoreSlim(0);
        console.ApplicationMessageReceivedAsync += e =>
        {
            var now = Stopwatch.GetTimestamp();
            var payload = e.ApplicationMessage.Payload.ToArray();
            var root = JsonDocument.Parse(payload).RootElement;
            if (root.GetProperty("type").GetString() == "call" && root.TryGetProperty("name", out var name) && name.GetString() == "calling")
            {
                probe.TryFindPublish(payload, out var published, out var accepted);
                Interlocked.Exchange(ref publishedAt, published);
                Interlocked.Exchange(ref acceptedAt, accepted);
                Interlocked.Exchange(ref arrivedAt, now);
                Volatile.Write(ref ringLength, payload.Length);
                rang.Release();
            }
            return Task.CompletedTask;
        };
        await console.SubscribeAsync(new Topics(config.Site, config.DeviceId).Events, MqttQualityOfServiceLevel.AtLeastOnce);
        while (!board.Controller.Settled)
            await Task.Delay(10); // inputs are trusted once they have settled after boot
        var stages = new StageTimes(3, $"debounce ({debounce} ms) + the board's next step", "step → event handed to transport",
            "transport → subscriber has it", "after debounce → subscriber has it", "accepted step → subscriber has it", "total: press → subscriber has it");
        static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
        var ticksPerMs = Stopwatch.Frequency / 1000.0;
        var bare = (FromOwnThread: new List<double>(), FromPool: new List<double>());
        for (var i = 0; i < n + 5; i++)
        {
            // Each press starts on a link idle for about 0.3 s (since the long press's cancel), and
            // the bare samples taken in the previous cycle's idle likewise: by then every thread on
            // either path has gone to sleep but the one that publishes.
            await Task.Delay(100);
            var collections = GC.CollectionCount(0);
            var pressed = Stopwatch.GetTimestamp();
            board.Set(InputFunction.CallButton, true);
            if (!await rang.WaitAsync(TimeSpan.FromSeconds(20)))
                throw new InvalidOperationException("the call never rang; the board recorded: "
                    + string.Join(", ", board.RecordedSince(0).TakeLast(8).Select(r => Names.Of(r.Type) + " " + r.Name)));
            long arrived = Interlocked.Read(ref arrivedAt), published = Interlocked.Read(ref publishedAt), accepted = Interlocked.Read(ref acceptedAt);
            var debounced = pressed + (long)(debounce * ticksPerMs);
            if (i >= 5)
                stages.Add([Ms(pressed, accepted), Ms(accepted, published), Ms(published, arrived), Ms(debounced, arrived), Ms(accepted, arrived), Ms(pressed, arrived)],
                    GC.CollectionCount(0) - collections);
            // Held past the 500 ms long press: the call is cancelled and the next press rings afresh.
            // Counted in the board's time, so a loaded machine that stalls the runner cannot squeeze
            // the release and the next press into one debounce window.
            await SiteDelayAsync(board, 600);
            board.Set(InputFunction.CallButton, false);
            await SiteDelayAsync(board, debounce + 50);
            while (probe.Unacknowledged > 0)
                await Task.Delay(1);
            await Task.Delay(100);
            // Both bare samples in every cycle, their order alternating, each after the same idle.
            var (fromPool, fromOwn) = await link.SampleBothAsync(Volatile.Read(ref ringLength), ownThreadFirst: i % 2 == 1, TimeSpan.FromMilliseconds(100));
            if (i >= 5)
            {
                bare.FromOwnThread.Add(fromOwn);
                bare.FromPool.Add(fromPool);
            }
        }
        return (stages, debounce, bare);
    }

    private static async Task SiteDelayAsync(SimulatedBoard board, long millis)
    {
        var until = board.Runner!.SiteMillis + millis;
        while (board.Runner.SiteMillis < until)
            await Task.Delay(5);
    }

    private static async Task<(StageTimes Stages, List<double> Bare)> UnlockAsync(int port, int n, BareLink link, Func<IStorage?> storage)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "site", "main-gate.json"));
        var config = ConfigReader.Read(json, new ConfigErrors())!;
        var connect = new TransportConnectOptions { Host = "127.0.0.1", Port = port, UseTls = false, ClientId = "kiosk-bench", ProtocolVersion = 5 };
        var probe = new LatencyProbe();
        using var board = new SimulatedBoard(config, connect, Key, storage(), probe: probe).Start();
        while (board.Node.LinkState != LinkState.Connected)
            await Task.Delay(10);
        using var console = await ClientAsync(port, "bench-console");
        var topics = new Topics(config.Site, config.DeviceId);
        var replies = new SemaphoreSlim(0);
        console.ApplicationMessageReceivedAsync += _ => { replies.Release(); return Task.CompletedTask; };
        await console.SubscribeAsync(topics.Replies, MqttQualityOfServiceLevel.AtLeastOnce);
        var writer = new CommandWriter();
        var hmac = new BclHmacSha256();
        var counter = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var topic = topics.Commands;
        var stages = new StageTimes(5, "console signs", "publish → board's transport callback", "callback → on the loop's queue",
            "queue → loop takes it (wake-up)", "read, verify, execute → lock written", "published → lock written", "total: signing + published → lock written");
        // The bench awaits the lock's write: it neither spins nor blocks. A spinner (as this bench
        // once did) takes one of two cores and a thread-pool thread, and a blocked pool thread
        // leaves MQTTnet's client and broker one worker short: both showed as late dispatch.
        // The continuation runs on the pool, never on the board's runner thread.
        TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        TaskCompletionSource secured = new(TaskCreationOptions.RunContinuationsAsynchronously);
        board.Lock.Written += high =>
        {
            if (high == config.Lock.ReleaseLevel)
                Volatile.Read(ref released).TrySetResult();
            else
                Volatile.Read(ref secured).TrySetResult();
        };

        long signedAt = 0;
        var commandLength = 0;
        async Task SendAsync(string command, string arg)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var signed = new SignedCommand { RequestId = "b" + counter, DeviceId = config.DeviceId, Command = command, Argument = arg,
                Sender = "operator:bench", IssuedAt = now, ExpiresAt = now + 30, Counter = ++counter };
            var payload = writer.Write(signed, Key, hmac, null);
            commandLength = payload.Length;
            signedAt = Stopwatch.GetTimestamp();
            await console.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        // A measured sample starts on a quiet link, as an operator's unlock does: the replies in,
        // every publish of the board acknowledged (events, replies and the retained state). Otherwise
        // it races the previous command's traffic through the same client and broker, which a bare
        // round trip never has.
        async Task QuietAsync(int expectedReplies)
        {
            for (var r = 0; r < expectedReplies; r++)
                if (!await replies.WaitAsync(TimeSpan.FromSeconds(5)))
                    throw new InvalidOperationException("a reply never came");
            while (probe.Unacknowledged > 0 || board.Node.Outbox.InFlight > 0 || board.Node.Outbox.Backlog > 0)
                await Task.Delay(1);
        }

        static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
        var bare = new List<double>();
        var warm = 20;
        for (var i = 0; i < n + warm; i++)
        {
            // The bare sample goes first in even cycles and last in odd ones, each from the same quiet link.
            if (i % 2 == 0 && await link.SampleAsync(Math.Max(commandLength, 200)) is var before && i >= warm)
                bare.Add(before);
            Volatile.Write(ref released, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var collections = GC.CollectionCount(0);
            var start = Stopwatch.GetTimestamp();
            var sending = SendAsync("unlock", "");
            await released.Task.WaitAsync(TimeSpan.FromSeconds(5));
            await sending;
            var written = board.Lock.LastWriteTimestamp;
            while (!probe.MessageStamped)
                await Task.Delay(1); // the loop may have run before the transport's callback stamped its return
            if (i >= warm)
            {
                // The loop can take the message before the callback's thread is back to stamp its
                // return; then the hand-off ended when the loop took it.
                var queued = Math.Min(probe.MessageQueued, probe.MessageTaken);
                stages.Add([Ms(start, signedAt), Ms(signedAt, probe.MessageArrived), Ms(probe.MessageArrived, queued),
                    Ms(queued, probe.MessageTaken), Ms(probe.MessageTaken, written), Ms(signedAt, written), Ms(start, written)],
                    GC.CollectionCount(0) - collections);
            }
            await QuietAsync(1);
            if (i % 2 == 1 && await link.SampleAsync(commandLength) is var after && i >= warm)
                bare.Add(after);
            // Secure it again (lock-down on, off) so the next unlock writes the pin afresh.
            Volatile.Write(ref secured, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            await SendAsync("lockdown", "on");
            await secured.Task.WaitAsync(TimeSpan.FromSeconds(5));
            await SendAsync("lockdown", "off");
            await QuietAsync(2);
        }
        return (stages, bare);
    }
}
