using System.Text.RegularExpressions;

namespace Kiosk.DutyRoom.Data;

/// <summary>A mainland mobile number: 11 digits, 1 then 3 to 9 (138 0013 8000, +86 allowed). Kept as the 11 digits.</summary>
public static partial class MobileNumber
{
    public static string? Normalise(string text)
    {
        var digits = Separators().Replace(text.Trim(), "");
        if (digits.StartsWith("+86", System.StringComparison.Ordinal))
            digits = digits[3..];
        return Pattern().IsMatch(digits) ? digits : null;
    }

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex Pattern();

    [GeneratedRegex("[\\s\\-()]")]
    private static partial Regex Separators();
}
