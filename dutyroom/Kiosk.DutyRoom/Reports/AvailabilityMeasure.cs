using System;
using System.Collections.Generic;
using System.Linq;

namespace Kiosk.DutyRoom.Reports;

/// <summary>A board offline from its will (or the start, with no record) to its next birth (null: still offline).</summary>
public sealed record OfflinePeriod(string Device, DateTimeOffset From, DateTimeOffset? To, bool NoRecord);

/// <summary>A board's share of the period online, and how many of its events reached the duty room late.</summary>
public sealed record BoardAvailability(string Device, Ratio Online, int EventsLate, TimeSpan? WorstDelay);

/// <summary>
/// Device availability: online time / time measured per board, from births and wills as the console
/// received them. Before a board's first record its state is not known and counts as offline (seed
/// 003: no record counts as not done). Events are late when they arrived more than the delivery limit
/// after the board recorded them (GB 50396: field event → centre ≤ 5 s; a backlog after an outage is).
/// </summary>
public sealed record AvailabilityMeasure(IReadOnlyList<BoardAvailability> Boards, Ratio Estate, IReadOnlyList<OfflinePeriod> Offline)
{
    public static AvailabilityMeasure Compute(ReportInput input)
    {
        var p = input.Period;
        var until = input.Until;
        var offline = new List<OfflinePeriod>();
        var boards = new List<BoardAvailability>();
        foreach (var entrance in input.Entrances)
        {
            var changes = input.Presence.Where(c => c.Device == entrance.Device).OrderBy(c => c.At).ToList();
            var before = changes.LastOrDefault(c => c.At < p.From);
            bool? online = before?.Online;
            DateTimeOffset? offSince = online == true ? null : p.From;
            var noRecord = online is null;
            foreach (var c in changes.Where(c => c.At >= p.From && c.At < until))
            {
                if (c.Online && offSince is { } since)
                {
                    offline.Add(new(entrance.Device, since, c.At, noRecord));
                    offSince = null;
                }
                else if (!c.Online && offSince is null)
                    offSince = c.At;
                noRecord = false;
            }
            if (offSince is { } open && open < until)
                offline.Add(new(entrance.Device, open, null, noRecord));
            var measured = Math.Max(0, (long)(until - p.From).TotalSeconds);
            var down = offline.Where(o => o.Device == entrance.Device).Sum(o => (long)((o.To ?? until) - o.From).TotalSeconds);
            var late = input.Events.Where(e => e.Device == entrance.Device && e.TimeSynced && e.Time >= p.From && e.Time < until
                && e.ReceivedAt - e.Time > input.Rules.DeliveryLimit).Select(e => e.ReceivedAt - e.Time).ToList();
            boards.Add(new(entrance.Device, new Ratio(measured - down, measured), late.Count, late.Count > 0 ? late.Max() : null));
        }
        return new(boards, boards.Aggregate(default(Ratio), (a, b) => a + b.Online), offline);
    }
}
