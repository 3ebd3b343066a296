using System;
using System.Globalization;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// The 18-character resident ID-card number (居民身份证号码, GB 11643-1999): 6 digits of region,
/// 8 of birth date, 3 of sequence and a check character from an ISO 7064 MOD 11-2 checksum. The
/// console keeps only <see cref="Mask"/> of it (PIPL: collect no more than the purpose needs); the
/// full number lives only in the form field until it is checked.
/// </summary>
public static class ResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Null if <paramref name="text"/> is a valid number (spaces ignored, x as X); else what is wrong.</summary>
    public static Problem? Check(string text)
    {
        var id = Normalise(text);
        if (id.Length != 18)
            return new Problem("id-length", "ID number: 18 characters", id.Length);
        for (var i = 0; i < 17; i++)
            if (id[i] is < '0' or > '9')
                return new Problem("id-digits", "ID number: the first 17 characters are digits");
        if (!DateTime.TryParseExact(id.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            return new Problem("id-birth", "ID number: characters 7 to 14 are not a date of birth");
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += (id[i] - '0') * Weights[i];
        if (id[17] != CheckCharacters[sum % 11])
            return new Problem("id-checksum", "ID number: the check character does not match (mistyped?)");
        return null;
    }

    /// <summary>First 6 and last 4 kept, the 8 between as *: enough to tell two visitors apart, not to use the card.</summary>
    public static string Mask(string text)
    {
        var id = Normalise(text);
        if (Check(id) is { } problem)
            throw new InputRefusedException([problem]);
        return id[..6] + new string('*', 8) + id[^4..];
    }

    /// <summary>True for what <see cref="Mask"/> produces; the store refuses anything else, so a full number cannot slip in.</summary>
    public static bool IsMasked(string text) =>
        text.Length == 18 && text.AsSpan(6, 8).IndexOfAnyExcept('*') < 0 && text.AsSpan(0, 6).IndexOfAnyExceptInRange('0', '9') < 0;

    private static string Normalise(string text) => text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
