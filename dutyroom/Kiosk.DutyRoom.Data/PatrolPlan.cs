using System;
using System.Collections.Generic;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// A patrol plan (巡逻方案, seed 003 五.1: areas, route, points, times): the patrol points on the
/// boards in route order, the night's window in site time (it may run past midnight), how many rounds
/// the window holds (split into equal slots, one round per slot), how late a check-in may be and
/// still count (as late), and the complete rounds a month must reach.
/// </summary>
public sealed record PatrolPlan(
    long Id,
    string Name,
    IReadOnlyList<PatrolPoint> Points,
    TimeOnly WindowStart,
    TimeOnly WindowEnd,
    int Rounds,
    int LateMinutes,
    int MonthlyMinimum)
{
    /// <summary>The window's length: past midnight when it ends at or before it starts (22:00–06:00 is 8 h).</summary>
    public TimeSpan WindowLength
    {
        get
        {
            var length = WindowEnd.ToTimeSpan() - WindowStart.ToTimeSpan();
            return length <= TimeSpan.Zero ? length + TimeSpan.FromDays(1) : length;
        }
    }
}

/// <summary>A patrol point: a patrol input on a board, named as the board reports it (the patrol event's src).</summary>
public sealed record PatrolPoint(string Device, string Checkpoint)
{
    public override string ToString() => Device + "/" + Checkpoint;
}
