using System;

namespace Kiosk.DutyRoom.Reports;

/// <summary>
/// Seed 000's grades (张家港 2017): a rate at or above a grade's threshold reaches it. 亮化率 100 / 90 / 80 %
/// and 防盗门完好率 100 / 90 / 70 % for grade 1 / 2 / 3 (docs/assessment.md quotes the clauses).
/// </summary>
public sealed record GradeBands(int Grade1, int Grade2, int Grade3)
{
    public static readonly GradeBands Lighting = new(100, 90, 80);
    public static readonly GradeBands SecurityDoors = new(100, 90, 70);

    /// <summary>1, 2 or 3: the best grade the rate reaches; 0 below grade 3 or with nothing to rate.</summary>
    public int GradeOf(Ratio rate) =>
        rate.AtLeast(Grade1) ? 1 : rate.AtLeast(Grade2) ? 2 : rate.AtLeast(Grade3) ? 3 : 0;

    public int Threshold(int grade) => grade switch
    {
        1 => Grade1,
        2 => Grade2,
        3 => Grade3,
        _ => throw new ArgumentOutOfRangeException(nameof(grade)),
    };
}
