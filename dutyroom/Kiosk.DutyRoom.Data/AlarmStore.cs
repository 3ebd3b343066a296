using System;
using System.Collections.Generic;
using System.Data.Common;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// Alarms from raise to clear. One open alarm per (device, kind, name): a device that re-sends a
/// raise after a reconnect, or a second refused command, does not open a second one.
/// </summary>
public sealed class AlarmStore(ConsoleDb db)
{
    private const string Columns = "id, site, device, kind, name, origin, detail, raised_at, restored_at, acked_by, acked_at, ack_note, ack_result, cleared_at";

    /// <summary>Opens an alarm unless one is already open for the same thing; returns its id and whether it is new.</summary>
    public (long Id, bool New) Raise(string site, string device, string kind, string name, string origin, string detail, DateTimeOffset at)
    {
        if (OpenFor(device, kind, name) is { } open)
        {
            // Raised again while still open: the condition came back.
            db.Execute("UPDATE alarms SET restored_at = NULL WHERE id = @id", ("@id", open.Id));
            return (open.Id, false);
        }
        var id = db.Scalar($"""
            INSERT INTO alarms (site, device, kind, name, origin, detail, raised_at) VALUES (@site, @device, @kind, @name, @origin, @detail, @at)
            RETURNING id
            """, ("@site", site), ("@device", device), ("@kind", kind), ("@name", name), ("@origin", origin), ("@detail", detail), ("@at", ConsoleDb.Iso(at)));
        return (id, true);
    }

    /// <summary>The condition has ended (door closed, device back online); the alarm stays until acknowledged.</summary>
    public void Restored(string device, string kind, string name, DateTimeOffset at) =>
        db.Execute("UPDATE alarms SET restored_at = COALESCE(restored_at, @at) WHERE device = @device AND kind = @kind AND name = @name AND cleared_at IS NULL",
            ("@at", ConsoleDb.Iso(at)), ("@device", device), ("@kind", kind), ("@name", name));

    public void Acknowledge(long id, string by, string note, string result, DateTimeOffset at) =>
        db.Execute("UPDATE alarms SET acked_by = @by, acked_at = @at, ack_note = @note, ack_result = @result WHERE id = @id",
            ("@by", by), ("@at", ConsoleDb.Iso(at)), ("@note", note), ("@result", result), ("@id", id));

    public void Clear(long id, DateTimeOffset at) =>
        db.Execute("UPDATE alarms SET cleared_at = COALESCE(cleared_at, @at) WHERE id = @id", ("@at", ConsoleDb.Iso(at)), ("@id", id));

    /// <summary>The device reset its latched alarm(s) of this kind (after an acknowledge command): they clear.</summary>
    public int ClearFromDevice(string device, string kind, DateTimeOffset at) =>
        db.Execute("UPDATE alarms SET cleared_at = @at WHERE device = @device AND kind = @kind AND origin = 'device' AND cleared_at IS NULL",
            ("@at", ConsoleDb.Iso(at)), ("@device", device), ("@kind", kind));

    public AlarmRecord? Get(long id) => db.Query($"SELECT {Columns} FROM alarms WHERE id = @id", Read, ("@id", id)) is [var a] ? a : null;

    public AlarmRecord? OpenFor(string device, string kind, string name) =>
        db.Query($"SELECT {Columns} FROM alarms WHERE device = @device AND kind = @kind AND name = @name AND cleared_at IS NULL", Read,
            ("@device", device), ("@kind", kind), ("@name", name)) is [var a, ..] ? a : null;

    // scope (issue 16): the sites the reader may see; null: every site.
    public IReadOnlyList<AlarmRecord> Open(Sites.SiteScope? scope = null) =>
        db.Query($"SELECT {Columns} FROM alarms WHERE cleared_at IS NULL AND {Scope(scope).Where("site")} ORDER BY raised_at DESC", Read, Scope(scope).With());

    public IReadOnlyList<AlarmRecord> Recent(int limit = 200, Sites.SiteScope? scope = null) =>
        db.Query($"SELECT {Columns} FROM alarms WHERE {Scope(scope).Where("site")} ORDER BY raised_at DESC LIMIT @limit", Read, Scope(scope).With(("@limit", (long)limit)));

    private static Sites.SiteScope Scope(Sites.SiteScope? scope) => scope ?? Sites.SiteScope.Everywhere;

    private static AlarmRecord Read(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
        ConsoleDb.Time(r, 7), ConsoleDb.MaybeTime(r, 8), ConsoleDb.MaybeText(r, 9), ConsoleDb.MaybeTime(r, 10),
        ConsoleDb.MaybeText(r, 11), ConsoleDb.MaybeText(r, 12), ConsoleDb.MaybeTime(r, 13));
}
