using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.Core.Protocol;
using Kiosk.HostSim.Site;
using MQTTnet;
using MQTTnet.Protocol;

namespace Kiosk.Bench;

/// <summary>
/// The simulated site at real-time speed with N boards (30 s heartbeat, a visitor call somewhere
/// on the site every 2 s, an operator unlock somewhere every 100 ms): whether one process keeps
/// up, CPU and memory per board, the latency from a button press to the duty room hearing of the
/// call, and from an unlock's publish (signing included) to that board's lock written.
/// </summary>
internal static class SiteScaleBench
{
    private static int Debounce(SimulatedSite site)
    {
        var config = site.Boards[0].Config;
        var channel = config.ChannelOf(InputFunction.CallButton);
        return channel < 0 ? 0 : config.Inputs[channel].DebounceMillis;
    }

    /// <param name="deviceCadence">step boards as their device loops run (BoardRunner.DeviceCadence)</param>
    /// <param name="threads">threads stepping the boards (BoardRunner.Threads)</param>
    public static async Task RunAsync(int boards, TimeSpan window, bool deviceCadence = false, int threads = 1)
    {
        var data = Directory.CreateTempSubdirectory("kiosk-bench-").FullName;
        var process = Process.GetCurrentProcess();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(true);
        var setup = Stopwatch.StartNew();
        await using var site = await SimulatedSite.StartAsync(new SiteOptions { Boards = boards, Speed = 1, DataFolder = data, DeviceCadence = deviceCadence, Threads = threads, Probes = true });
        var online = await site.WaitOnlineAsync(TimeSpan.FromMinutes(3));
        setup.Stop();
        GC.Collect();
        var heapPerBoard = (GC.GetTotalMemory(true) - heapBefore) / (double)boards;

        var pressedAt = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<double>();
        site.Console.EventArrived += (device, e) =>
        {
            if (e.GetProperty("type").GetString() == "call" && e.GetProperty("name").GetString() == "calling"
                && pressedAt.TryRemove(device, out var at))
                latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
        };
        // A plain subscriber on every board's events beside the duty room's client: press → it has the
        // ring is the boards, the runner and the broker; the rest of press → duty room is that client's.
        var plainAt = new ConcurrentDictionary<string, long>();
        var plainLatencies = new ConcurrentBag<double>();
        using var plain = new MqttClientFactory().CreateMqttClient();
        await plain.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(site.Host, site.Port).WithClientId("bench-plain-subscriber").Build());
        plain.ApplicationMessageReceivedAsync += m =>
        {
            var now = Stopwatch.GetTimestamp();
            var device = m.ApplicationMessage.Topic.Split('/')[^2];
            if (System.Text.Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(m.ApplicationMessage.Payload)).Contains("\"name\":\"calling\"", StringComparison.Ordinal)
                && plainAt.TryRemove(device, out var at))
                plainLatencies.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
            return Task.CompletedTask;
        };
        foreach (var id in site.SiteIds.DefaultIfEmpty(site.SiteId))
            await plain.SubscribeAsync(new Topics(id, "+").Events, MqttQualityOfServiceLevel.AtLeastOnce);

        // Unlocks: to a board whose lock is secure, one at a time per board, timed to the lock's write,
        // with where the time went from the board's probe. A board here gets no message but its
        // unlocks, so the probe's latest arrival and take are this one's; both are stamped before the
        // lock is written (the callback's own return is not, so "on the queue" is not split out).
        var unlockSentAt = new ConcurrentDictionary<string, (long At, int Collections)>();
        var unlockLatencies = new ConcurrentBag<double>();
        var unlockStages = new StageTimes(3, "publish (signing included) → board's transport callback", "callback → the runner takes it (hand-off, wake-up, its turn)",
            "read, verify, execute → lock written", "total: unlock → lock written");
        foreach (var b in site.Boards)
        {
            var board = b;
            board.Lock.Written += high =>
            {
                if (high != board.Config.Lock.ReleaseLevel || !unlockSentAt.TryRemove(board.Config.DeviceId, out var sent))
                    return;
                var written = board.Lock.LastWriteTimestamp;
                unlockLatencies.Add(Stopwatch.GetElapsedTime(sent.At, written).TotalMilliseconds);
                var (arrived, taken) = (board.Probe!.MessageArrived, board.Probe.MessageTaken);
                if (arrived < sent.At || taken < arrived)
                    return; // not this unlock's stamps
                static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
                lock (unlockStages)
                    unlockStages.Add([Ms(sent.At, arrived), Ms(arrived, taken), Ms(taken, written), Ms(sent.At, written)], GC.CollectionCount(0) - sent.Collections);
            };
        }

        // The judge at fleet scale: bare round trips on the same broker under the same load, from the
        // pool (as the console's unlock is published) and from a thread of its own (as a board's runner
        // publishes a ring), every 200 ms through the window.
        using var bare = await BareLink.OpenAsync(site.Port);
        var bareFromPool = new List<double>();
        var bareFromOwn = new List<double>();

        var random = new Random(boards);
        var cpuBefore = process.TotalProcessorTime;
        var pauseBefore = GC.GetTotalPauseDuration();
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var siteBefore = site.Runner.SiteMillis;
        var busyBefore = site.Runner.Busy;
        var loopsBefore = site.Runner.LoopsRun;
        var wall = Stopwatch.StartNew();
        var unlocking = Task.Run(async () =>
        {
            var pick = new Random(boards + 1);
            while (wall.Elapsed < window)
            {
                var board = site.Boards[pick.Next(site.Boards.Count)];
                var device = board.Config.DeviceId;
                if (!board.LockReleased && !pressedAt.ContainsKey(device) && unlockSentAt.TryAdd(device, (Stopwatch.GetTimestamp(), GC.CollectionCount(0))))
                    await site.Console.SendAsync(site.SiteId, device, site.KeyOf(device), "unlock", sender: site.OperatorSender);
                await Task.Delay(100);
            }
        });
        var baring = Task.Run(async () =>
        {
            for (var i = 0; wall.Elapsed < window; i++)
            {
                await Task.Delay(200);
                var (fromPool, fromOwn) = await bare.SampleBothAsync(BarePayload, ownThreadFirst: i % 2 == 1, TimeSpan.Zero);
                bareFromPool.Add(fromPool);
                bareFromOwn.Add(fromOwn);
            }
        });
        while (wall.Elapsed < window)
        {
            var board = site.Boards[random.Next(site.Boards.Count)];
            var device = board.Config.DeviceId;
            if (!pressedAt.ContainsKey(device))
            {
                var now = Stopwatch.GetTimestamp();
                plainAt[device] = now;
                pressedAt[device] = now;
                board.Set(InputFunction.CallButton, true);
                site.Runner.At(site.Runner.SiteMillis + 300, () => board.Set(InputFunction.CallButton, false));
            }
            await Task.Delay(500); // 120 presses a minute across the site: enough samples for a p99, far more calls than an estate has
        }
        await unlocking;
        await baring;
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / wall.Elapsed.TotalMilliseconds;
        var gc = $"collections gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}, paused {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:F0} ms in all";
        var busy = (site.Runner.Busy - busyBefore).TotalMilliseconds;
        var loops = site.Runner.LoopsRun - loopsBefore;
        var connected = site.Boards.Count(b => b.Node.LinkState == Kiosk.Core.Link.LinkState.Connected);
        var keptUp = (site.Runner.SiteMillis - siteBefore) / wall.Elapsed.TotalMilliseconds;
        process.Refresh();
        var sorted = latencies.OrderBy(l => l).ToList();
        var unlocks = unlockLatencies.OrderBy(l => l).ToList();
        var plainRings = plainLatencies.OrderBy(l => l).ToList();
        string Pct(List<double> of, int p) => of.Count == 0 ? "n/a" : $"{StageTimes.P(of, p),6:F2} ms";
        var debounce = Debounce(site);
        string P(int p) => Pct(sorted, p);
        Console.WriteLine($"{boards,5} boards ({(deviceCadence ? "device cadence" : "1 ms steps")}, {threads} runner thread{(threads == 1 ? "" : "s")}): " +
            $"online {(online ? "yes" : "NO")} in {setup.Elapsed.TotalSeconds:F1} s, {connected} connected at the end; site time {keptUp:P0} of real time; " +
            $"CPU {cpu * 100:F0}% of one core ({cpu * 100 / boards:F3}% per board); heap {heapPerBoard / 1024:F0} KiB per board, " +
            $"runner busy {busy / wall.Elapsed.TotalMilliseconds:P0} of wall time, {loops / wall.Elapsed.TotalSeconds / boards:F0} loop passes per board-second at {(loops == 0 ? 0 : busy * 1000 / loops):F1} µs of wall time each, " +
            $"{(loops == 0 ? 0 : cpu * wall.Elapsed.TotalMilliseconds * 1000 / loops):F1} µs of process CPU per pass (all work: broker, clients, runner); " +
            $"rest of the process (MQTTnet broker and clients, duty room) {Math.Max(0, cpu * 100 - busy * 100 / wall.Elapsed.TotalMilliseconds):F0}% of one core; " +
            $"working set {process.WorkingSet64 / 1048576} MiB, {process.Threads.Count} OS threads; press→duty room p50 {P(50)} p99 {P(99)} (n={sorted.Count}, the call button's {debounce} ms debounce included), of which press→a plain subscriber p50 {Pct(plainRings, 50)} p99 {Pct(plainRings, 99)} (n={plainRings.Count}); " +
            $"unlock→lock written p50 {Pct(unlocks, 50)} p99 {Pct(unlocks, 99)} (n={unlocks.Count}, signing included); " +
            Judged(unlocks, sorted.Select(l => l - debounce).ToList(), plainRings.Select(l => l - debounce).ToList(), bareFromPool, bareFromOwn) +
            $"{gc}; machine load average {LoadAverage()}");
        if (unlockStages.Count > 0)
            unlockStages.Print($"{boards}");
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // boards may still be closing files
        }
    }

    /// <summary>A payload about as long as a command or a ring.</summary>
    private const int BarePayload = 200;

    /// <summary>
    /// The fleet's fast paths against the bare round trips taken meanwhile: the unlock (signing
    /// included) against the pool's, the ring less its debounce against a thread of its own's. A ring's
    /// remainder also holds up to a step of the simulator's clock (1 ms, more when a round of 1,000
    /// boards runs long), which one board's benchmark (-- latency) tells apart and this does not.
    /// </summary>
    private static string Judged(List<double> unlocks, List<double> rings, List<double> plainRings, List<double> fromPool, List<double> fromOwn)
    {
        static double At(List<double> of, int p) => of.Count == 0 ? double.NaN : StageTimes.P(of, p);
        static string Ratio(List<double> of, List<double> to) =>
            $"p50 {At(of, 50) / At(to, 50):F1}x p99 {At(of, 99) / At(to, 99):F1}x";
        return $"bare round trip on the same broker meanwhile, from the pool p50 {At(fromPool, 50):F2} ms p99 {At(fromPool, 99):F2} ms, from a thread of its own p50 {At(fromOwn, 50):F2} ms p99 {At(fromOwn, 99):F2} ms (n={fromPool.Count}); " +
            $"unlock to the pool's bare {Ratio(unlocks, fromPool)}; " +
            $"press→duty room less the debounce p50 {At(rings, 50):F2} ms p99 {At(rings, 99):F2} ms, to its own thread's bare {Ratio(rings, fromOwn)}; " +
            $"press→plain subscriber less the debounce p50 {At(plainRings, 50):F2} ms p99 {At(plainRings, 99):F2} ms, to its own thread's bare {Ratio(plainRings, fromOwn)}; ";
    }

    /// <summary>The 1-minute load average (Linux), so a number measured on a busy machine says so.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
