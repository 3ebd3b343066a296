using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.Core.Link;
using Kiosk.Core.Ports;
using Kiosk.Core.Protocol;
using Kiosk.DutyRoom;
using Kiosk.DutyRoom.Desk;
using Kiosk.DutyRoom.Mqtt;
using Kiosk.HostSim.Brokers;
using Kiosk.HostSim.Simulation;
using Kiosk.HostSim.Site;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Bench;

/// <summary>
/// Power comes back after an estate-wide outage: N simulated boards (the real Kiosk.Core, outbox and
/// MQTT transport) lose the network, each records E patrol events into its store, then all are
/// power-cycled at once and flush their backlogs to the real duty-room console (its own ConsoleApp,
/// SQLite or PostgreSQL) through a real broker. Prints the time until every event is archived once
/// (each device's rows are exactly its sequence 1..max), memory of broker and console, and how long
/// a visitor call pressed during the flush takes to ring on the console's call desk.
/// </summary>
internal static class OutageBench
{
    public static async Task RunAsync(int boards, int eventsPerBoard, string brokerKind, string database)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-outage-").FullName;
        IBroker broker = brokerKind == "mosquitto"
            ? new MosquittoBroker("max_queued_messages 0\nmax_inflight_messages 0\nmax_keepalive 60\n")
            : new MqttNetBroker();
        await using var _ = broker;
        await broker.StartAsync();
        var dbSpec = database == "postgres" ? "postgres:" + PostgresSchema() : "sqlite:" + Path.Combine(folder, "dutyroom.db");
        Console.WriteLine($"outage: {boards} boards × {eventsPerBoard} buffered events, broker {broker.Name}, database {database}");

        var configs = SimulatedSite.LoadConfigs(Path.Combine(AppContext.BaseDirectory, "site"), boards);
        foreach (var c in configs)
            c.FlapLimitPerMinute = 600; // the installer's maximum (docs/configuration.md): patrol rounds pressed fast
        var keys = configs.ToDictionary(c => c.DeviceId, _ => RandomNumberGenerator.GetBytes(32));
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Error"); // the console's log would drown the numbers
        var app = ConsoleApp.Build(new ConsoleOptions
        {
            DataFolder = Path.Combine(folder, "console"),
            Database = dbSpec,
            Urls = "http://127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture),
            BrokerPort = broker.Port,
            ClientId = "dutyroom-bench",
        });
        var stores = app.Services.GetRequiredService<Stores>();
        foreach (var c in configs)
            stores.Devices.Add(c.Site, c.DeviceId, c.DeviceId, Convert.ToHexStringLower(keys[c.DeviceId]), "bench", DateTimeOffset.UtcNow);
        await app.StartAsync();
        var lane = app.Services.GetRequiredService<ArchiveLane>();
        var desk = app.Services.GetRequiredService<CallDesk>();
        var live = app.Services.GetRequiredService<Kiosk.DutyRoom.Live.LiveSite>();
        while (!live.BrokerConnected)
            await Task.Delay(20);

        using var runner = new BoardRunner(1);
        var original = new List<SimulatedBoard>();
        foreach (var c in configs)
        {
            var connect = new TransportConnectOptions
            {
                Host = "127.0.0.1", Port = broker.Port, UseTls = false, ClientId = Topics.ClientId(c.Site, c.DeviceId), KeepAliveSeconds = 15, ProtocolVersion = 5,
            };
            var board = new SimulatedBoard(c, connect, keys[c.DeviceId], new MemoryStorage());
            original.Add(board);
            runner.Add(board);
        }
        runner.Start();
        var up = Stopwatch.StartNew();
        while (!original.All(b => b.Node.LinkState == LinkState.Connected) && up.Elapsed < TimeSpan.FromMinutes(5) && runner.Failure is null)
            await Task.Delay(100);
        Console.WriteLine($"  {original.Count(b => b.Node.LinkState == LinkState.Connected)} of {boards} boards online in {up.Elapsed.TotalSeconds:F1} s" +
            (runner.Failure is { } failure ? $" (a board failed: {failure.Message})" : "") );

