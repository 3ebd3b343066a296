using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// The duty room's archive: events de-duplicated by (device, boot, sequence) as the protocol
/// requires of consumers, device status where a late will from an older connection cannot
/// override a newer birth, retention (180 days by default, GB 50396's minimum) and CSV export.
/// On SQLite or PostgreSQL (<see cref="ConsoleDb"/>).
/// </summary>
public sealed partial class EventArchive : IDisposable
{
    public const int DefaultRetentionDays = 180;
    public const int MaxPayloadBytes = 4096;
    private readonly ConsoleDb _db;
    private readonly object _gate = new();

    public EventArchive(ConsoleDb db) => _db = db;

    /// <summary>An archive in its own SQLite file.</summary>
    public EventArchive(string databasePath)
        : this(ConsoleDb.Sqlite(databasePath))
    {
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

    /// <param name="scope">the sites the reader may see (issue 16); null: every site</param>
    public IReadOnlyList<ArchivedEvent> Query(string? device = null, string? type = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int limit = 10_000, string? text = null,
        Sites.SiteScope? scope = null) =>
        _db.Query($"""
            SELECT {EventColumns} FROM events
            WHERE (CAST(@device AS TEXT) IS NULL OR device = @device) AND (CAST(@type AS TEXT) IS NULL OR type = @type)
              AND {(scope ?? Sites.SiteScope.Everywhere).Where("site")}
              AND (CAST(@from AS TEXT) IS NULL OR ts >= @from) AND (CAST(@to AS TEXT) IS NULL OR ts < @to)
              AND (CAST(@text AS TEXT) IS NULL OR LOWER(COALESCE(name, '') || ' ' || src || ' ' || detail) LIKE @text ESCAPE '!')
            ORDER BY ts, device, boot, seq LIMIT @limit
            """,
            ReadEvent,
            (scope ?? Sites.SiteScope.Everywhere).With(("@device", device), ("@type", type), ("@from", from is null ? null : ConsoleDb.Iso(from.Value)),
            ("@to", to is null ? null : ConsoleDb.Iso(to.Value)), ("@text", string.IsNullOrWhiteSpace(text) ? null : "%" + LikeLiteral(text.Trim().ToLowerInvariant()) + "%"),
            ("@limit", (long)limit)));

    /// <summary>
    /// Text searched for as typed: % and _ are LIKE's wildcards, so they (and the escape character)
    /// are escaped (issue 20: "%" found every event). '!' rather than a backslash: the same on SQLite
    /// and PostgreSQL whatever standard_conforming_strings says.
    /// </summary>
    public static string LikeLiteral(string text) =>
        text.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal);

    /// <summary>The newest events, newest first (the console's log page before any search).</summary>
    public IReadOnlyList<ArchivedEvent> Latest(int limit, Sites.SiteScope? scope = null) =>
        _db.Query($"""
            SELECT {EventColumns} FROM events WHERE {(scope ?? Sites.SiteScope.Everywhere).Where("site")}
            ORDER BY received_at DESC, seq DESC LIMIT @limit
            """,
            ReadEvent,
            (scope ?? Sites.SiteScope.Everywhere).With(("@limit", (long)limit)));

    /// <summary>
    /// Every event recorded in [<paramref name="from"/>, <paramref name="to"/>) by the board's clock,
    /// oldest first, for the assessment reports (no limit: a month of an estate is read whole).
    /// </summary>
    public IReadOnlyList<ArchivedEvent> Between(DateTimeOffset from, DateTimeOffset to) =>
        _db.Query($"SELECT {EventColumns} FROM events WHERE ts >= @from AND ts < @to ORDER BY ts, device, boot, seq",
            ReadEvent, ("@from", ConsoleDb.Iso(from)), ("@to", ConsoleDb.Iso(to)));

    /// <summary>
    /// The births and wills that counted (not stale) in [<paramref name="from"/>, <paramref name="to"/>),
    /// by the time the console received them, plus each device's last one before <paramref name="from"/>
    /// (what it was when the period began); oldest first.
    /// </summary>
    public IReadOnlyList<PresenceChange> Presence(DateTimeOffset from, DateTimeOffset to) =>
        _db.Query("""
            SELECT device, online, at FROM presence p
            WHERE (at >= @from AND at < @to)
               OR at = (SELECT MAX(q.at) FROM presence q WHERE q.device = p.device AND q.at < @from)
            ORDER BY at, device
            """,
            r => new PresenceChange(r.GetString(0), r.GetInt64(1) == 1, ConsoleDb.Time(r, 2)),
            ("@from", ConsoleDb.Iso(from)), ("@to", ConsoleDb.Iso(to)));

    /// <summary>Every device's status, as births and wills left it.</summary>
    public IReadOnlyList<DeviceStatus> Statuses() =>
        _db.Query("SELECT site, device, online, boot, conn, since, fw, cfg FROM device_status ORDER BY device", ReadStatus);

    public DeviceStatus? Status(string device) =>
        _db.Query("SELECT site, device, online, boot, conn, since, fw, cfg FROM device_status WHERE device = @device", ReadStatus, ("@device", device)) is [var s] ? s : null;

    private const string EventColumns = "site, device, boot, seq, ts, synced, type, code, name, src, detail, received_at";

