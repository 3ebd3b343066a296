using System;

namespace Kiosk.DutyRoom.Auth;

/// <summary>
/// Where a form may send the operator back to: a path on this console, nothing else. Browsers drop
/// tab, CR and LF from a URL and read a backslash as a slash, so "/\t/evil.example" and "/\evil"
/// are links to another site (issue 20's open redirect): any control character, any backslash, and
/// a second leading slash are refused, and the operator goes to the overview instead.
/// </summary>
public static class LocalReturn
{
    public static string Of(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || url.Length > 2048)
            return "/";
        foreach (var c in url)
            if (char.IsControl(c) || c == '\\' || char.IsWhiteSpace(c))
                return "/";
        if (url.Length > 1 && url[1] == '/')
            return "/";
        // Only a path (and query): "/x:y" is fine, a scheme or authority cannot come after the first '/'.
        return Uri.TryCreate(url, UriKind.Relative, out _) ? url : "/";
    }
}