        // The same call on a quiet site, for comparison (once the births and their allow-list syncs are through).
        var liveLane = app.Services.GetRequiredService<LiveLane>();
        var settle = Stopwatch.StartNew();
        while ((liveLane.PresenceQueued > 0 || liveLane.UrgentQueued > 0) && settle.Elapsed < TimeSpan.FromMinutes(3))
            await Task.Delay(100);
        await Task.Delay(3000);
        Console.WriteLine($"  console settled {settle.Elapsed.TotalSeconds:F1} s after the boards came online");
        var quietRing = await RingAsync(runner, desk, original[boards / 2]);
        await Task.Delay(1000);

        // The outage: every board off the network, recording patrol rounds into its store.
        foreach (var b in original)
            b.NetworkDown = true;
        runner.Speed = 4; // the outage passes faster than real time; the boards' clocks run ahead, the flush is at real time
        var marks = original.Select(b => b.RecordedCount).ToArray();
        var recording = Stopwatch.StartNew();
        while (true)
        {
            var behind = original.Where((b, i) => b.RecordedCount - marks[i] < eventsPerBoard && HasPatrol(b)).ToList();
            if (behind.Count == 0)
                break;
            // 120 ms pressed, 120 ms released, in site time: 500 changes a minute, under the flap limit set below.
            foreach (var b in behind)
                b.Set(InputFunction.Patrol, true);
            await SiteDelayAsync(runner, 120);
            foreach (var b in behind)
                b.Set(InputFunction.Patrol, false);
            await SiteDelayAsync(runner, 120);
        }
        runner.Speed = 1;
        Console.WriteLine($"  outage: {eventsPerBoard} patrol events recorded on each of the {original.Count(HasPatrol)} boards with a patrol input in {recording.Elapsed.TotalSeconds:F1} s " +
            $"({original.Select((b, i) => b.RecordedCount - marks[i]).Sum():N0} records in all, link records included)");
        await Task.Delay(TimeSpan.FromSeconds(3)); // the last records settle in the stores

