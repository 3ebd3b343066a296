using System;
using System.Collections.Generic;

namespace Kiosk.DutyRoom.Data.Residents;

/// <summary>
/// What one door's allow-list is, as far as the console knows: the version the board confirmed
/// (every part answered ok) with the records and schedule table of that version, so the next
/// change can go as a delta against it; the version last sent; what the board last reported; and
/// whether a change still waits to reach it, or why the last attempt failed.
/// </summary>
public sealed record AccessListState(string Device, uint ConfirmedVersion, byte[] ConfirmedRecords, byte[] ConfirmedSchedules,
    DateTimeOffset? ConfirmedAt, uint SentVersion, uint? ReportedVersion, DateTimeOffset? ReportedAt, bool Pending,
    string? LastError, DateTimeOffset? LastErrorAt)
{
    public static AccessListState Empty(string device) => new(device, 0, [], [], null, 0, null, null, false, null, null);
}

/// <summary>The per-door allow-list state in the database (one row a door).</summary>
public sealed class AccessListStateStore(ConsoleDb db)
{
    public AccessListState Of(string device) =>
        db.Query(Select + " WHERE device = @d", Map, ("@d", device)) is [var s] ? s : AccessListState.Empty(device);

    public IReadOnlyList<AccessListState> All() => db.Query(Select + " ORDER BY device", Map);

    /// <summary>Every part of <paramref name="version"/> answered ok: the board holds these records now.</summary>
    public void Confirmed(string device, uint version, byte[] records, byte[] schedules, bool stillPending, DateTimeOffset now) =>
        Upsert(device, "confirmed_version = @v, confirmed_records = @r, confirmed_schedules = @s, confirmed_at = @at, sent_version = @v, pending = @p, last_error = NULL, last_error_at = NULL",
            ("@v", (long)version), ("@r", Convert.ToBase64String(records)), ("@s", Convert.ToBase64String(schedules)), ("@at", ConsoleDb.Iso(now)), ("@p", stillPending ? 1L : 0L));

    public void Sending(string device, uint version) =>
        Upsert(device, "sent_version = @v, pending = 1", ("@v", (long)version));

    public void Failed(string device, string error, DateTimeOffset now) =>
        Upsert(device, "pending = 1, last_error = @e, last_error_at = @at", ("@e", error), ("@at", ConsoleDb.Iso(now)));

    public void InSync(string device) => Upsert(device, "pending = 0, last_error = NULL, last_error_at = NULL");

    public void Reported(string device, uint version, DateTimeOffset now) =>
        Upsert(device, "reported_version = @rv, reported_at = @at", ("@rv", (long)version), ("@at", ConsoleDb.Iso(now)));

    private void Upsert(string device, string set, params (string Name, object? Value)[] args)
    {
        // The row is made on first use with nothing confirmed; then only the named columns change.
        db.Execute("""
            INSERT INTO access_lists (device, confirmed_version, confirmed_records, confirmed_schedules, sent_version, pending)
            VALUES (@d, 0, '', '', 0, 0) ON CONFLICT (device) DO NOTHING
            """, ("@d", device));
        var all = new List<(string, object?)>(args) { ("@d", device) };
        db.Execute($"UPDATE access_lists SET {set} WHERE device = @d", [.. all]);
    }

    private const string Select = """
        SELECT device, confirmed_version, confirmed_records, confirmed_schedules, confirmed_at, sent_version,
               reported_version, reported_at, pending, last_error, last_error_at FROM access_lists
        """;

    private static AccessListState Map(System.Data.Common.DbDataReader r) =>
        new(r.GetString(0), (uint)r.GetInt64(1), Convert.FromBase64String(r.GetString(2)), Convert.FromBase64String(r.GetString(3)),
            ConsoleDb.MaybeTime(r, 4), (uint)r.GetInt64(5), r.IsDBNull(6) ? null : (uint)r.GetInt64(6), ConsoleDb.MaybeTime(r, 7),
            r.GetInt64(8) == 1, ConsoleDb.MaybeText(r, 9), ConsoleDb.MaybeTime(r, 10));
}
