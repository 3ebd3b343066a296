using System;
using System.Diagnostics;
using System.Linq;
using Kiosk.Core.Access;
using Kiosk.Core.Events;
using Kiosk.Core.Loop;
using Kiosk.Core.Protocol;
using Kiosk.Core.Security;
using Kiosk.HostSim.Adapters;
using Kiosk.HostSim.Simulation;

namespace Kiosk.Bench;

/// <summary>
/// The allow-list on the board's side: lookup time, storage reads and bytes allocated per lookup at
/// 10,000 and 50,000 credentials (the storage double stands in for flash: a read here is a file
/// opened on the board), next to the keyed hash every swipe costs; and a full sync of 10,000
/// credentials through the board's acl handling: parts, payload bytes as CommandWriter writes
/// them (what goes on the wire, without MQTT's own few bytes a message), time.
/// </summary>
internal static class AccessBench
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public static async System.Threading.Tasks.Task RunAsync()
    {
        var hmac = new BclHmacSha256();
        foreach (var n in new[] { 10_000, 50_000 })
            Lookup(n, hmac);
        Sync(10_000, hmac);
        await SyncOverBrokerAsync(10_000);
    }

    /// <summary>
    /// The duty room's side too: 10,000 credentials sent by host-sim's access book (as the console
    /// sends them: part by part, each answered before the next) to a simulated board with a reader
    /// over MQTTnet's broker in this process.
    /// </summary>
    private static async System.Threading.Tasks.Task SyncOverBrokerAsync(int n)
    {
        var json = System.IO.File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "site", "building-1.json"));
        var config = Kiosk.Core.Config.ConfigReader.Read(json, new Kiosk.Core.Config.ConfigErrors())!;
        await using var broker = new Kiosk.HostSim.Brokers.MqttNetBroker();
        await broker.StartAsync();
        var connect = new Kiosk.Core.Ports.TransportConnectOptions { Host = "127.0.0.1", Port = broker.Port, UseTls = false, ClientId = "kiosk-bench-acl", ProtocolVersion = 5 };
        using var board = new SimulatedBoard(config, connect, Key).Start();
        for (var waited = 0; board.Node.LinkState != Kiosk.Core.Link.LinkState.Connected; waited += 10)
        {
            if (waited > 10_000)
                throw new InvalidOperationException("the board never connected: " + string.Join(", ", board.RecordedSince(0).Select(r => r.Type + " " + r.Name + " " + r.Detail)));
            await System.Threading.Tasks.Task.Delay(10);
        }
        await using var room = await Kiosk.HostSim.Site.DutyRoomClient.ConnectAsync(broker.Port);
        var book = new Kiosk.HostSim.Site.SimulatedAccessBook();
        for (var i = 0; i < n; i++)
            book.Grant(config.DeviceId, Key, CredentialHash.Card26, (1_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var watch = Stopwatch.StartNew();
        var problem = await book.SyncAsync(room, config.Site, config.DeviceId, Key, board.Clock.UtcNow, "operator:bench", TimeSpan.FromSeconds(10));
        watch.Stop();
        Console.WriteLine(problem is not null
            ? $"allow-list sync over MQTTnet's broker failed: {problem}"
            : $"allow-list sync over MQTTnet's broker, {n} entries: {AccessListParts.Count(n)} parts answered one by one in {watch.Elapsed.TotalSeconds:F2} s, {room.BytesSent / 1024.0:F0} KB of command payload; the board holds v{board.Controller.AllowList!.Version} with {board.Controller.AllowList.Count}");
    }

    private static byte[] Records(int n, BclHmacSha256 hmac)
    {
        var entries = Enumerable.Range(1, n).Select(i =>
        {
            var e = new AccessEntry { Id = (uint)i, Groups = 1, Kind = AccessEntry.Card };
            CredentialHash.Of(hmac, Key, CredentialHash.Card26, i.ToString(System.Globalization.CultureInfo.InvariantCulture)).CopyTo(e.Hash, 0);
            return e;
        }).OrderBy(e => Convert.ToHexString(e.Hash), StringComparer.Ordinal).ToList();
        var bytes = new byte[n * AccessEntry.Size];
        for (var i = 0; i < n; i++)
            entries[i].Encode(bytes, i * AccessEntry.Size);
        return bytes;
    }

    private static void Lookup(int n, BclHmacSha256 hmac)
    {
        var storage = new MemoryStorage();
        var list = new AllowList(storage);
        list.Open();
        var writer = new AllowListWriter(storage, list);
        writer.Begin(1, new byte[AccessSchedule.TableSize]);
        var records = Records(n, hmac);
        for (var at = 0; at < records.Length; at += AccessEntry.Size)
            writer.Append(records, at);
        writer.Commit();
        var probes = Enumerable.Range(0, 2000).Select(i => CredentialHash.Of(hmac, Key, CredentialHash.Card26, (i * 37 % (2 * n)).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var into = new AccessEntry();
        foreach (var p in probes.Take(200))
            list.Find(p, into); // warm up
        var reads = storage.Reads;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var found = 0;
        foreach (var p in probes)
            found += list.Find(p, into) ? 1 : 0;
        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var hashWatch = Stopwatch.StartNew();
        var hashBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < probes.Length; i++)
            CredentialHash.Of(hmac, Key, CredentialHash.Card26, "805306");
        hashWatch.Stop();
        var hashAllocated = GC.GetAllocatedBytesForCurrentThread() - hashBefore;
        Console.WriteLine($"allow-list {n,6} entries: lookup {watch.Elapsed.TotalMilliseconds * 1e6 / probes.Length,7:F0} ns, {(storage.Reads - reads) / (double)probes.Length,4:F1} reads, {allocated / (double)probes.Length,4:F0} B/lookup ({found} of {probes.Length} found) | keyed hash {hashWatch.Elapsed.TotalMilliseconds * 1e6 / probes.Length,6:F0} ns, {hashAllocated / (double)probes.Length,4:F0} B | flash {storage.Length(list.ActiveBlob!) / 1024.0:F0} KB");
    }

    private static void Sync(int n, BclHmacSha256 hmac)
    {
        var storage = new MemoryStorage();
        var clock = new VirtualClock(DateTime.UtcNow, synced: true);
        var log = new Kiosk.Core.Events.EventLog(new EventStore(storage, 1024), clock, 1);
        log.Store.Open();
        var list = new AllowList(storage);
        list.Open();
        var sync = new AccessListSync(storage, list, hmac, Key, log);
        var records = Records(n, hmac);
        var schedules = new byte[AccessSchedule.TableSize];
        var parts = AccessListParts.Count(n);
        var writer = new CommandWriter();
        long wire = 0;
        var watch = Stopwatch.StartNew();
        for (var part = 1; part <= parts; part++)
        {
            AccessListParts.Part(true, 0, 1, schedules, records, part, hmac, Key, out var argument, out var data);
            var command = new SignedCommand
            {
                RequestId = "req-" + part, DeviceId = "building-1", Command = "acl", Argument = argument, Sender = "operator:li",
                IssuedAt = 1795000000, ExpiresAt = 1795000030, Counter = part, Data = data,
            };
            wire += writer.Write(command, Key, hmac, null).Length;
            if (sync.Apply(argument, data, out var detail) != Kiosk.Core.Commands.CommandResult.Ok)
                throw new InvalidOperationException(detail);
        }
        watch.Stop();
        Console.WriteLine($"allow-list sync {n} entries: {parts} parts, {wire / 1024.0:F0} KB of payload ({wire / (double)n:F0} B an entry), applied in {watch.Elapsed.TotalMilliseconds:F0} ms on desktop (signing + board side, no broker); v{list.Version} with {list.Count} in force");
    }
}
