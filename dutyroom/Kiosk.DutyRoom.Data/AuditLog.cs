using System;
using System.Collections.Generic;

namespace Kiosk.DutyRoom.Data;

/// <summary>One thing someone did in the console: who, when, what, to what, and how it went.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Target, string Detail, string Result);

/// <summary>Every action taken in the console, appended and never edited.</summary>
public sealed class AuditLog(ConsoleDb db)
{
    public void Record(string actor, string action, string target, string detail, string result, DateTimeOffset at) =>
        db.Execute("INSERT INTO audit (at, actor, action, target, detail, result) VALUES (@at, @actor, @action, @target, @detail, @result)",
            ("@at", ConsoleDb.Iso(at)), ("@actor", actor), ("@action", action), ("@target", target), ("@detail", detail), ("@result", result));

    public IReadOnlyList<AuditEntry> Recent(int limit = 200, string? actor = null) =>
        db.Query("""
            SELECT id, at, actor, action, target, detail, result FROM audit
            WHERE (CAST(@actor AS TEXT) IS NULL OR actor = @actor) ORDER BY id DESC LIMIT @limit
            """,
            r => new AuditEntry(r.GetInt64(0), ConsoleDb.Time(r, 1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6)),
            ("@actor", actor), ("@limit", (long)limit));
}
