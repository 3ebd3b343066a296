using System;

namespace Kiosk.DutyRoom.Reports;

/// <summary>
/// A rate kept as its two counts, so "100 %" means every lamp-second lit, not 99.96 % rounded up,
/// and a period with nothing expected says so (no rate) instead of dividing by zero.
/// </summary>
public readonly record struct Ratio(long Part, long Whole)
{
    public bool HasValue => Whole > 0;

    public double Percent => Whole > 0 ? 100.0 * Part / Whole : double.NaN;

    /// <summary>At least <paramref name="percent"/> %, in whole numbers (no rounding).</summary>
    public bool AtLeast(int percent) => Whole > 0 && Part * 100 >= (long)percent * Whole;

    public static Ratio operator +(Ratio a, Ratio b) => new(a.Part + b.Part, a.Whole + b.Whole);

    /// <summary>One decimal, "—" when there is nothing to rate; the same in every language.</summary>
    public string Show() => Whole > 0 ? (Math.Floor(Percent * 10) / 10).ToString(System.Globalization.CultureInfo.InvariantCulture) + " %" : "—";
}
