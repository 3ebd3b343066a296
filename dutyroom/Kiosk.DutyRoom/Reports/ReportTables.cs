using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kiosk.DutyRoom.Localization;
using Microsoft.Extensions.Localization;

namespace Kiosk.DutyRoom.Reports;

/// <summary>Every evidence table of a report in the reader's language, times in the site's zone.</summary>
public sealed class ReportTables(AssessmentReport report, IStringLocalizer l, SiteTime time)
{
    public static readonly string[] Names =
        ["lighting", "lamp-failures", "doors", "door-defects", "alarms", "calls-by-hour", "calls", "patrol-rounds", "patrol-points", "availability", "offline"];

    private readonly Dictionary<string, string> _labels = report.Input.Entrances.ToDictionary(e => e.Device, e => e.Label, StringComparer.Ordinal);
    private ReportPeriod P => report.Period;

    public IEnumerable<ReportTable> All => Names.Select(Get);

    public ReportTable Get(string name) => name switch
    {
        "lighting" => Table(name, ["Reports.Col.Night", "Col.Entrance", "Reports.LitSeconds", "Reports.ExpectedSeconds", "Reports.Rate"],
            report.Lighting.Nights.Select(n => Row(C(Day(n.Night)), C(Label(n.Device)), C(Num(n.Lit.Part)), C(Num(n.Lit.Whole)),
                C(n.Lit.Show(), EvidenceLink.To(n.Device, "lighting", n.Night.AddDays(1), n.Night.AddDays(1)))))),
        "lamp-failures" => Table(name, ["Col.Entrance", "Reports.Circuit", "Reports.FirstSeen", "Reports.Ended", "Reports.Duration"],
            report.Lighting.Failures.Select(f => Row(C(Label(f.Device)), C(f.Circuit, EvidenceLink.To(f.Device, "alarm-raised", P.DayOf(f.FirstSeen), P.DayOf(f.FirstSeen), f.Circuit)),
                C(time.Show(f.FirstSeen)), C(f.Ended is null ? l["Reports.StillOpen"] : time.Show(f.Ended)), C(Span(f.Duration))))),
        "doors" => Table(name, ["Reports.Col.Day", "Reports.DoorsIntact", "Reports.Rate"],
            report.Doors.EstateByDay.OrderBy(d => d.Key).Select(d => Row(C(Day(d.Key)), C($"{d.Value.Part} / {d.Value.Whole}"),
                C(d.Value.Show(), EvidenceLink.To(null, "alarm-raised", d.Key, d.Key))))),
        "door-defects" => Table(name, ["Col.Entrance", "Reports.Defect", "Reports.From", "Reports.Until"],
            report.Doors.Defects.Select(d => Row(C(Label(d.Device)), C(l["Reports.Defect." + d.Reason],
                    d.Reason == DoorMeasure.Offline ? EvidenceLink.To(d.Device, "link", P.DayOf(d.From), P.DayOf(d.To ?? report.Input.Until))
                        : EvidenceLink.To(d.Device, "alarm-raised", P.DayOf(d.From), P.DayOf(d.To ?? report.Input.Until), d.Reason)),
                C(time.Show(d.From)), C(d.To is null ? l["Reports.StillOpen"] : time.Show(d.To))))),
        "alarms" => Table(name, ["Reports.Col.Kind", "Col.Entrance", "Reports.Count", "Reports.P50", "Reports.P90", "Reports.Worst", "Reports.Unacknowledged"],
            report.Alarms.Groups.Select(g => Row(C(Words.Alarm(l, g.Kind)), C(Label(g.Device)),
                C(Num(g.Count), EvidenceLink.To(g.Device, "alarm-raised", P.FirstDay, P.FirstDay.AddDays(P.DayCount - 1), g.Kind)),
                C(Span(g.P50)), C(Span(g.P90)), C(Span(g.Worst)), C(Num(g.Unacknowledged))))),
        "calls-by-hour" => Table(name, ["Reports.Hour", "Reports.Calls", "Reports.Answered", "Reports.Missed", "Reports.P50"],
            report.Calls.ByHour.Where(h => h.Calls > 0).Select(h => Row(C($"{h.Hour:D2}:00"), C(Num(h.Calls)), C(Num(h.Answered)), C(Num(h.Missed)), C(Span(h.P50))))),
        "calls" => Table(name, ["Col.Time", "Col.Entrance", "Reports.Outcome", "Reports.TimeToAnswer"],
            report.Calls.Calls.Where(c => c.Outcome != "answered").Select(c => Row(C(time.Show(c.Pressed)), C(Label(c.Device)),
                C(l["Reports.Outcome." + c.Outcome], EvidenceLink.To(c.Device, "call", P.DayOf(c.Pressed), P.DayOf(c.Pressed), c.CallId)), C(Span(c.TimeToAnswer))))),
        "patrol-rounds" => Table(name, ["Reports.Plan", "Reports.Col.Night", "Reports.Round", "Reports.Slot", "Reports.Completion"],
            report.Patrols.Plans.SelectMany(p => p.Rounds.Select(r => Row(C(p.Plan.Name), C(Day(r.Night)), C(Num(r.Round)),
                C(time.Show(r.From) + " – " + time.Show(r.To)), C($"{r.Completion.Part} / {r.Completion.Whole}", EvidenceLink.To(null, "patrol", P.DayOf(r.From), P.DayOf(r.To))))))),
        "patrol-points" => Table(name, ["Reports.Plan", "Reports.Col.Night", "Reports.Round", "Reports.Point", "Reports.PointResult", "Col.Time"],
            report.Patrols.Plans.SelectMany(p => p.Missed.Concat(p.LatePoints).OrderBy(m => m.Round.From).Select(m => Row(C(p.Plan.Name), C(Day(m.Round.Night)), C(Num(m.Round.Round)),
                C(Label(m.Check.Point.Device) + " · " + m.Check.Point.Checkpoint, EvidenceLink.To(m.Check.Point.Device, "patrol", P.DayOf(m.Round.From), P.DayOf(m.Round.To), m.Check.Point.Checkpoint)),
                C(m.Check.At is null ? l["Reports.PointMissed"] : l["Reports.PointLate"]), C(m.Check.At is null ? "—" : time.Show(m.Check.At)))))),
        "availability" => Table(name, ["Col.Entrance", "Reports.Online", "Reports.EventsLate", "Reports.WorstDelay"],
            report.Availability.Boards.Select(b => Row(C(Label(b.Device)), C(b.Online.Show(), EvidenceLink.To(b.Device, "link", P.FirstDay, P.FirstDay.AddDays(P.DayCount - 1))),
                C(Num(b.EventsLate)), C(Span(b.WorstDelay))))),
        "offline" => Table(name, ["Col.Entrance", "Reports.From", "Reports.Until", "Reports.Duration"],
            report.Availability.Offline.Select(o => Row(C(Label(o.Device)), C(o.NoRecord ? l["Reports.NoRecord"] : time.Show(o.From)),
                C(o.To is null ? l["Reports.StillOpen"] : time.Show(o.To)), C(Span((o.To ?? report.Input.Until) - o.From))))),
        _ => throw new ArgumentException($"report table '{name}': one of {string.Join(", ", Names)}"),
    };

    private ReportTable Table(string name, string[] header, IEnumerable<IReadOnlyList<ReportCell>> rows) =>
        new(name, l["Reports.Table." + name], header.Select(h => l[h].Value).ToList(), rows.ToList());

    private static IReadOnlyList<ReportCell> Row(params ReportCell[] cells) => cells;

    private static ReportCell C(string text, string? link = null) => new(text, link);

    private string Label(string device) => _labels.GetValueOrDefault(device, device);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A duration as h:mm:ss (days as hours): the same in every language, sortable in a spreadsheet.</summary>
    public static string Span(TimeSpan? t) => t is not { } v ? "—" : $"{(long)v.TotalHours}:{v.Minutes:D2}:{v.Seconds:D2}";
}