        // Power comes back everywhere at once.
        var archivedBefore = lane.Archived;
        var duplicatesBefore = app.Services.GetRequiredService<MessageRouter>().Duplicates;
        GC.Collect();
        var consoleBefore = Process.GetCurrentProcess().WorkingSet64;
        var rebooted = new Dictionary<string, SimulatedBoard>();
        var flush = Stopwatch.StartNew();
        foreach (var b in original)
        {
            var next = b.PowerCycle();
            rebooted[b.Config.DeviceId] = next;
            runner.Replace(b, next);
        }
        var peakWorkingSet = 0L;
        var peakHeap = 0L;
        var peakQueued = 0L;
        var peakBroker = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var p = Process.GetCurrentProcess();
                peakWorkingSet = Math.Max(peakWorkingSet, p.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                peakQueued = Math.Max(peakQueued, lane.Queued);
                if (broker is MosquittoBroker m)
                    peakBroker = Math.Max(peakBroker, m.ResidentBytes());
                await Task.Delay(100);
            }
        });

        // Visitor calls during the flush, one every 2 s on a different board: press → ringing on the call desk.
        var rings = new List<double>();
        var callers = Enumerable.Range(0, 5).Select(i => configs[(i * 97 + 13) % boards].DeviceId).Distinct().ToList();
        var calls = Task.Run(async () =>
        {
            foreach (var device in callers)
            {
                await Task.Delay(2000);
                rings.Add(await RingAsync(runner, desk, rebooted[device]));
            }
        });

        // Done when every board's every record is in the archive once: each device's rows are its sequence 1..last, no gap, no copy.
        var exact = false;
        long rows = 0;
        var report = Stopwatch.StartNew();
        string incomplete = "";
        while (flush.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(1000);
            if (report.Elapsed > TimeSpan.FromSeconds(10))
            {
                report.Restart();
                Console.WriteLine($"    {flush.Elapsed.TotalSeconds,5:F0} s: {stores.Db.Scalar("SELECT COUNT(*) FROM events"):N0} archived, archive lane {lane.Queued:N0}, " +
                    $"live lane {liveLane.UrgentQueued} urgent + {liveLane.PresenceQueued} presence queued, undelivered on the boards {rebooted.Values.Sum(b => b.Controller.Store.Undelivered):N0}" +
                    (live.BrokerConnected ? "" : "; the console is off the broker"));
            }
            if (lane.Queued > 0)
                continue;
            var perDevice = stores.Db.Query("SELECT device, COUNT(*), MAX(seq) FROM events GROUP BY device", r => (Device: r.GetString(0), Rows: r.GetInt64(1), Max: r.GetInt64(2)));
            rows = perDevice.Sum(d => d.Rows);
            var gaps = perDevice.Count(d => d.Rows != d.Max);
            var behind = perDevice.Count(d => d.Max != rebooted[d.Device].Controller.Store.LastSequence);
            exact = perDevice.Count == boards && gaps == 0 && behind == 0;
            incomplete = $"{boards - perDevice.Count} devices missing, {gaps} with gaps, {behind} not up to their last record";
            if (exact)
                break;
        }
        var drained = flush.Elapsed;
        rows = stores.Db.Scalar("SELECT COUNT(*) FROM events");
        await calls;
        sampling.Cancel();
        await sampler;
        var router = app.Services.GetRequiredService<MessageRouter>();
        var mqtt = app.Services.GetRequiredService<ConsoleMqtt>();
        Console.WriteLine($"  the console lost the broker {mqtt.Disconnects} times{(mqtt.LastDisconnect is { } why ? $" (last: {why})" : "")}");
        Console.WriteLine($"  flush: {rows:N0} events archived (every device's sequence 1..last, each once: {(exact ? "yes" : "NO after 10 min: " + incomplete)}) " +
            $"{drained.TotalSeconds:F1} s after power-up ({(exact ? $"{(long)eventsPerBoard * boards / drained.TotalSeconds:N0} buffered events/s" : "not finished")}); " +
            $"{lane.Archived - archivedBefore:N0} messages through the archive lane, {router.Duplicates - duplicatesBefore:N0} redeliveries kept out; lane peak {peakQueued:N0} queued");
        Console.WriteLine($"  memory: process (boards + console{(broker is MqttNetBroker ? " + broker" : "")}) working set {consoleBefore / 1048576} MiB before, peak {peakWorkingSet / 1048576} MiB, " +
            $"managed heap peak {peakHeap / 1048576} MiB" + (broker is MosquittoBroker ? $"; Mosquitto resident peak {peakBroker / 1048576} MiB" : ""));
        var sorted = rings.OrderBy(r => r).ToList();
        Console.WriteLine($"  visitor call during the flush → ringing on the call desk: " +
            (sorted.Count == 0 ? "none measured" : $"median {sorted[sorted.Count / 2]:F0} ms, max {sorted[^1]:F0} ms (n={sorted.Count}: {string.Join(", ", sorted.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))})") +
            $"; on the quiet site before the outage {quietRing:F0} ms (the button's 50 ms debounce included)");
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Presses the board's call button; ms until the console's call desk rings for it (what the call banner shows).</summary>
    private static async Task<double> RingAsync(BoardRunner runner, CallDesk desk, SimulatedBoard board)
    {
        var device = board.Config.DeviceId;
        var pressed = Stopwatch.StartNew();
        board.Set(InputFunction.CallButton, true);
        runner.At(runner.SiteMillis + 300, () => board.Set(InputFunction.CallButton, false));
        while (!desk.Ringing().Any(c => c.Device == device) && pressed.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(2);
        return pressed.Elapsed.TotalMilliseconds;
    }

    private static async Task SiteDelayAsync(BoardRunner runner, long millis)
    {
        var until = runner.SiteMillis + millis;
        while (runner.SiteMillis < until)
            await Task.Delay(5);
    }

    private static bool HasPatrol(SimulatedBoard board) => board.Config.Inputs.Any(i => i.Function == InputFunction.Patrol);

    private static string PostgresSchema()
    {
        var connection = Environment.GetEnvironmentVariable("KIOSK_TEST_POSTGRES")
            ?? throw new InvalidOperationException("postgres: set KIOSK_TEST_POSTGRES to an Npgsql connection string");
        var schema = "outage" + Guid.NewGuid().ToString("N")[..10];
        using var admin = new Npgsql.NpgsqlConnection(connection);
        admin.Open();
        using var create = admin.CreateCommand();
        create.CommandText = $"CREATE SCHEMA {schema}";
        create.ExecuteNonQuery();
        return connection + ";Search Path=" + schema;
    }
}