    private static ArchivedEvent ReadEvent(System.Data.Common.DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), ConsoleDb.Time(r, 4), r.GetInt64(5) == 1,
            r.GetString(6), (int)r.GetInt64(7), ConsoleDb.MaybeText(r, 8), r.GetString(9), r.GetString(10), ConsoleDb.Time(r, 11));

    private static DeviceStatus ReadStatus(System.Data.Common.DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt64(2) == 1, r.GetInt64(3), r.GetInt64(4), ConsoleDb.Time(r, 5),
            ConsoleDb.MaybeText(r, 6), r.IsDBNull(7) ? null : (int)r.GetInt64(7));

    /// <summary>Deletes events older than <paramref name="days"/> before <paramref name="now"/>; returns how many.</summary>
    public int Prune(DateTimeOffset now, int days = DefaultRetentionDays)
    {
        if (days < DefaultRetentionDays)
            throw new ArgumentOutOfRangeException(nameof(days), $"events are kept at least {DefaultRetentionDays} days (GB 50396)");
        return _db.Execute("DELETE FROM events WHERE ts < @cutoff", ("@cutoff", ConsoleDb.Iso(now.AddDays(-days))));
    }

    /// <summary>Writes events as CSV (RFC 4180) with the protocol's English header and ISO-8601 UTC times (for tools).</summary>
    public static void WriteCsv(IEnumerable<ArchivedEvent> events, TextWriter writer) =>
        WriteCsv(events, writer, ["time", "site", "device", "boot", "seq", "synced", "type", "code", "name", "source", "detail"], ConsoleDb.Iso, "yes", "no");

    /// <summary>
    /// Writes events as CSV with the given header (11 columns: time, site, device, boot, seq, synced,
    /// type, code, name, source, detail), times as <paramref name="time"/> writes them and the synced
    /// flag as <paramref name="yes"/> / <paramref name="no"/>. Every text cell is neutralised (<see cref="CsvCell"/>).
    /// </summary>
    public static void WriteCsv(IEnumerable<ArchivedEvent> events, TextWriter writer, IReadOnlyList<string> header, Func<DateTimeOffset, string> time, string yes, string no)
    {
        if (header.Count != 11)
            throw new ArgumentException($"an event CSV has 11 columns, not {header.Count}", nameof(header));
        writer.Write(string.Join(',', System.Linq.Enumerable.Select(header, CsvCell.Of)));
        writer.Write("\r\n");
        foreach (var e in events)
        {
            writer.Write(string.Join(',', CsvCell.Of(time(e.Time)), CsvCell.Of(e.Site), CsvCell.Of(e.Device), e.Boot.ToString(CultureInfo.InvariantCulture),
                e.Seq.ToString(CultureInfo.InvariantCulture), CsvCell.Of(e.TimeSynced ? yes : no), CsvCell.Of(e.Type), e.Code.ToString(CultureInfo.InvariantCulture),
                CsvCell.Of(e.Name ?? ""), CsvCell.Of(e.Source), CsvCell.Of(e.Detail)));
            writer.Write("\r\n");
        }
    }

    /// <summary>Nothing to release: connections come from the provider's pool per operation.</summary>
    public void Dispose()
    {
    }

    private IngestResult StoreEvent(string site, string device, JsonElement e, DateTimeOffset receivedAt)
    {
        var row = EventRow.From(site, device, e, receivedAt);
        var stored = _db.Execute($"INSERT INTO events ({EventRow.Columns}) VALUES {EventRow.Placeholders(0)} ON CONFLICT DO NOTHING", row.Parameters(0));
        return stored == 1 ? IngestResult.Stored : IngestResult.Duplicate;
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
        var fw = s.TryGetProperty("fw", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        long? cfg = s.TryGetProperty("cfg", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt64() : null;
        lock (_gate)
        {
            // Births and wills are ordered by (boot, connection): a will carries its connection's
            // number, so a late one from an older connection is older than the newer birth.
            var current = Status(device);
            if (current is not null && (boot < current.Boot || (boot == current.Boot && conn < current.Connection)))
                return IngestResult.Stale;
            _db.Execute("""
                INSERT INTO device_status (site, device, online, boot, conn, since, fw, cfg) VALUES (@site, @device, @online, @boot, @conn, @since, @fw, @cfg)
                ON CONFLICT (device) DO UPDATE SET site = @site, online = @online, boot = @boot, conn = @conn, since = @since,
                    fw = COALESCE(@fw, device_status.fw), cfg = COALESCE(@cfg, device_status.cfg)
                """,
                ("@site", site), ("@device", device), ("@online", online ? 1L : 0L), ("@boot", boot), ("@conn", conn),
                ("@since", ConsoleDb.Iso(receivedAt)), ("@fw", fw), ("@cfg", cfg));
            _db.Execute("INSERT INTO presence (device, online, boot, conn, at) VALUES (@device, @online, @boot, @conn, @at)",
                ("@device", device), ("@online", online ? 1L : 0L), ("@boot", boot), ("@conn", conn), ("@at", ConsoleDb.Iso(receivedAt)));
            return IngestResult.Stored;
        }
    }

    private IngestResult Reject(string why)
    {
        LastRejection = why;
        return IngestResult.Rejected;
    }

}
