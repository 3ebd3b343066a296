using System;
using System.Collections.Generic;
using System.Data.Common;

namespace Kiosk.DutyRoom.Data;

/// <summary>Call records, kept from the entrance's call events and the operators' actions.</summary>
public sealed class CallStore(ConsoleDb db)
{
    private const string Columns = """
        site, device, call_id, state, pressed_at, rang_at, answered_by, answered_at, visitor_name, visitor_unit,
        visitor_phone, visitor_reason, decision, decided_by, decided_at, unlock_result, door_opened_at, door_closed_at,
        ended_at, dealt_by, dealt_at, visitor_plate, visitor_building, visitor_room, visitor_id_masked, visitor_erased_at
        """;

    /// <summary>PIPL: visitor details are kept this long by default, then erased (the call record stays).</summary>
    public const int DefaultVisitorRetentionDays = 30;

    /// <summary>
    /// A call event from the entrance (calling, ringing, connected, ended, missed, cancelled,
    /// failed-offline). Creates the record on its first event, whichever arrives first after an outage.
    /// </summary>
    public void Progress(string site, string device, string callId, string state, DateTimeOffset at)
    {
        var time = ConsoleDb.Iso(at);
        db.Execute("""
            INSERT INTO calls (site, device, call_id, state, pressed_at) VALUES (@site, @device, @call, @state, @at)
            ON CONFLICT (device, call_id) DO NOTHING
            """, ("@site", site), ("@device", device), ("@call", callId), ("@state", state), ("@at", time));
        // A late (backlog) event never moves a finished call back to live.
        db.Execute("""
            UPDATE calls SET
                state = CASE WHEN state IN ('calling', 'ringing', 'connected') THEN @state ELSE state END,
                pressed_at = CASE WHEN @state = 'calling' THEN @at ELSE pressed_at END,
                rang_at = CASE WHEN @state = 'ringing' THEN COALESCE(rang_at, @at) ELSE rang_at END,
                answered_at = CASE WHEN @state = 'connected' THEN COALESCE(answered_at, @at) ELSE answered_at END,
                ended_at = CASE WHEN @state IN ('ended', 'missed', 'cancelled', 'failed-offline') THEN COALESCE(ended_at, @at) ELSE ended_at END
            WHERE device = @device AND call_id = @call
            """, ("@device", device), ("@call", callId), ("@state", state), ("@at", time));
    }

    /// <summary>Takes the call for one operator; false if someone else already has it.</summary>
    public bool Claim(string device, string callId, string operatorName, DateTimeOffset at) =>
        db.Execute("""
            UPDATE calls SET answered_by = @by, answered_at = COALESCE(answered_at, @at)
            WHERE device = @device AND call_id = @call AND (answered_by IS NULL OR answered_by = @by)
            """, ("@by", operatorName), ("@at", ConsoleDb.Iso(at)), ("@device", device), ("@call", callId)) == 1;

    /// <summary>Records the visitor (as <see cref="VisitorRules.Check"/> made it); an ID number that is not masked is refused.</summary>
    public void Register(string device, string callId, Visitor visitor)
    {
        if (visitor.IdMasked is { } id && !ResidentId.IsMasked(id))
            throw InputRefusedException.One("id-unmasked", "ID number: only the masked form is stored");
        db.Execute("""
            UPDATE calls SET visitor_name = @name, visitor_unit = @unit, visitor_phone = @phone, visitor_reason = @reason,
                visitor_plate = @plate, visitor_building = @building, visitor_room = @room, visitor_id_masked = @id
            WHERE device = @device AND call_id = @call AND visitor_erased_at IS NULL
            """, ("@name", Blank(visitor.Name)), ("@unit", Blank(visitor.Unit)), ("@phone", Blank(visitor.Phone)), ("@reason", Blank(visitor.Reason)),
            ("@plate", Blank(visitor.Plate)), ("@building", Blank(visitor.Building)), ("@room", Blank(visitor.Room)), ("@id", visitor.IdMasked),
            ("@device", device), ("@call", callId));
    }

    /// <summary>
    /// PIPL retention: erases every visitor detail of calls pressed more than <paramref name="days"/>
    /// before <paramref name="now"/>; the call record keeps only that a visitor was registered and when
    /// the details were erased. Returns how many records were erased.
    /// </summary>
    public int EraseVisitorDetails(DateTimeOffset now, int days = DefaultVisitorRetentionDays)
    {
        if (days < 1)
            throw new ArgumentOutOfRangeException(nameof(days), "visitor details are kept at least 1 day");
        return db.Execute("""
            UPDATE calls SET visitor_name = NULL, visitor_unit = NULL, visitor_phone = NULL, visitor_reason = NULL,
                visitor_plate = NULL, visitor_building = NULL, visitor_room = NULL, visitor_id_masked = NULL, visitor_erased_at = @now
            WHERE pressed_at < @cutoff AND visitor_erased_at IS NULL
              AND (visitor_name IS NOT NULL OR visitor_unit IS NOT NULL OR visitor_phone IS NOT NULL OR visitor_reason IS NOT NULL
                OR visitor_plate IS NOT NULL OR visitor_building IS NOT NULL OR visitor_room IS NOT NULL OR visitor_id_masked IS NOT NULL)
            """, ("@now", ConsoleDb.Iso(now)), ("@cutoff", ConsoleDb.Iso(now.AddDays(-days))));
    }

