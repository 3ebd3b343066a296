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
        await using var site = await SimulatedSite.StartAsync(new SiteOptions { Boards = boards, Speed = 1, DataFolder = data, DeviceCadence = deviceCadence, Threads = threads });
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

        // Unlocks: to a board whose lock is secure, one at a time per board, timed to the lock's write.
        var unlockSentAt = new ConcurrentDictionary<string, long>();
        var unlockLatencies = new ConcurrentBag<double>();
        foreach (var b in site.Boards)
        {
            var board = b;
            board.Lock.Written += high =>
            {
                if (high == board.Config.Lock.ReleaseLevel && unlockSentAt.TryRemove(board.Config.DeviceId, out var at))
                    unlockLatencies.Add(Stopwatch.GetElapsedTime(at, board.Lock.LastWriteTimestamp).TotalMilliseconds);
            };
        }

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
                if (!board.LockReleased && !pressedAt.ContainsKey(device) && unlockSentAt.TryAdd(device, Stopwatch.GetTimestamp()))
                    await site.Console.SendAsync(site.SiteId, device, site.KeyOf(device), "unlock", sender: site.OperatorSender);
                await Task.Delay(100);
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
        string Pct(List<double> of, int p) => of.Count == 0 ? "n/a" : $"{of[Math.Min(of.Count - 1, (int)Math.Ceiling(p / 100.0 * of.Count) - 1)],6:F2} ms";
        string P(int p) => Pct(sorted, p);
        Console.WriteLine($"{boards,5} boards ({(deviceCadence ? "device cadence" : "1 ms steps")}, {threads} runner thread{(threads == 1 ? "" : "s")}): " +
            $"online {(online ? "yes" : "NO")} in {setup.Elapsed.TotalSeconds:F1} s, {connected} connected at the end; site time {keptUp:P0} of real time; " +
            $"CPU {cpu * 100:F0}% of one core ({cpu * 100 / boards:F3}% per board); heap {heapPerBoard / 1024:F0} KiB per board, " +
            $"runner busy {busy / wall.Elapsed.TotalMilliseconds:P0} of wall time, {loops / wall.Elapsed.TotalSeconds / boards:F0} loop passes per board-second at {(loops == 0 ? 0 : busy * 1000 / loops):F1} µs of wall time each, " +
            $"{(loops == 0 ? 0 : cpu * wall.Elapsed.TotalMilliseconds * 1000 / loops):F1} µs of process CPU per pass (all work: broker, clients, runner); " +
            $"rest of the process (MQTTnet broker and clients, duty room) {Math.Max(0, cpu * 100 - busy * 100 / wall.Elapsed.TotalMilliseconds):F0}% of one core; " +
            $"working set {process.WorkingSet64 / 1048576} MiB, {process.Threads.Count} OS threads; press→duty room p50 {P(50)} p99 {P(99)} (n={sorted.Count}, the call button's {Debounce(site)} ms debounce included), of which press→a plain subscriber p50 {Pct(plainRings, 50)} p99 {Pct(plainRings, 99)} (n={plainRings.Count}); " +
            $"unlock→lock written p50 {Pct(unlocks, 50)} p99 {Pct(unlocks, 99)} (n={unlocks.Count}, signing included); " +
            $"{gc}; machine load average {LoadAverage()}");
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // boards may still be closing files
        }
    }

    /// <summary>The 1-minute load average (Linux), so a number measured on a busy machine says so.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
