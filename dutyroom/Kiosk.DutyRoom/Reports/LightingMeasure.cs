using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Kiosk.DutyRoom.Reports;

/// <summary>One entrance's night: lamp-seconds lit and expected, summed over its circuits' dawn reports.</summary>
public sealed record LightingNight(DateOnly Night, string Device, Ratio Lit);

/// <summary>A lamp circuit that failed: first seen dark at night, and for how long (to lit again or the day).</summary>
public sealed record LampFailure(string Device, string Circuit, DateTimeOffset FirstSeen, DateTimeOffset? Ended, TimeSpan Duration);

/// <summary>亮化率 (seed 000): lamp-seconds lit / lamp-seconds expected, per night, entrance, estate and period.</summary>
public sealed record LightingMeasure(
    IReadOnlyList<LightingNight> Nights,
    IReadOnlyDictionary<DateOnly, Ratio> EstateByNight,
    IReadOnlyDictionary<string, Ratio> ByEntrance,
    Ratio Estate,
    int Grade,
    IReadOnlyList<LampFailure> Failures)
{
    public static LightingMeasure Compute(ReportInput input)
    {
        var p = input.Period;
        var nights = new Dictionary<(DateOnly, string), Ratio>();
        foreach (var e in input.Events)
        {
            if (e.Type != "lighting" || !e.TimeSynced || !TryParse(e.Detail, out var lit, out var expected))
                continue;
            // Reported at dawn: the night is the evening's date (dawn minus 12 h is the evening before).
            var night = p.DayOf(e.Time.AddHours(-12));
            if (!p.Contains(night))
                continue;
            nights[(night, e.Device)] = nights.GetValueOrDefault((night, e.Device)) + new Ratio(lit, expected);
        }
        var list = nights.OrderBy(n => n.Key.Item1).ThenBy(n => n.Key.Item2, StringComparer.Ordinal)
            .Select(n => new LightingNight(n.Key.Item1, n.Key.Item2, n.Value)).ToList();
        var byNight = list.GroupBy(n => n.Night).ToDictionary(g => g.Key, g => g.Aggregate(default(Ratio), (a, n) => a + n.Lit));
        var byEntrance = list.GroupBy(n => n.Device).ToDictionary(g => g.Key, g => g.Aggregate(default(Ratio), (a, n) => a + n.Lit), StringComparer.Ordinal);
        var estate = list.Aggregate(default(Ratio), (a, n) => a + n.Lit);
        var failures = AlarmSpan.From(input.Events)
            .Where(s => s.Kind == "lamp-failure" && s.Raised >= p.From && s.Raised < input.Until)
            .Select(s => new LampFailure(s.Device, s.Source, s.Raised, s.ConditionEnded, (s.ConditionEnded ?? input.Until) - s.Raised))
            .ToList();
        return new(list, byNight, byEntrance, estate, GradeBands.Lighting.GradeOf(estate), failures);
    }

    /// <summary>The board's "lit X of Y s"; a detail in any other form is not counted (a newer firmware's words).</summary>
    public static bool TryParse(string detail, out long lit, out long expected)
    {
        lit = expected = 0;
        var parts = detail.Split(' ');
        return parts is ["lit", var x, "of", var y, "s"]
            && long.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out lit)
            && long.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out expected)
            && lit <= expected;
    }
}
