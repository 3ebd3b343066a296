using System;
using System.Collections.Generic;
using System.Linq;

namespace Kiosk.DutyRoom.Reports;

/// <summary>Alarms of one kind at one entrance: how many, how fast they were acknowledged, how many were not by the end.</summary>
public sealed record AlarmGroup(string Kind, string Device, int Count, TimeSpan? P50, TimeSpan? P90, TimeSpan? Worst, int Unacknowledged);

/// <summary>
/// Perimeter, emergency and the other alarms (lamp failures are the lighting measure's): raised in the
/// period; time to acknowledge = the board's reset (which follows an operator's acknowledgement)
/// minus the raise; unacknowledged = no reset by the period's end.
/// </summary>
public sealed record AlarmMeasure(IReadOnlyList<AlarmGroup> Groups, IReadOnlyList<AlarmSpan> Alarms, AlarmGroup PerimeterAndEmergency)
{
    public static readonly string[] Headline = ["perimeter", "emergency"];

    public static AlarmMeasure Compute(ReportInput input)
    {
        var p = input.Period;
        var until = input.Until;
        var alarms = AlarmSpan.From(input.Events)
            .Where(s => s.Kind != "lamp-failure" && s.Raised >= p.From && s.Raised < until)
            .ToList();
        AlarmGroup Group(string kind, string device, IEnumerable<AlarmSpan> spans)
        {
            var list = spans.ToList();
            var acked = list.Where(s => s.Reset is { } r && r < until).Select(s => s.Reset!.Value - s.Raised).ToList();
            return new(kind, device, list.Count, Percentile.Of(acked, 50), Percentile.Of(acked, 90), acked.Count > 0 ? acked.Max() : null, list.Count - acked.Count);
        }
        var groups = alarms.GroupBy(s => (s.Kind, s.Device)).OrderBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Device, StringComparer.Ordinal)
            .Select(g => Group(g.Key.Kind, g.Key.Device, g)).ToList();
        return new(groups, alarms, Group("perimeter+emergency", "", alarms.Where(a => Headline.Contains(a.Kind))));
    }
}
