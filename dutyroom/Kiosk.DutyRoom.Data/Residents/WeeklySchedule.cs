using System;
using System.Globalization;
using System.Text.RegularExpressions;
using Kiosk.Core.Access;

namespace Kiosk.DutyRoom.Data.Residents;

/// <summary>
/// A named weekly schedule as an administrator writes it: day ranges and time ranges separated by
/// semicolons, "Mon-Fri 07:00-22:00; Sat,Sun 09:00-18:00", in the site's local time. The board keeps
/// half-hours (docs/access.md), so times are on the hour or the half hour; the end is exclusive and
/// may be 24:00.
/// </summary>
public static partial class WeeklySchedule
{
    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// <summary>The 42 bytes of one schedule (7 days × 6 bytes of half-hour bits, Monday first), or an English reason.</summary>
    public static byte[] Parse(string ranges)
    {
        var bits = new byte[AccessSchedule.Size];
        var any = false;
        foreach (var piece in (ranges ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = Piece().Match(piece);
            if (!m.Success)
                throw new FormatException($"'{piece}': expected days and a time range, e.g. Mon-Fri 07:00-22:00");
            var from = Slot(m.Groups["h1"].Value, m.Groups["m1"].Value, piece);
            var to = Slot(m.Groups["h2"].Value, m.Groups["m2"].Value, piece);
            if (to <= from)
                throw new FormatException($"'{piece}': the time range ends before it starts");
            foreach (var day in DaysOf(m.Groups["days"].Value, piece))
                for (var s = from; s < to; s++)
                    bits[day * AccessSchedule.BytesPerDay + s / 8] |= (byte)(1 << (s % 8));
            any = true;
        }
        if (!any)
            throw new FormatException("no time ranges: e.g. Mon-Fri 07:00-22:00");
        return bits;
    }

    private static int Slot(string hours, string minutes, string piece)
    {
        var h = int.Parse(hours, CultureInfo.InvariantCulture);
        var m = int.Parse(minutes, CultureInfo.InvariantCulture);
        if (m is not (0 or 30) || h > 24 || (h == 24 && m != 0))
            throw new FormatException($"'{piece}': times are on the hour or the half hour, 00:00 to 24:00");
        return h * 2 + m / 30;
    }

    private static System.Collections.Generic.IEnumerable<int> DaysOf(string days, string piece)
    {
        foreach (var part in days.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            var first = Array.IndexOf(Days, ends[0].ToLowerInvariant());
            var last = ends.Length == 2 ? Array.IndexOf(Days, ends[1].ToLowerInvariant()) : first;
            if (first < 0 || last < 0 || ends.Length > 2 || last < first)
                throw new FormatException($"'{piece}': days are Mon Tue Wed Thu Fri Sat Sun, as a list or a range (Mon-Fri)");
            for (var d = first; d <= last; d++)
                yield return d;
        }
    }

    [GeneratedRegex(@"^(?<days>[A-Za-z,\- ]+?)\s+(?<h1>\d{1,2}):(?<m1>\d{2})\s*-\s*(?<h2>\d{1,2}):(?<m2>\d{2})$")]
    private static partial Regex Piece();
}
