using System;
using System.Linq;
using Kiosk.DutyRoom.Reports;
using Kiosk.DutyRoom.Tests.Support;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Reports;

/// <summary>
/// The scripted November (<see cref="ScriptedMonth"/>) through the archive and the report, on SQLite
/// and on PostgreSQL with the same code. Every expected figure is worked out below from the script's
/// incident list by hand.
/// </summary>
public sealed class AssessmentMonthTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void The_scripted_month_on_sqlite() => Check(TestStores.Sqlite);

    [PostgresFact]
    public void The_scripted_month_on_postgres() => Check(TestStores.Postgres);

    internal static AssessmentReport Report(Stores stores, string? device = null) =>
        AssessmentReport.Compute(ReportSource.Read(stores, ReportPeriod.Month(ScriptedMonth.Year, ScriptedMonth.Month, Shanghai),
            ScriptedMonth.At(2, "12:00", month: 12), device: device));

    /// <summary>The plan the script walks: three points, 22:00–06:00 in two rounds, 15 min late allowance, every round of the month required.</summary>
    internal static void AddPlan(Stores stores) =>
        stores.PatrolPlans.Add("夜间巡更", string.Join('\n', ScriptedMonth.PatrolPoints), "22:00", "06:00", 2, 15, 60, "chen", ScriptedMonth.At(1, "00:00"));

    private static void Check(Func<TestStores> open)
    {
        using var db = open();
        new ScriptedMonth().Load(db.Stores);
        AddPlan(db.Stores);
        var r = Report(db.Stores);

        // Lighting: 2 buildings × 2 circuits × 30 nights × 43,200 s = 5,184,000 lamp-seconds expected;
        // lost 7 h (25,200 s) on the 5th and two whole nights (86,400 s) → 5,072,400 lit = 97.8 %, grade 2.
        // October's last night (reported at 06:00 on Nov 1, all dark) does not count.
        Assert.Equal(new Ratio(5_072_400, 5_184_000), r.Lighting.Estate);
        Assert.Equal(2, r.Lighting.Grade);
        Assert.Equal(30, r.Lighting.EstateByNight.Count);
        Assert.Equal(new Ratio(4 * 43_200 - 25_200, 4 * 43_200), r.Lighting.EstateByNight[new DateOnly(2025, 11, 5)]);
        Assert.Equal(new Ratio(60 * 43_200 - 86_400, 60 * 43_200), r.Lighting.ByEntrance["building-2"]);
        Assert.Equal([("building-1", "lamp-circuit-1", TimeSpan.FromHours(7)), ("building-2", "lamp-circuit-2", TimeSpan.FromHours(12)), ("building-2", "lamp-circuit-2", TimeSpan.FromHours(12))],
            r.Lighting.Failures.Select(f => (f.Device, f.Circuit, f.Duration)));

        // Doors: 4 × 30 = 120 door-days; not intact: side gate 10–12 (fault), building-1 16 (held open 40 min),
        // main gate 27 and 28 (forced, acknowledged after midnight), building-2 25 (offline 3.5 h) → 113 / 120, grade 2.
        // The forced opening of the 8th (acknowledged in 3 min) and the 5-min held-open of the 15th do not count.
        Assert.Equal(new Ratio(113, 120), r.Doors.Estate);
        Assert.Equal(2, r.Doors.Grade);
        Assert.Equal(["building-1 16", "building-2 25", "main-gate 27", "main-gate 28", "side-gate 10", "side-gate 11", "side-gate 12"],
            r.Doors.Days.Where(d => !d.Intact).Select(d => $"{d.Device} {d.Day.Day}").Order(StringComparer.Ordinal));
        Assert.Equal(new Ratio(27, 30), r.Doors.ByEntrance["side-gate"]);

        // Perimeter and emergency: 4 raised; acknowledged after 2, 10 and 1 min; the 30th's not by the month's end.
        var pe = r.Alarms.PerimeterAndEmergency;
        Assert.Equal((4, 1), (pe.Count, pe.Unacknowledged));
        Assert.Equal((TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10)), (pe.P50!.Value, pe.P90!.Value, pe.Worst!.Value));
        var forced = Assert.Single(r.Alarms.Groups, g => g.Kind == "forced-open");
        Assert.Equal((2, TimeSpan.FromMinutes(30)), (forced.Count, forced.Worst!.Value));
        Assert.DoesNotContain(r.Alarms.Groups, g => g.Kind == "lamp-failure");

        // Calls: 90; 2 missed, 1 cancelled, 87 answered: 29 × 12 s, 28 × 20 s, 29 × 30 s, 1 × 90 s.
        // Nearest rank: p50 = 44th = 20 s, p90 = 79th = 30 s.
        Assert.Equal(new Ratio(87, 90), r.Calls.Answered);
        Assert.Equal((2, 1, 0), (r.Calls.Missed, r.Calls.Cancelled, r.Calls.FailedOffline));
        Assert.Equal((TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30)), (r.Calls.P50!.Value, r.Calls.P90!.Value));
        Assert.Equal((30, 29, 1), (r.Calls.ByHour[9].Calls, r.Calls.ByHour[9].Answered, r.Calls.ByHour[9].Missed));
        Assert.Equal((30, 28, 1), (r.Calls.ByHour[14].Calls, r.Calls.ByHour[14].Answered, r.Calls.ByHour[14].Missed));
        Assert.Equal(0, r.Calls.ByHour[3].Calls);
        Assert.Equal(10, r.Calls.VisitorsRegistered);

        // Patrols: 30 nights × 2 rounds = 60; incomplete: the 3rd's round 2 (building-1) and the 12th's round 1
        // (all three) → 58 complete against a minimum of 60; 4 points missed, 1 late (building-2 at 02:10 on the 7th).
        var plan = Assert.Single(r.Patrols.Plans);
        Assert.Equal((60, 58, false), (plan.Rounds.Count, plan.Complete, plan.MinimumMet));
        Assert.Equal(["3/2 building-1/building-1-checkpoint", "12/1 main-gate/gate-checkpoint", "12/1 building-1/building-1-checkpoint", "12/1 building-2/building-2-checkpoint"],
            plan.Missed.Select(m => $"{m.Round.Night.Day}/{m.Round.Round} {m.Check.Point}"));
        var late = Assert.Single(plan.LatePoints);
        Assert.Equal((7, 1, ScriptedMonth.At(8, "02:10")), (late.Round.Night.Day, late.Round.Round, late.Check.At!.Value));
        Assert.Equal(new Ratio(0, 3), plan.Rounds.Single(x => x.Night.Day == 12 && x.Round == 1).Completion);

        // Availability: building-2 offline 01:00–04:30 on the 25th (12,600 s of 2,592,000); the check-in it
        // recorded at 02:50 arrived at 04:30:01, 1 h 40 min 1 s late. The other boards were online throughout.
        var b2 = Assert.Single(r.Availability.Boards, b => b.Device == "building-2");
        Assert.Equal(new Ratio(2_592_000 - 12_600, 2_592_000), b2.Online);
        Assert.Equal((1, TimeSpan.FromSeconds(6001)), (b2.EventsLate, b2.WorstDelay!.Value));
        Assert.All(r.Availability.Boards.Where(b => b.Device != "building-2"), b => Assert.Equal((2_592_000L, 0), (b.Online.Part, b.EventsLate)));
        var outage = Assert.Single(r.Availability.Offline);
        Assert.Equal((ScriptedMonth.At(25, "01:00"), ScriptedMonth.At(25, "04:30")), (outage.From, outage.To!.Value));

        // One entrance's report holds only that entrance.
        var gate = Report(db.Stores, "side-gate");
        Assert.Equal(new Ratio(27, 30), gate.Doors.Estate);
        Assert.False(gate.Lighting.Estate.HasValue);
    }
}
