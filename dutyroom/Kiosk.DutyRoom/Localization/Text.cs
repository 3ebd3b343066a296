using System.Globalization;
using System.Linq;
using System.Resources;
using Microsoft.Extensions.Localization;

namespace Kiosk.DutyRoom.Localization;

/// <summary>
/// The console's words: Text.resx (English, the neutral resources) and Text.zh-CN.resx, read through
/// ASP.NET Core's IStringLocalizer&lt;Text&gt; in the operator's culture. Keys are dotted names
/// (Calls.Answer), not English sentences, so the English can be reworded without touching the Chinese.
/// </summary>
public sealed class Text
{
    private static readonly ResourceManager Resources = new(typeof(Text).FullName!, typeof(Text).Assembly);

    /// <summary>The English text, whoever is looking: for the audit log and the log file, which are records, not screens.</summary>
    public static string English(string key, params object[] args)
    {
        var format = Resources.GetString(key, CultureInfo.InvariantCulture) ?? key;
        return args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args.Select(a => a is Phrase p ? p.English() : a).ToArray());
    }
}

/// <summary>A sentence not yet put into words: a resource key and its arguments (which may be phrases too).</summary>
public sealed record Phrase(string Key, params object[] Args)
{
    public string In(IStringLocalizer l) => Args.Length == 0 ? l[Key] : l[Key, Args.Select(a => a is Phrase p ? p.In(l) : a).ToArray()];

    public string English() => Text.English(Key, Args);

    public override string ToString() => English();
}
