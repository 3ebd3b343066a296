using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// The duty room's archive in SQLite: events de-duplicated by (device, boot, sequence) as the
/// protocol requires of consumers, device status where a late will from an older connection cannot
/// override a newer birth, retention (180 days by default, GB 50396's minimum) and CSV export.
/// </summary>
public sealed class EventArchive : IDisposable
{
    public const int DefaultRetentionDays = 180;
    public const int MaxPayloadBytes = 4096;
    private readonly SqliteConnection _db;
    private readonly object _gate = new();

    public EventArchive(string databasePath)
    {
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString());
        _db.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS events (
                site TEXT NOT NULL, device TEXT NOT NULL, boot INTEGER NOT NULL, seq INTEGER NOT NULL,
                ts TEXT NOT NULL, synced INTEGER NOT NULL, type TEXT NOT NULL, code INTEGER NOT NULL,
                name TEXT, src TEXT NOT NULL, detail TEXT NOT NULL, received_at TEXT NOT NULL,
                PRIMARY KEY (device, boot, seq));
            CREATE INDEX IF NOT EXISTS events_by_time ON events (ts);
            CREATE TABLE IF NOT EXISTS device_status (
                site TEXT NOT NULL, device TEXT NOT NULL PRIMARY KEY, online INTEGER NOT NULL,
                boot INTEGER NOT NULL, conn INTEGER NOT NULL, since TEXT NOT NULL);
            """);
    }

    /// <summary>Why the last message was rejected (for the console's log).</summary>
    public string? LastRejection { get; private set; }

    /// <summary>Takes one MQTT message from kiosk/v1/# and stores what it says.</summary>
    public IngestResult Ingest(string topic, byte[] payload, DateTimeOffset receivedAt)
    {
        var parts = topic.Split('/');
        if (parts.Length != 5 || parts[0] != "kiosk" || parts[1] != "v1")
            return IngestResult.Ignored;
        if (parts[4] != "events" && parts[4] != "status")
            return IngestResult.Ignored;
        if (payload.Length > MaxPayloadBytes)
            return Reject($"{topic}: payload of {payload.Length} bytes");
        try
        {
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            if (root.GetProperty("v").GetInt32() != 1)
                return Reject($"{topic}: unknown version");
            if (root.GetProperty("dev").GetString() != parts[3])
                return Reject($"{topic}: device '{root.GetProperty("dev").GetString()}' does not match the topic");
            return parts[4] == "events" ? StoreEvent(parts[2], parts[3], root, receivedAt) : StoreStatus(parts[2], parts[3], root, receivedAt);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Reject($"{topic}: {e.Message}");
        }
    }

    public IReadOnlyList<ArchivedEvent> Query(string? device = null, string? type = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int limit = 10_000)
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                SELECT site, device, boot, seq, ts, synced, type, code, name, src, detail, received_at FROM events
                WHERE ($device IS NULL OR device = $device) AND ($type IS NULL OR type = $type)
                  AND ($from IS NULL OR ts >= $from) AND ($to IS NULL OR ts < $to)
                ORDER BY ts, device, boot, seq LIMIT $limit
                """;
            cmd.Parameters.AddWithValue("$device", (object?)device ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$type", (object?)type ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$from", from is null ? DBNull.Value : Iso(from.Value));
            cmd.Parameters.AddWithValue("$to", to is null ? DBNull.Value : Iso(to.Value));
            cmd.Parameters.AddWithValue("$limit", limit);
            var list = new List<ArchivedEvent>();
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                list.Add(new ArchivedEvent(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                    DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture), reader.GetInt64(5) == 1, reader.GetString(6),
                    reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetString(9), reader.GetString(10),
                    DateTimeOffset.Parse(reader.GetString(11), CultureInfo.InvariantCulture)));
            }
            return list;
        }
    }

    public DeviceStatus? Status(string device)
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT site, device, online, boot, conn, since FROM device_status WHERE device = $device";
            cmd.Parameters.AddWithValue("$device", device);
            using var reader = cmd.ExecuteReader();
            return reader.Read()
                ? new DeviceStatus(reader.GetString(0), reader.GetString(1), reader.GetInt64(2) == 1, reader.GetInt64(3), reader.GetInt64(4),
                    DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture))
                : null;
        }
    }

    /// <summary>Deletes events older than <paramref name="days"/> before <paramref name="now"/>; returns how many.</summary>
    public int Prune(DateTimeOffset now, int days = DefaultRetentionDays)
    {
        if (days < DefaultRetentionDays)
            throw new ArgumentOutOfRangeException(nameof(days), $"events are kept at least {DefaultRetentionDays} days (GB 50396)");
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "DELETE FROM events WHERE ts < $cutoff";
            cmd.Parameters.AddWithValue("$cutoff", Iso(now.AddDays(-days)));
            return cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Writes events as CSV (RFC 4180) with a header row.</summary>
    public static void WriteCsv(IEnumerable<ArchivedEvent> events, TextWriter writer)
    {
        writer.Write("time,site,device,boot,seq,synced,type,code,name,source,detail\r\n");
        foreach (var e in events)
        {
            writer.Write(string.Join(',', Iso(e.Time), Csv(e.Site), Csv(e.Device), e.Boot.ToString(CultureInfo.InvariantCulture),
                e.Seq.ToString(CultureInfo.InvariantCulture), e.TimeSynced ? "yes" : "no", Csv(e.Type), e.Code.ToString(CultureInfo.InvariantCulture),
                Csv(e.Name ?? ""), Csv(e.Source), Csv(e.Detail)));
            writer.Write("\r\n");
        }
    }

    public void Dispose() => _db.Dispose();

    private IngestResult StoreEvent(string site, string device, JsonElement e, DateTimeOffset receivedAt)
    {
        var time = DateTimeOffset.Parse(e.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture);
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                INSERT OR IGNORE INTO events (site, device, boot, seq, ts, synced, type, code, name, src, detail, received_at)
                VALUES ($site, $device, $boot, $seq, $ts, $synced, $type, $code, $name, $src, $detail, $received)
                """;
            cmd.Parameters.AddWithValue("$site", site);
            cmd.Parameters.AddWithValue("$device", device);
            cmd.Parameters.AddWithValue("$boot", e.GetProperty("boot").GetInt64());
            cmd.Parameters.AddWithValue("$seq", e.GetProperty("seq").GetInt64());
            cmd.Parameters.AddWithValue("$ts", Iso(time));
            cmd.Parameters.AddWithValue("$synced", e.GetProperty("synced").GetBoolean() ? 1 : 0);
            cmd.Parameters.AddWithValue("$type", e.GetProperty("type").GetString()!);
            cmd.Parameters.AddWithValue("$code", e.GetProperty("code").GetInt32());
            cmd.Parameters.AddWithValue("$name", e.TryGetProperty("name", out var name) ? name.GetString()! : DBNull.Value);
            cmd.Parameters.AddWithValue("$src", e.GetProperty("src").GetString()!);
            cmd.Parameters.AddWithValue("$detail", e.GetProperty("detail").GetString()!);
            cmd.Parameters.AddWithValue("$received", Iso(receivedAt));
            return cmd.ExecuteNonQuery() == 1 ? IngestResult.Stored : IngestResult.Duplicate;
        }
    }

    /// <summary>A birth or will counts only if its (boot, connection) is not older than what is on record.</summary>
    private IngestResult StoreStatus(string site, string device, JsonElement s, DateTimeOffset receivedAt)
    {
        var online = s.GetProperty("state").GetString() switch
        {
            "online" => true,
            "offline" => false,
            var other => throw new FormatException($"state '{other}'"),
        };
        var boot = s.GetProperty("boot").GetInt64();
        var conn = s.GetProperty("conn").GetInt64();
        lock (_gate)
        {
            // Births and wills are ordered by (boot, connection): a will carries its connection's
            // number, so a late one from an older connection is older than the newer birth.
            var current = Status(device);
            if (current is not null && (boot < current.Boot || (boot == current.Boot && conn < current.Connection)))
                return IngestResult.Stale;
            using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                INSERT INTO device_status (site, device, online, boot, conn, since) VALUES ($site, $device, $online, $boot, $conn, $since)
                ON CONFLICT (device) DO UPDATE SET site = $site, online = $online, boot = $boot, conn = $conn, since = $since
                """;
            cmd.Parameters.AddWithValue("$site", site);
            cmd.Parameters.AddWithValue("$device", device);
            cmd.Parameters.AddWithValue("$online", online ? 1 : 0);
            cmd.Parameters.AddWithValue("$boot", boot);
            cmd.Parameters.AddWithValue("$conn", conn);
            cmd.Parameters.AddWithValue("$since", Iso(receivedAt));
            cmd.ExecuteNonQuery();
            return IngestResult.Stored;
        }
    }

    private IngestResult Reject(string why)
    {
        LastRejection = why;
        return IngestResult.Rejected;
    }

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Csv(string value) =>
        value.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
