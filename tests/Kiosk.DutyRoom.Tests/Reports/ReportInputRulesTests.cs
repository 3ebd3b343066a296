using System;
using System.Linq;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Reports;
using Kiosk.DutyRoom.Tests.Support;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Reports;

/// <summary>What the report refuses, and says why: bad patrol plans (every problem at once), bad periods, odd lighting details.</summary>
public sealed class ReportInputRulesTests
{
    [Fact]
    public void A_bad_patrol_plan_is_refused_naming_every_problem()
    {
        using var db = TestStores.Sqlite();
        var e = Assert.Throws<InputRefusedException>(() =>
            db.Stores.PatrolPlans.Add(" ", "main-gate/gate\nMain Gate/x\nmain-gate/gate", "22", "06:00", 0, 200, -1, "chen", DateTimeOffset.UtcNow));
        Assert.Equal(["patrol-name", "patrol-point", "patrol-point-twice", "patrol-window", "patrol-rounds", "patrol-late", "patrol-minimum"], e.Problems.Select(p => p.Code));
        Assert.Empty(db.Stores.PatrolPlans.All());

        var plan = db.Stores.PatrolPlans.Add("夜间巡更", "main-gate/东门巡更点\n building-1/1号楼巡更点 ", "22:00", "06:00", 2, 15, 2, "chen", DateTimeOffset.UtcNow);
        Assert.Equal([new PatrolPoint("main-gate", "东门巡更点"), new PatrolPoint("building-1", "1号楼巡更点")], plan.Points);
        Assert.Equal(TimeSpan.FromHours(8), plan.WindowLength);
        Assert.Equal("patrol-name-taken", Assert.Single(Assert.Throws<InputRefusedException>(() =>
            db.Stores.PatrolPlans.Add("夜间巡更", "main-gate/x", "22:00", "06:00", 2, 15, 2, "chen", DateTimeOffset.UtcNow)).Problems).Code);
    }

    [Fact]
    public void A_period_is_a_month_or_a_day_in_the_site_s_zone()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var month = ReportPeriod.Parse("2026-02", zone);
        Assert.Equal((28, new DateTimeOffset(2026, 1, 31, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 28, 16, 0, 0, TimeSpan.Zero)), (month.DayCount, month.From, month.To));
        Assert.False(ReportPeriod.Parse("2026-02-03", zone).IsMonth);
        Assert.Contains("yyyy-MM (a month) or yyyy-MM-dd (a day)", Assert.Throws<FormatException>(() => ReportPeriod.Parse("Feb 2026", zone)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_board_s_lighting_detail_is_counted_and_a_rate_needs_something_expected()
    {
        Assert.True(LightingMeasure.TryParse("lit 40 of 43200 s", out var lit, out var expected));
        Assert.Equal((40, 43200), (lit, expected));
        Assert.False(LightingMeasure.TryParse("lit 50000 of 43200 s", out _, out _));
        Assert.False(LightingMeasure.TryParse("lit -1 of 43200 s", out _, out _));
        Assert.False(LightingMeasure.TryParse("43200 of 43200", out _, out _));
        Assert.Equal("—", default(Ratio).Show());
        Assert.Equal(0, GradeBands.Lighting.GradeOf(default));
        Assert.Equal(2, GradeBands.Lighting.GradeOf(new Ratio(9999, 10000))); // 99.99 % is not 100 %
        Assert.Equal(3, GradeBands.SecurityDoors.GradeOf(new Ratio(7, 10)));
        Assert.Equal("99.9 %", new Ratio(9999, 10000).Show()); // cut, never rounded up to 100
    }
}
