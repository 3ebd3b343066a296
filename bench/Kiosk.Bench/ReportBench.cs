using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Kiosk.DutyRoom;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Reports;

namespace Kiosk.Bench;

/// <summary>
/// The monthly assessment report for a large estate: N entrances × D days of events in SQLite (about
/// 40 a day per entrance: lighting and day/night, patrol check-ins, calls, door cycles, an alarm
/// every third day), then the report read, computed and written as CSV, timed and with the bytes it
/// allocated. Printed, never asserted. `dotnet run -c Release --project bench/Kiosk.Bench -- reports [N] [D]`.
/// </summary>
public static class ReportBench
{
    public static void Run(int entrances, int days)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-report-bench-").FullName;
        try
        {
            var db = ConsoleDb.Sqlite(Path.Combine(folder, "dutyroom.db"));
            var stores = new Stores(db, ConsoleProtection.Create(folder));
            var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
            var period = new ReportPeriod(new DateOnly(2026, 10, 1), days, zone);
            var setup = Stopwatch.StartNew();
            var events = Fill(stores, period, entrances);
            stores.PatrolPlans.Add("bench", string.Join('\n', Enumerable.Range(0, Math.Min(entrances, PatrolPlanStore.MaxPoints)).Select(i => $"door-{i:D4}/checkpoint")),
                "22:00", "06:00", 2, 15, 2, "bench", DateTimeOffset.UtcNow);
            Console.WriteLine($"reports: {entrances} entrances × {days} days, {events:N0} events written in {setup.Elapsed.TotalSeconds:F1} s (SQLite, one transaction)");

            // The first run warms the JIT and SQLite's page cache; the second is the one reported.
            for (var run = 0; run < 2; run++)
            {
                GC.Collect();
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var read = Stopwatch.StartNew();
                var input = ReportSource.Read(stores, period, period.To.AddDays(1));
                read.Stop();
                var compute = Stopwatch.StartNew();
                var report = AssessmentReport.Compute(input);
                compute.Stop();
                var csv = Stopwatch.StartNew();
                var l = new InvariantWords();
                var tables = new ReportTables(report, l, new Kiosk.DutyRoom.Localization.SiteTime(new ConsoleOptions()));
                long bytes = 0;
                foreach (var t in tables.All)
                {
                    var w = new StringWriter(CultureInfo.InvariantCulture);
                    t.WriteCsv(w);
                    bytes += w.GetStringBuilder().Length;
                }
                csv.Stop();
                var total = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                if (run == 1)
                    Console.WriteLine($"  read {read.Elapsed.TotalMilliseconds:F0} ms ({input.Events.Count:N0} events), compute {compute.Elapsed.TotalMilliseconds:F0} ms, " +
                        $"every table as CSV {csv.Elapsed.TotalMilliseconds:F0} ms ({bytes / 1024:N0} KiB); allocated {total / (1024 * 1024):N0} MiB, " +
                        $"managed heap after {GC.GetTotalMemory(false) / (1024 * 1024):N0} MiB, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB; " +
                        $"lighting {report.Lighting.Estate.Show()}, doors {report.Doors.Estate.Show()}, {report.Calls.Calls.Count:N0} calls, {report.Patrols.Plans[0].Rounds.Count} rounds");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long Fill(Stores stores, ReportPeriod period, int entrances)
    {
        var random = new Random(14);
        long count = 0;
        // The registry and a birth before the month, so every board counts as online from the start.
        for (var e = 0; e < entrances; e++)
        {
            stores.Db.Execute("INSERT INTO devices (site, device, label, key_protected, added_by, added_at) VALUES ('bench', @d, @d, 'x', 'bench', '2026-01-01T00:00:00.000Z')", ("@d", $"door-{e:D4}"));
            stores.Db.Execute("INSERT INTO presence (device, online, boot, conn, at) VALUES (@d, 1, 1, 1, '2026-09-30T00:00:00.000Z')", ("@d", $"door-{e:D4}"));
        }
        using var connection = stores.Db.Connect();
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO events (site, device, boot, seq, ts, synced, type, code, name, src, detail, received_at)
            VALUES ('bench', @device, 1, @seq, @ts, 1, @type, @code, @name, @src, @detail, @ts)
            """;
        var p = new[] { "@device", "@seq", "@ts", "@type", "@code", "@name", "@src", "@detail" }.Select(n =>
        {
            var x = insert.CreateParameter();
            x.ParameterName = n;
            insert.Parameters.Add(x);
            return x;
        }).ToArray();
        for (var e = 0; e < entrances; e++)
        {
            var device = $"door-{e:D4}";
            long seq = 0;
            void Add(DateTimeOffset at, string type, int code, string? name, string src, string detail)
            {
                p[0].Value = device;
                p[1].Value = ++seq;
                p[2].Value = ConsoleDb.Iso(at);
                p[3].Value = type;
                p[4].Value = (long)code;
                p[5].Value = (object?)name ?? DBNull.Value;
                p[6].Value = src;
                p[7].Value = detail;
                insert.ExecuteNonQuery();
                count++;
            }
            foreach (var day in period.Days)
            {
                var dusk = period.At(day, new TimeOnly(18, 0));
                Add(dusk, "day-night", 1, null, "light-sensor", "level 4%");
                Add(dusk.AddHours(12), "day-night", 0, null, "light-sensor", "level 40%");
                for (var c = 1; c <= 2; c++)
                    Add(dusk.AddHours(12), "lighting", c, null, "lamp-circuit-" + c, $"lit {43200 - (random.Next(20) == 0 ? random.Next(43200) : 0)} of 43200 s");
                for (var r = 0; r < 4; r++)
                    Add(dusk.AddHours(4.5 + 2 * r), "patrol", 1, null, "checkpoint", "check-in");
                for (var k = 0; k < 2; k++)
                {
                    var at = period.At(day, new TimeOnly(8 + random.Next(12), random.Next(60)));
                    var id = $"1-{seq}";
                    Add(at, "call", 1, "calling", id, "");
                    Add(at.AddSeconds(1), "call", 2, "ringing", id, "");
                    Add(at.AddSeconds(5 + random.Next(40)), "call", 3, "connected", id, "operator:bench");
                }
                for (var k = 0; k < 8; k++)
                {
                    var at = period.At(day, new TimeOnly(7 + k, random.Next(60)));
                    Add(at, "door", 2, "UNLOCKED", "exit", "");
                    Add(at.AddSeconds(3), "door", 3, "OPEN_AUTHORISED", "door", "");
                    Add(at.AddSeconds(9), "door", 1, "LOCKED_CLOSED", "door", "");
                }
                if (random.Next(3) == 0)
                {
                    var at = period.At(day, new TimeOnly(random.Next(24), random.Next(60)));
                    Add(at, "alarm-raised", 5, "perimeter", "perimeter", "");
                    Add(at.AddSeconds(30), "alarm-restored", 5, "perimeter", "perimeter", "latched until acknowledged");
                    Add(at.AddSeconds(60 + random.Next(600)), "alarm-reset", 5, "perimeter", "perimeter", "by operator:bench");
                }
            }
        }
        tx.Commit();
        return count;
    }

    /// <summary>Column and word keys as they are: the benchmark measures the tables, not the translation.</summary>
    private sealed class InvariantWords : Microsoft.Extensions.Localization.IStringLocalizer
    {
        public Microsoft.Extensions.Localization.LocalizedString this[string name] => new(name, name);

        public Microsoft.Extensions.Localization.LocalizedString this[string name, params object[] arguments] => new(name, name);

        public System.Collections.Generic.IEnumerable<Microsoft.Extensions.Localization.LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
