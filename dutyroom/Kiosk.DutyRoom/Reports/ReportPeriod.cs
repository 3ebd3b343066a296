using System;
using System.Collections.Generic;

namespace Kiosk.DutyRoom.Reports;

/// <summary>
/// The days a report covers, as the estate lives them: calendar days in the site's zone (a month in
/// Shanghai starts at 16:00 UTC the day before). <see cref="From"/> and <see cref="To"/> are instants.
/// </summary>
public sealed record ReportPeriod(DateOnly FirstDay, int DayCount, TimeZoneInfo Zone)
{
    public static ReportPeriod Month(int year, int month, TimeZoneInfo zone)
    {
        if (year is < 2000 or > 2999 || month is < 1 or > 12)
            throw new ArgumentOutOfRangeException(nameof(month), $"month {year:D4}-{month:D2}: a year 2000..2999 and a month 1..12");
        return new(new DateOnly(year, month, 1), DateTime.DaysInMonth(year, month), zone);
    }

    public static ReportPeriod Day(DateOnly day, TimeZoneInfo zone) => new(day, 1, zone);

    /// <summary>"2026-11" (a month) or "2026-11-24" (a day); anything else is refused with the form expected.</summary>
    public static ReportPeriod Parse(string text, TimeZoneInfo zone)
    {
        var s = (text ?? "").Trim();
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
            return Day(day, zone);
        if (DateOnly.TryParseExact(s + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var first))
            return Month(first.Year, first.Month, zone);
        throw new FormatException($"period '{text}': yyyy-MM (a month) or yyyy-MM-dd (a day)");
    }

    public bool IsMonth => DayCount > 1;

    public DateTimeOffset From => StartOf(FirstDay);

    public DateTimeOffset To => StartOf(FirstDay.AddDays(DayCount));

    /// <summary>"2026-11" or "2026-11-24": the form <see cref="Parse"/> reads back.</summary>
    public string Key => IsMonth ? FirstDay.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) : FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public IEnumerable<DateOnly> Days
    {
        get
        {
            for (var i = 0; i < DayCount; i++)
                yield return FirstDay.AddDays(i);
        }
    }

    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>An instant at a site time of day on a day (22:00 on the 5th).</summary>
    public DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public DateTime Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, Zone).DateTime;

    public DateOnly DayOf(DateTimeOffset t) => DateOnly.FromDateTime(Local(t));

    public bool Contains(DateOnly day) => day >= FirstDay && day < FirstDay.AddDays(DayCount);

    public bool Contains(DateTimeOffset t) => t >= From && t < To;
}
