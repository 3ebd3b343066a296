using System;
using System.Collections.Generic;
using System.Linq;
using Kiosk.DutyRoom.Data;

namespace Kiosk.DutyRoom.Reports;

/// <summary>One point of one round: when it was checked in (null: missed) and whether that was late.</summary>
public sealed record PatrolCheck(PatrolPoint Point, DateTimeOffset? At, bool Late);

/// <summary>One round of a plan on one night: its slot and each point's check-in.</summary>
public sealed record PatrolRound(long PlanId, DateOnly Night, int Round, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<PatrolCheck> Checks)
{
    public Ratio Completion => new(Checks.Count(c => c.At is not null), Checks.Count);

    public bool Complete => Checks.All(c => c.At is not null);
}

/// <summary>A plan over the period: its rounds, how many were complete, and seed 003's monthly minimum against that.</summary>
public sealed record PlanResult(PatrolPlan Plan, IReadOnlyList<PatrolRound> Rounds)
{
    public int Complete => Rounds.Count(r => r.Complete);

    public bool MinimumMet => Complete >= Plan.MonthlyMinimum;

    public IEnumerable<(PatrolRound Round, PatrolCheck Check)> Missed => Rounds.SelectMany(r => r.Checks.Where(c => c.At is null).Select(c => (r, c)));

    public IEnumerable<(PatrolRound Round, PatrolCheck Check)> LatePoints => Rounds.SelectMany(r => r.Checks.Where(c => c.Late).Select(c => (r, c)));
}

/// <summary>
/// Patrols (电子巡更): each night's window is cut into equal slots, one round each; a point is on time
/// when its board recorded a check-in at it within the slot, late when within the plan's allowance
/// after the slot (that check-in then serves the earlier round), else missed. Only records count
/// (seed 003: 无记录的视为未开展).
/// </summary>
public sealed record PatrolMeasure(IReadOnlyList<PlanResult> Plans)
{
    public static PatrolMeasure Compute(ReportInput input)
    {
        var p = input.Period;
        var results = new List<PlanResult>();
        foreach (var plan in input.Plans)
        {
            var checkIns = plan.Points.ToDictionary(pt => pt, pt => input.Events
                .Where(e => e.Type == "patrol" && e.TimeSynced && e.Device == pt.Device && e.Source == pt.Checkpoint)
                .Select(e => e.Time).OrderBy(t => t).ToList());
            var used = new HashSet<(PatrolPoint, DateTimeOffset)>();
            var rounds = new List<PatrolRound>();
            var slot = plan.WindowLength / plan.Rounds;
            var late = TimeSpan.FromMinutes(plan.LateMinutes);
            foreach (var night in p.Days)
            {
                var start = p.At(night, plan.WindowStart);
                for (var k = 0; k < plan.Rounds; k++)
                {
                    var from = start + slot * k;
                    var to = from + slot;
                    // A round counts once its slot (and its allowance) is over: tonight's is not missed yet.
                    if (to + late > input.Now)
                        continue;
                    var checks = new List<PatrolCheck>();
                    foreach (var point in plan.Points)
                    {
                        var onTime = checkIns[point].Where(t => t >= from && t < to && !used.Contains((point, t))).Cast<DateTimeOffset?>().FirstOrDefault();
                        var lateAt = onTime is null ? checkIns[point].Where(t => t >= to && t < to + late && !used.Contains((point, t))).Cast<DateTimeOffset?>().FirstOrDefault() : null;
                        var at = onTime ?? lateAt;
                        if (at is { } used1)
                            used.Add((point, used1));
                        checks.Add(new PatrolCheck(point, at, onTime is null && lateAt is not null));
                    }
                    rounds.Add(new PatrolRound(plan.Id, night, k + 1, from, to, checks));
                }
            }
            results.Add(new PlanResult(plan, rounds));
        }
        return new(results);
    }
}