    /// <summary>The operator's decision: opened (with the device's reply) or refused.</summary>
    public void Decide(string device, string callId, string decision, string by, DateTimeOffset at, string? unlockResult) =>
        db.Execute("""
            UPDATE calls SET decision = @decision, decided_by = @by, decided_at = @at, unlock_result = @result
            WHERE device = @device AND call_id = @call
            """, ("@decision", decision), ("@by", by), ("@at", ConsoleDb.Iso(at)), ("@result", unlockResult), ("@device", device), ("@call", callId));

    /// <summary>An unlock's later outcome (the device reports door-not-opened when the pulse ends unused).</summary>
    public void UnlockOutcome(string device, string callId, string result) =>
        db.Execute("UPDATE calls SET unlock_result = @r WHERE device = @device AND call_id = @call", ("@r", result), ("@device", device), ("@call", callId));

    public void DoorOpened(string device, string callId, DateTimeOffset at) =>
        db.Execute("UPDATE calls SET door_opened_at = COALESCE(door_opened_at, @at) WHERE device = @device AND call_id = @call",
            ("@at", ConsoleDb.Iso(at)), ("@device", device), ("@call", callId));

    public void DoorClosed(string device, string callId, DateTimeOffset at) =>
        db.Execute("UPDATE calls SET door_closed_at = COALESCE(door_closed_at, @at) WHERE device = @device AND call_id = @call AND door_opened_at IS NOT NULL",
            ("@at", ConsoleDb.Iso(at)), ("@device", device), ("@call", callId));

    /// <summary>A missed call leaves the missed list once someone has dealt with it (called back, noted).</summary>
    public bool Dealt(string device, string callId, string by, DateTimeOffset at) =>
        db.Execute("UPDATE calls SET dealt_by = @by, dealt_at = @at WHERE device = @device AND call_id = @call AND dealt_at IS NULL",
            ("@by", by), ("@at", ConsoleDb.Iso(at)), ("@device", device), ("@call", callId)) == 1;

    public CallRecord? Get(string device, string callId) =>
        db.Query($"SELECT {Columns} FROM calls WHERE device = @device AND call_id = @call", Read, ("@device", device), ("@call", callId)) is [var c] ? c : null;

    // scope (issue 16): the sites the reader may see; null: every site.
    public IReadOnlyList<CallRecord> Live(Sites.SiteScope? scope = null) =>
        db.Query($"SELECT {Columns} FROM calls WHERE state IN ('calling', 'ringing', 'connected') AND {Scope(scope).Where("site")} ORDER BY pressed_at", Read, Scope(scope).With());

    public IReadOnlyList<CallRecord> MissedNotDealt(Sites.SiteScope? scope = null) =>
        db.Query($"SELECT {Columns} FROM calls WHERE state IN ('missed', 'failed-offline') AND dealt_at IS NULL AND {Scope(scope).Where("site")} ORDER BY pressed_at DESC", Read, Scope(scope).With());

    public IReadOnlyList<CallRecord> Recent(int limit = 100, Sites.SiteScope? scope = null) =>
        db.Query($"SELECT {Columns} FROM calls WHERE {Scope(scope).Where("site")} ORDER BY pressed_at DESC LIMIT @limit", Read, Scope(scope).With(("@limit", (long)limit)));

    private static Sites.SiteScope Scope(Sites.SiteScope? scope) => scope ?? Sites.SiteScope.Everywhere;

    /// <summary>Calls pressed in [<paramref name="from"/>, <paramref name="to"/>), oldest first (the visitor book of a report's period).</summary>
    public IReadOnlyList<CallRecord> Between(DateTimeOffset from, DateTimeOffset to) =>
        db.Query($"SELECT {Columns} FROM calls WHERE pressed_at >= @from AND pressed_at < @to ORDER BY pressed_at", Read,
            ("@from", ConsoleDb.Iso(from)), ("@to", ConsoleDb.Iso(to)));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static CallRecord Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), ConsoleDb.Time(r, 4), ConsoleDb.MaybeTime(r, 5),
        ConsoleDb.MaybeText(r, 6), ConsoleDb.MaybeTime(r, 7),
        new Visitor(ConsoleDb.MaybeText(r, 8), ConsoleDb.MaybeText(r, 10), ConsoleDb.MaybeText(r, 21), ConsoleDb.MaybeText(r, 22), ConsoleDb.MaybeText(r, 9),
            ConsoleDb.MaybeText(r, 23), ConsoleDb.MaybeText(r, 11), ConsoleDb.MaybeText(r, 24)),
        ConsoleDb.MaybeText(r, 12), ConsoleDb.MaybeText(r, 13), ConsoleDb.MaybeTime(r, 14), ConsoleDb.MaybeText(r, 15),
        ConsoleDb.MaybeTime(r, 16), ConsoleDb.MaybeTime(r, 17), ConsoleDb.MaybeTime(r, 18), ConsoleDb.MaybeText(r, 19), ConsoleDb.MaybeTime(r, 20), ConsoleDb.MaybeTime(r, 25));
}
