using System;
using System.Collections.Generic;
using System.Linq;

namespace Kiosk.DutyRoom.Reports;

/// <summary>One visitor call from its events: pressed, answered (connected) or not, how it ended.</summary>
public sealed record CallOutcome(string Device, string CallId, DateTimeOffset Pressed, DateTimeOffset? Answered, string Outcome)
{
    public TimeSpan? TimeToAnswer => Answered - Pressed;
}

/// <summary>Calls in one hour of the day (site time) over the period.</summary>
public sealed record CallHour(int Hour, int Calls, int Answered, int Missed, TimeSpan? P50);

/// <summary>
/// Visitor calls: answered rate = calls that reached an operator (connected) / calls; time to answer
/// = connected − calling; missed = the ring timed out (failed-offline and cancelled are counted apart);
/// per hour of day; visitors registered from the call records.
/// </summary>
public sealed record CallMeasure(
    IReadOnlyList<CallOutcome> Calls, Ratio Answered, TimeSpan? P50, TimeSpan? P90, int Missed, int FailedOffline, int Cancelled,
    IReadOnlyList<CallHour> ByHour, int VisitorsRegistered)
{
    public static CallMeasure Compute(ReportInput input)
    {
        var p = input.Period;
        var calls = new List<CallOutcome>();
        foreach (var g in input.Events.Where(e => e.Type == "call" && e.Name is not null).GroupBy(e => (e.Device, e.Source)))
        {
            var events = g.OrderBy(e => e.Seq).ToList();
            var pressed = (events.FirstOrDefault(e => e.Name == "calling") ?? events[0]).Time;
            if (!p.Contains(pressed) || pressed >= input.Until)
                continue;
            var answered = events.FirstOrDefault(e => e.Name == "connected")?.Time;
            var outcome = answered is not null ? "answered"
                : events.LastOrDefault(e => e.Name is "missed" or "cancelled" or "failed-offline")?.Name ?? "live";
            calls.Add(new(g.Key.Device, g.Key.Source, pressed, answered, outcome));
        }
        calls.Sort((a, b) => a.Pressed.CompareTo(b.Pressed));
        var times = calls.Where(c => c.TimeToAnswer is not null).Select(c => c.TimeToAnswer!.Value).ToList();
        var hours = Enumerable.Range(0, 24).Select(h =>
        {
            var inHour = calls.Where(c => p.Local(c.Pressed).Hour == h).ToList();
            return new CallHour(h, inHour.Count, inHour.Count(c => c.Answered is not null), inHour.Count(c => c.Outcome == "missed"),
                Percentile.Of(inHour.Where(c => c.TimeToAnswer is not null).Select(c => c.TimeToAnswer!.Value), 50));
        }).ToList();
        var registered = input.Calls.Count(c => p.Contains(c.PressedAt) && (!c.Visitor.IsEmpty || c.VisitorErasedAt is not null));
        return new(calls, new Ratio(times.Count, calls.Count), Percentile.Of(times, 50), Percentile.Of(times, 90),
            calls.Count(c => c.Outcome == "missed"), calls.Count(c => c.Outcome == "failed-offline"), calls.Count(c => c.Outcome == "cancelled"),
            hours, registered);
    }
}
