using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using Kiosk.DutyRoom.Data;

namespace Kiosk.Bench;

/// <summary>
/// Archive throughput: N events from 1,000 devices into SQLite and PostgreSQL, the old path (one
/// INSERT per event, its own connection and commit) against the batched one (one transaction per
/// batch, multi-row INSERT … ON CONFLICT DO NOTHING RETURNING). Then every event is sent again, as
/// a reconnect's redelivery does, and the table must still hold each once.
/// PostgreSQL is the server KIOSK_TEST_POSTGRES names (a fresh schema per run); skipped if unset.
/// </summary>
internal static class ArchiveBench
{
    public const int Devices = 1000;

    public static void Run(int events, int batchSize)
    {
        Console.WriteLine($"archive: {events:N0} events from {Devices} devices, batches of {batchSize}; old path on the first {Math.Min(events, 20_000):N0}");
        var messages = Messages(events, DateTimeOffset.UtcNow);
        var folder = Directory.CreateTempSubdirectory("kiosk-archive-").FullName;
        try
        {
            Measure("SQLite", () => ConsoleDb.Sqlite(Path.Combine(folder, "old.db")), () => ConsoleDb.Sqlite(Path.Combine(folder, "batched.db")), messages, batchSize);
            if (Environment.GetEnvironmentVariable("KIOSK_TEST_POSTGRES") is { Length: > 0 } pg)
                Measure("PostgreSQL", () => ConsoleDb.Postgres(FreshSchema(pg)), () => ConsoleDb.Postgres(FreshSchema(pg)), messages, batchSize);
            else
                Console.WriteLine("  PostgreSQL: set KIOSK_TEST_POSTGRES to an Npgsql connection string to measure it");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The events as boards publish them (docs/protocol.md, events): device d's sequence 1, 2, … in boot 3.</summary>
    public static List<IncomingMessage> Messages(int events, DateTimeOffset at)
    {
        var list = new List<IncomingMessage>(events);
        var seq = new long[Devices];
        for (var i = 0; i < events; i++)
        {
            var d = i % Devices;
            var s = ++seq[d];
            var device = "door-" + d.ToString("D4", CultureInfo.InvariantCulture);
            var ts = ConsoleDb.Iso(at.AddMinutes(-60).AddMilliseconds(s * 1000 + d));
            var payload = (i % 3) switch
            {
                0 => $"{{\"v\":1,\"site\":\"maple-court\",\"dev\":\"{device}\",\"boot\":3,\"seq\":{s},\"ts\":\"{ts}\",\"synced\":true,\"type\":\"door\",\"code\":3,\"name\":\"OPEN_AUTHORISED\",\"src\":\"contact\",\"detail\":\"OPEN_AUTHORISED lock released\"}}",
                1 => $"{{\"v\":1,\"site\":\"maple-court\",\"dev\":\"{device}\",\"boot\":3,\"seq\":{s},\"ts\":\"{ts}\",\"synced\":true,\"type\":\"access\",\"code\":1,\"src\":\"cred:1042\",\"detail\":\"granted\"}}",
                _ => $"{{\"v\":1,\"site\":\"maple-court\",\"dev\":\"{device}\",\"boot\":3,\"seq\":{s},\"ts\":\"{ts}\",\"synced\":true,\"type\":\"patrol\",\"code\":2,\"src\":\"north-gate\",\"detail\":\"checkpoint\"}}",
            };
            list.Add(new IncomingMessage($"kiosk/v1/maple-court/{device}/events", Encoding.UTF8.GetBytes(payload), at));
        }
        return list;
    }

    private static void Measure(string name, Func<ConsoleDb> openOld, Func<ConsoleDb> openBatched, List<IncomingMessage> messages, int batchSize)
    {
        var old = new EventArchive(openOld());
        var baseline = Math.Min(messages.Count, 20_000);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < baseline; i++)
            old.Ingest(messages[i].Topic, messages[i].Payload, messages[i].ReceivedAt);
        var oldRate = baseline / clock.Elapsed.TotalSeconds;

        var db = openBatched();
        var archive = new EventArchive(db);
        var (stored, seconds) = Batched(archive, messages, batchSize);
        var (again, replaySeconds) = Batched(archive, messages, batchSize);
        var rows = db.Scalar("SELECT COUNT(*) FROM events");
        Console.WriteLine($"  {name,-10}: old path {oldRate,9:N0} events/s; batched {messages.Count / seconds,9:N0} events/s " +
            $"({stored:N0} stored in {seconds:F2} s); redelivered again: {messages.Count / replaySeconds,9:N0} events/s, {again} stored twice; " +
            $"rows {rows:N0} ({(rows == messages.Count ? "each once" : "WRONG")})");
    }

    private static (int Stored, double Seconds) Batched(EventArchive archive, List<IncomingMessage> messages, int batchSize)
    {
        var stored = 0;
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < messages.Count; start += batchSize)
        {
            var outcome = archive.IngestBatch(messages.GetRange(start, Math.Min(batchSize, messages.Count - start)));
            foreach (var r in outcome.Results)
                stored += r == IngestResult.Stored ? 1 : 0;
        }
        return (stored, clock.Elapsed.TotalSeconds);
    }

    private static string FreshSchema(string connection)
    {
        var schema = "bench" + Guid.NewGuid().ToString("N")[..10];
        using var admin = new Npgsql.NpgsqlConnection(connection);
        admin.Open();
        using var create = admin.CreateCommand();
        create.CommandText = $"CREATE SCHEMA {schema}";
        create.ExecuteNonQuery();
        return connection + ";Search Path=" + schema;
    }
}
