using System.Text.RegularExpressions;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// A mainland vehicle plate (GA 36): province abbreviation, the issuing office's letter, then 5
/// characters (ordinary: 苏E·12345) or 6 for new-energy vehicles (small: D or F first, 苏E·F12345;
/// large: D or F last, 苏E·12345D). Letters I and O are never issued. Kept in the written form,
/// with the middle dot: 苏E·12345, however it was typed (苏e12345, 苏E 12345).
/// </summary>
public static partial class PlateNumber
{
    /// <summary>The plate in its written form, or null if it is not a mainland plate.</summary>
    public static string? Normalise(string text)
    {
        var plate = Separators().Replace(text.Trim().ToUpperInvariant(), "");
        var m = Pattern().Match(plate);
        return m.Success ? m.Groups["office"].Value + "·" + m.Groups["serial"].Value : null;
    }

    // 31 province-level abbreviations; ordinary serials may end in 挂 (trailer), 学 (driving school) or 警 (police).
    [GeneratedRegex("^(?<office>[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z])(?<serial>[DF][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[DF]|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警])$")]
    private static partial Regex Pattern();

    [GeneratedRegex("[\\s·•.\\-]")]
    private static partial Regex Separators();
}
