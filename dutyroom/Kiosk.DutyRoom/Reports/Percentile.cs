using System;
using System.Collections.Generic;
using System.Linq;

namespace Kiosk.DutyRoom.Reports;

/// <summary>Nearest-rank percentiles (the smallest value with at least p % of values at or below it): always a time that happened.</summary>
public static class Percentile
{
    public static TimeSpan? Of(IEnumerable<TimeSpan> values, int percent)
    {
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0)
            return null;
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
