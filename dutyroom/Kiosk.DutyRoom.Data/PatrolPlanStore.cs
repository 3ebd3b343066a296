using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace Kiosk.DutyRoom.Data;

/// <summary>The estate's patrol plans; input is checked whole and every problem named.</summary>
public sealed partial class PatrolPlanStore(ConsoleDb db)
{
    public const int MaxPoints = 100;
    private const string Columns = "id, name, points, window_start, window_end, rounds, late_minutes, monthly_minimum";

    /// <summary>
    /// Adds a plan. <paramref name="points"/> is one point a line, <c>device/checkpoint</c> (the board's
    /// id and the patrol input's name, as its patrol events carry them); times are HH:mm in site time.
    /// </summary>
    public PatrolPlan Add(string name, string points, string windowStart, string windowEnd, int rounds, int lateMinutes, int monthlyMinimum, string by, DateTimeOffset now)
    {
        var problems = new List<Problem>();
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length is 0 or > 48)
            problems.Add(new("patrol-name", "plan name: 1 to 48 characters"));
        else if (All().Any(p => p.Name == trimmed))
            problems.Add(new("patrol-name-taken", "plan name: another plan has it"));
        var parsed = new List<PatrolPoint>();
        foreach (var raw in (points ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
                continue;
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == line.Length - 1 || !DeviceId().IsMatch(line[..slash]) || line.Length - slash - 1 > 24)
            {
                problems.Add(new("patrol-point", $"patrol point '{line}': device/checkpoint (a device id, a slash, the patrol input's name)", line));
                continue;
            }
            var point = new PatrolPoint(line[..slash], line[(slash + 1)..].Trim());
            if (parsed.Contains(point))
                problems.Add(new("patrol-point-twice", $"patrol point '{line}' is listed twice", line));
            else
                parsed.Add(point);
        }
        if (parsed.Count == 0 || parsed.Count > MaxPoints)
            problems.Add(new("patrol-points", $"patrol points: 1 to {MaxPoints}, one a line", MaxPoints));
        var start = Time(windowStart);
        var end = Time(windowEnd);
        if (start is null || end is null)
            problems.Add(new("patrol-window", "patrol window: start and end as HH:mm"));
        if (rounds is < 1 or > 24)
            problems.Add(new("patrol-rounds", "rounds a night: 1 to 24"));
        if (lateMinutes is < 0 or > 120)
            problems.Add(new("patrol-late", "late allowance: 0 to 120 minutes"));
        if (monthlyMinimum is < 0 or > 744)
            problems.Add(new("patrol-minimum", "complete rounds a month: 0 to 744"));
        if (problems.Count > 0)
            throw new InputRefusedException(problems);
        var id = db.Scalar("""
            INSERT INTO patrol_plans (name, points, window_start, window_end, rounds, late_minutes, monthly_minimum, created_by, created_at)
            VALUES (@name, @points, @start, @end, @rounds, @late, @minimum, @by, @at) RETURNING id
            """, ("@name", trimmed), ("@points", string.Join('\n', parsed)), ("@start", windowStart.Trim()), ("@end", windowEnd.Trim()),
            ("@rounds", (long)rounds), ("@late", (long)lateMinutes), ("@minimum", (long)monthlyMinimum), ("@by", by), ("@at", ConsoleDb.Iso(now)));
        return Get(id)!;
    }

    public bool Remove(long id) => db.Execute("DELETE FROM patrol_plans WHERE id = @id", ("@id", id)) == 1;

    public PatrolPlan? Get(long id) => db.Query($"SELECT {Columns} FROM patrol_plans WHERE id = @id", Read, ("@id", id)) is [var p] ? p : null;

    public IReadOnlyList<PatrolPlan> All() => db.Query($"SELECT {Columns} FROM patrol_plans ORDER BY name", Read);

    private static TimeOnly? Time(string? s) =>
        TimeOnly.TryParseExact((s ?? "").Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    private static PatrolPlan Read(System.Data.Common.DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1),
        r.GetString(2).Split('\n').Select(line => new PatrolPoint(line[..line.IndexOf('/', StringComparison.Ordinal)], line[(line.IndexOf('/', StringComparison.Ordinal) + 1)..])).ToList(),
        Time(r.GetString(3))!.Value, Time(r.GetString(4))!.Value, (int)r.GetInt64(5), (int)r.GetInt64(6), (int)r.GetInt64(7));

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex DeviceId();
}
