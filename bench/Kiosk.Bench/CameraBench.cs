using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.DutyRoom;
using Kiosk.DutyRoom.Cameras;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Data.Cameras;
using Kiosk.DutyRoom.Desk;
using Kiosk.HostSim.Site;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiosk.Bench;

/// <summary>
/// Entrance cameras (issue 19), two parts:
/// 1. The whole site (simulated boards, broker, console, simulated digest cameras): a visitor presses
///    the call button; how long until the console rings, and until the ring banner has its picture.
/// 2. The console's keeper alone on SQLite: N calls of three pictures each (ring, answer, door-open)
///    from a simulated Hikvision camera behind digest: ring → picture kept, and the memory and disk
///    that 1,000 calls' pictures take.
/// </summary>
internal static class CameraBench
{
    public static async Task RunAsync(int siteCalls, int keptCalls)
    {
        await SiteRingAsync(siteCalls);
        await KeptPicturesAsync(keptCalls);
    }

    private static async Task SiteRingAsync(int calls)
    {
        var data = Directory.CreateTempSubdirectory("kiosk-bench-camera-").FullName;
        await using var site = await SimulatedSite.StartAsync(new SiteOptions { Boards = 4, Speed = 1, DataFolder = data, Console = true, ConsolePort = FreePort() });
        await site.WaitOnlineAsync(TimeSpan.FromSeconds(30));
        var services = site.DutyRoom!.Services;
        var stores = services.GetRequiredService<Stores>();
        var desk = services.GetRequiredService<CallDesk>();
        var feed = services.GetRequiredService<CameraFeed>();
        var op = stores.Operators.Create("bench", "Bench", "bench-password-1", Roles.Operator, DateTimeOffset.UtcNow);
        var framed = new ConcurrentDictionary<string, long>();
        feed.Changed += device =>
        {
            if (feed.Frame(device)?.Jpeg is not null)
                framed.TryAdd(device, Stopwatch.GetTimestamp());
        };
        var ring = new List<TimeSpan>();
        var picture = new List<TimeSpan>();
        // The four entrances in turn (one camera kind each: Hikvision, Dahua, ONVIF, URL), so each board's 5 s anti-repeat has passed.
        string[] devices = ["main-gate", "side-gate", "building-1", "building-2"];
        for (var i = 0; i < calls; i++)
        {
            var device = devices[i % devices.Length];
            var board = site.Board(device)!;
            framed.Clear();
            var pressed = Stopwatch.GetTimestamp();
            board.Set(InputFunction.CallButton, true);
            site.Runner.At(site.Runner.SiteMillis + 300, () => board.Set(InputFunction.CallButton, false));
            CallRecord? call = null;
            while (call is null && Stopwatch.GetElapsedTime(pressed) < TimeSpan.FromSeconds(10))
            {
                call = desk.Ringing().FirstOrDefault(c => c.Device == device);
                if (call is null)
                    await Task.Delay(2);
            }
            if (call is null)
            {
                Console.WriteLine("  a call did not ring within 10 s: stopping");
                break;
            }
            ring.Add(Stopwatch.GetElapsedTime(pressed));
            while (!framed.ContainsKey(device) && Stopwatch.GetElapsedTime(pressed) < TimeSpan.FromSeconds(10))
                await Task.Delay(2);
            if (framed.TryGetValue(device, out var at))
                picture.Add(Stopwatch.GetElapsedTime(pressed, at));
            await desk.AnswerAsync(op, device, call.CallId);
            await desk.EndAsync(op, device, call.CallId);
            while (stores.Calls.Live().Any(c => c.Device == device))
                await Task.Delay(10);
            await Task.Delay(1500);
        }
        Console.WriteLine($"camera, whole site (4 boards, embedded broker, console, simulated cameras behind digest: Hikvision, Dahua, ONVIF, URL in turn), {ring.Count} calls:");
        Console.WriteLine($"  press -> console rings          p50 {Ms(ring, 50)}  p99 {Ms(ring, 99)}");
        Console.WriteLine($"  press -> banner has its picture p50 {Ms(picture, 50)}  p99 {Ms(picture, 99)}  ({picture.Count} of {ring.Count} calls had one)");
        var between = ring.Zip(picture, (r, p) => p - r).ToList();
        Console.WriteLine($"  ring -> picture                 p50 {Ms(between, 50)}  p99 {Ms(between, 99)}");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(data, true); } catch (IOException) { }
    }

    private static async Task KeptPicturesAsync(int calls)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-bench-pictures-").FullName;
        var cameraAuth = Kiosk.HostSim.Cameras.CameraAuthOptions.Digest();
        await using var server = await Kiosk.HostSim.Cameras.CameraServer.StartAsync(
            [new Kiosk.HostSim.Cameras.SimulatedCamera("main-gate", "东门岗亭", CameraKind.Hikvision, () => true)], cameraAuth, TimeZoneInfo.Utc);
        var db = ConsoleDb.Sqlite(Path.Combine(folder, "dutyroom.db"));
        var stores = new Stores(db, ConsoleProtection.Create(folder));
        stores.Devices.Add("bench", "main-gate", "东门岗亭", new string('a', 64), "bench", DateTimeOffset.UtcNow);
        var registry = new CameraRegistry(db, ConsoleProtection.Create(folder));
        registry.Set("main-gate", CameraKind.Hikvision, server.AddressOf("main-gate"), CameraAuth.Digest, cameraAuth.Username, cameraAuth.Password, "bench", DateTimeOffset.UtcNow);
        var options = new ConsoleOptions { DataFolder = folder };
        var clock = new ConsoleClock();
        using var fetcher = new SnapshotFetcher(registry, options, clock);
        using var feed = new CameraFeed(fetcher, stores, options, NullLogger<CameraFeed>.Instance);
        var pictures = new PictureStore(db, options.PictureFolderPath, options.PictureCapBytes);
        var keeper = new PictureKeeper(stores, pictures, fetcher, feed, options, clock, NullLogger<PictureKeeper>.Instance);
        var keptAt = new ConcurrentDictionary<(string, string), long>();
        keeper.Kept += p => keptAt[(p.CallId ?? "", p.Moment)] = Stopwatch.GetTimestamp();

        // Warm up (JIT, the first digest round trip), then measure.
        await OneCallAsync("warm-up");
        var (filesBefore, bytesBefore) = Pictures(pictures.Folder);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var dbBefore = DatabaseBytes(db);
        var latencies = new List<TimeSpan>();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
            latencies.Add(await OneCallAsync("call-" + i));
        wall.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapAfter = GC.GetTotalMemory(true);
        var (filesAfter, bytesAfter) = Pictures(pictures.Folder);
        var (fileCount, fileBytes) = (filesAfter - filesBefore, bytesAfter - bytesBefore);
        var per1000 = 1000.0 / calls;
        Console.WriteLine($"camera, keeper alone on SQLite, {calls} calls x 3 pictures (ring, answer, door-open) from a simulated Hikvision camera behind digest (640x360 JPEG):");
        Console.WriteLine($"  ring -> picture kept (fetch, check, file, row)  p50 {Ms(latencies, 50)}  p99 {Ms(latencies, 99)}  ({wall.Elapsed.TotalSeconds:F1} s for all)");
        Console.WriteLine($"  disk per 1,000 calls: pictures {fileBytes * per1000 / 1048576.0:F1} MiB in {fileCount * per1000:F0} files (mean {fileBytes / 1024.0 / fileCount:F1} KiB), database +{(DatabaseBytes(db) - dbBefore) * per1000 / 1024.0:F0} KiB");
        Console.WriteLine($"  memory per 1,000 calls: allocated {allocated * per1000 / 1048576.0:F0} MiB (garbage, collected); managed heap after minus before {(heapAfter - heapBefore) / 1024.0:F0} KiB (the console keeps no picture in memory but the live frame of a call going on)");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, true); } catch (IOException) { }

        async Task<TimeSpan> OneCallAsync(string callId)
        {
            var now = DateTimeOffset.UtcNow;
            stores.Calls.Progress("bench", "main-gate", callId, "ringing", now);
            var rang = Stopwatch.GetTimestamp();
            keeper.OnEvent("bench", "main-gate", "call", "ringing", callId, now);
            await WaitAsync(() => keptAt.ContainsKey((callId, StoredPicture.Ring)));
            var took = Stopwatch.GetElapsedTime(rang, keptAt[(callId, StoredPicture.Ring)]);
            stores.Calls.Progress("bench", "main-gate", callId, "connected", now);
            keeper.OnEvent("bench", "main-gate", "call", "connected", callId, now);
            stores.Calls.DoorOpened("main-gate", callId, now.AddSeconds(1));
            keeper.OnEvent("bench", "main-gate", "door", "OPEN_AUTHORISED", "door", now.AddSeconds(1));
            await WaitAsync(() => keeper.Pending == 0);
            stores.Calls.Progress("bench", "main-gate", callId, "ended", now);
            keeper.OnEvent("bench", "main-gate", "call", "ended", callId, now);
            return took;
        }
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
        while (!condition() && Stopwatch.GetTimestamp() < until)
            await Task.Delay(1);
    }

    private static (int Count, long Bytes) Pictures(string folder)
    {
        var sizes = Directory.EnumerateFiles(folder, "*.jpg", SearchOption.AllDirectories).Select(f => new FileInfo(f).Length).ToList();
        return (sizes.Count, sizes.Sum());
    }

    /// <summary>The database file after a WAL checkpoint (the WAL itself is reused, not grown per row).</summary>
    private static long DatabaseBytes(ConsoleDb db)
    {
        db.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        return new FileInfo(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.ConnectionString).DataSource).Length;
    }

    private static string Ms(List<TimeSpan> values, int percent) =>
        Kiosk.DutyRoom.Reports.Percentile.Of(values, percent) is { } v ? $"{v.TotalMilliseconds,7:F1} ms" : "      —";

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
