using System;
using System.Diagnostics;
using System.Text.Json;
using Kiosk.Core.Events;
using Kiosk.Core.Loop;
using Kiosk.Core.Protocol;
using Kiosk.Core.Security;
using Kiosk.HostSim.Adapters;
using Kiosk.HostSim.Simulation;

namespace Kiosk.Bench;

/// <summary>Encode/decode time and bytes allocated per message, next to System.Text.Json doing the same work in this process.</summary>
internal static class CodecBench
{
    private const int N = 200_000;

    public static void Run()
    {
        var writer = new MessageWriter("maple-court", "main-gate");
        var record = new EventRecord
        {
            Sequence = 5731, BootId = 12, UnixMillis = 1795000000123, TimeSynced = true, Type = EventType.DoorState,
            Code = 5, Source = "forced", Detail = "FORCED_OPEN lock secure",
        };
        var dto = new { v = 1, site = "maple-court", dev = "main-gate", boot = 12, seq = 5731L, ts = "2026-11-18T11:06:40.123Z", synced = true,
            type = "door", code = 5, name = "FORCED_OPEN", src = "forced", detail = "FORCED_OPEN lock secure" };

        var ours = Measure(() => writer.EventInto(record));
        var oursArray = Measure(() => writer.Event(record));
        var stj = Measure(() => JsonSerializer.SerializeToUtf8Bytes(dto));
        Console.WriteLine($"event encode   core {ours.Ns,8:F0} ns/msg {ours.Bytes,6:F0} B/msg into its reused buffer ({oursArray.Bytes:F0} B as the exact array a transport keeps until PUBACK) | System.Text.Json {stj.Ns,8:F0} ns/msg {stj.Bytes,6:F0} B/msg | ratio {ours.Ns / stj.Ns:F2}x time");

        var key = new byte[32];
        var hmac = new BclHmacSha256();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var command = new SignedCommand { RequestId = "req-1", DeviceId = "main-gate", Command = "unlock", Sender = "operator:li", IssuedAt = now, ExpiresAt = now + 30, Counter = 1 };
        var payload = new CommandWriter().Write(command, key, hmac, null);
        var into = new SignedCommand();
        var scanner = new CommandScanner();
        var decode = Measure(() => CommandReader.Read(payload, into, out _, scanner));
        var decodeFull = Measure(() => CommandReader.Read(payload, into, out _));
        var stjDecode = Measure(() => JsonDocument.Parse(payload).Dispose());
        Console.WriteLine($"command decode core {decode.Ns,8:F0} ns/msg {decode.Bytes,6:F0} B/msg (full reader: {decodeFull.Ns:F0} ns, {decodeFull.Bytes:F0} B) | JsonDocument.Parse {stjDecode.Ns,8:F0} ns/msg {stjDecode.Bytes,6:F0} B/msg | ratio {decode.Ns / stjDecode.Ns:F2}x time");

        var clock = new VirtualClock(DateTime.UtcNow, synced: true);
        var counter = 1L;
        var verifier = new CommandVerifier("main-gate", key, hmac, clock, new MemoryStorage());
        var verify = Measure(() =>
        {
            command.Counter = ++counter;
            CommandSigner.Sign(command, key, hmac);
            verifier.Verify(command, false, out _);
        }, N / 10);
        Console.WriteLine($"sign + verify  core {verify.Ns,8:F0} ns/cmd {verify.Bytes,6:F0} B/cmd (HMAC-SHA256 twice, counter persisted to in-memory storage)");

        // What the board does per command: read the payload, verify it (fresh counters: signed beforehand, outside the count).
        const int Signed = N / 10;
        var payloads = new byte[Signed + 1000][];
        var writer2 = new CommandWriter();
        for (var i = 0; i < payloads.Length; i++)
        {
            command.Counter = ++counter;
            payloads[i] = writer2.Write(command, key, hmac, null);
        }
        var next = 0;
        var board = new SignedCommand();
        var check = Measure(() =>
        {
            CommandReader.Read(payloads[next++], board, out _, scanner);
            verifier.Verify(board, false, out _);
        }, Signed);
        Console.WriteLine($"decode + verify core {check.Ns,7:F0} ns/cmd {check.Bytes,6:F0} B/cmd (the board's check of one command: read, MAC, freshness, counter persisted; budget 512 B)");
    }

    private static (double Ns, double Bytes) Measure(Action action, int n = N)
    {
        for (var i = 0; i < 1000; i++)
            action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
            action();
        watch.Stop();
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        return (watch.Elapsed.TotalNanoseconds / n, (double)bytes / n);
    }
}
