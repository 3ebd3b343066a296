using System;
using System.Globalization;
using Kiosk.Core.Access;

namespace Kiosk.DutyRoom.Data.Residents;

/// <summary>
/// A card as property offices write it: "facility:number" for a 26-bit card (H10301, facility
/// 0–255, number 0–65535), or the plain decimal value of a 34-bit card (0–4294967295). The value
/// hashed (docs/access.md) is facility × 65536 + number for a 26-bit card, the value itself for a 34-bit one.
/// </summary>
public static class CardNumber
{
    public static bool TryParse(string? text, out string kind, out string printed, out string hashed)
    {
        kind = printed = hashed = "";
        var t = (text ?? "").Trim();
        var colon = t.IndexOf(':');
        if (colon > 0)
        {
            if (!uint.TryParse(t[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var facility) || facility > 255
                || !uint.TryParse(t[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535)
                return false;
            kind = CredentialHash.Card26;
            printed = facility.ToString(CultureInfo.InvariantCulture) + ":" + number.ToString(CultureInfo.InvariantCulture);
            hashed = (facility * 65536 + number).ToString(CultureInfo.InvariantCulture);
            return true;
        }
        if (t.Length == 0 || t.Length > 10 || !uint.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return false;
        kind = CredentialHash.Card34;
        printed = hashed = value.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>A PIN the board accepts: 4 to 8 digits (typed, then #).</summary>
    public static bool IsPin(string? text) =>
        text is { Length: >= 4 and <= 8 } && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
}
