using System;
using System.Linq;
using Kiosk.DutyRoom.Data;

namespace Kiosk.DutyRoom.Reports;

/// <summary>Reads what a report needs from the console's stores, the same queries on SQLite and PostgreSQL.</summary>
public static class ReportSource
{
    /// <summary>The estate's report, or one entrance's when <paramref name="device"/> names one.</summary>
    /// <param name="scope">the sites the reader may see, or the one site asked for (issue 16); null: every site</param>
    public static ReportInput Read(Stores stores, ReportPeriod period, DateTimeOffset now, AssessmentRules? rules = null, string? device = null, Data.Sites.SiteScope? scope = null)
    {
        var entrances = stores.Devices.All(stores.Archive).Where(d => (device is null || d.Device == device) && (scope is null || scope.Allows(d.Site)))
            .Select(d => new ReportEntrance(d.Device, d.Label)).ToList();
        if (device is not null && entrances.Count == 0)
            throw new ArgumentException($"entrance '{device}' is not in the registry");
        var from = period.From.AddDays(-1);
        var to = period.To.AddDays(1);
        var names = entrances.Select(e => e.Device).ToHashSet(StringComparer.Ordinal);
        var events = stores.Archive.Between(from, to).Where(e => names.Contains(e.Device)).ToList();
        var presence = stores.Archive.Presence(period.From, period.To).Where(c => names.Contains(c.Device)).ToList();
        var calls = stores.Calls.Between(period.From, period.To).Where(c => names.Contains(c.Device)).ToList();
        var plans = stores.PatrolPlans.All().Where(p => (device is null || p.Points.Any(pt => pt.Device == device)) && (scope is null || p.Points.Any(pt => names.Contains(pt.Device)))).ToList();
        return new ReportInput(period, entrances, events, presence, calls, plans, rules ?? new AssessmentRules(), now);
    }
}
