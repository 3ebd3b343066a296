using System;
using System.Collections.Generic;
using System.Linq;

namespace Kiosk.DutyRoom.Reports;

/// <summary>Why a door was not intact, and from when to when (null: still so at the end of what was measured).</summary>
public sealed record DoorDefect(string Device, string Reason, DateTimeOffset From, DateTimeOffset? To);

/// <summary>One entrance's day: intact, or the defects that overlapped it.</summary>
public sealed record DoorDay(DateOnly Day, string Device, bool Intact);

/// <summary>
/// 防盗门完好率 (seed 000): door-days intact / door-days. A door is intact for a day when nothing
/// overlapped it of: an open door fault (lock or contact), a held-open alarm past the limit (not
/// closing), a forced opening not acknowledged on its day (unexplained), its board offline past the limit.
/// </summary>
public sealed record DoorMeasure(
    IReadOnlyList<DoorDay> Days,
    IReadOnlyDictionary<DateOnly, Ratio> EstateByDay,
    IReadOnlyDictionary<string, Ratio> ByEntrance,
    Ratio Estate,
    int Grade,
    IReadOnlyList<DoorDefect> Defects)
{
    public const string Fault = "door-fault";
    public const string NotClosing = "held-open";
    public const string Unexplained = "forced-open";
    public const string Offline = "offline";

    public static DoorMeasure Compute(ReportInput input, IReadOnlyList<OfflinePeriod> offline)
    {
        var p = input.Period;
        var rules = input.Rules;
        var defects = new List<DoorDefect>();
        foreach (var s in AlarmSpan.From(input.Events))
        {
            switch (s.Kind)
            {
                case Fault:
                    defects.Add(new(s.Device, Fault, s.Raised, s.ConditionEnded));
                    break;
                case NotClosing when (s.ConditionEnded ?? input.Until) - s.Raised > rules.HeldOpenLimit:
                    defects.Add(new(s.Device, NotClosing, s.Raised + rules.HeldOpenLimit, s.ConditionEnded));
                    break;
                case Unexplained when s.Reset is null || p.DayOf(s.Reset.Value) != p.DayOf(s.Raised):
                    // Explained once an operator acknowledged it (the board's reset follows the acknowledgement);
                    // left unexplained past the day it happened, it counts from the opening to the acknowledgement.
                    defects.Add(new(s.Device, Unexplained, s.Raised, s.Reset));
                    break;
            }
        }
        foreach (var o in offline)
            if ((o.To ?? input.Until) - o.From > rules.OfflineLimit)
                defects.Add(new(o.Device, Offline, o.From + rules.OfflineLimit, o.To));
        defects.RemoveAll(d => d.From >= input.Until || (d.To is { } end && end <= p.From));
        defects.Sort((a, b) => a.From.CompareTo(b.From));

        var days = new List<DoorDay>();
        foreach (var day in p.Days.Where(d => p.StartOf(d) < input.Until))
        {
            var start = p.StartOf(day);
            var end = p.StartOf(day.AddDays(1));
            foreach (var entrance in input.Entrances)
                days.Add(new DoorDay(day, entrance.Device,
                    !defects.Any(d => d.Device == entrance.Device && d.From < end && (d.To ?? DateTimeOffset.MaxValue) > start)));
        }
        static Ratio Rate(IEnumerable<DoorDay> ds) => ds.Aggregate(default(Ratio), (a, d) => a + new Ratio(d.Intact ? 1 : 0, 1));
        var estate = Rate(days);
        return new(days, days.GroupBy(d => d.Day).ToDictionary(g => g.Key, g => Rate(g)),
            days.GroupBy(d => d.Device).ToDictionary(g => g.Key, g => Rate(g), StringComparer.Ordinal),
            estate, GradeBands.SecurityDoors.GradeOf(estate), defects);
    }
}
