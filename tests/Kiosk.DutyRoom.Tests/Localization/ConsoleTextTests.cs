using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kiosk.Core.Alarms;
using Kiosk.Core.Call;
using Kiosk.Core.Commands;
using Kiosk.Core.Door;
using Kiosk.Core.Events;
using Kiosk.Core.Protocol;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Localization;

/// <summary>
/// The console's words, checked on its sources: both languages have every key, with the same
/// placeholders; every key the code names exists; every state, kind and result an entrance can
/// send has words; and no screen (.razor) carries text that bypasses the localizer.
/// </summary>
public sealed partial class ConsoleTextTests
{
    private static readonly string Console = Path.Combine(Repo(), "dutyroom", "Kiosk.DutyRoom");
    private static readonly Dictionary<string, string> English = Resx("Text.resx");
    private static readonly Dictionary<string, string> Chinese = Resx("Text.zh-CN.resx");

    [Fact]
    public void Both_languages_have_the_same_keys_and_placeholders()
    {
        Assert.Empty(English.Keys.Except(Chinese.Keys));
        Assert.Empty(Chinese.Keys.Except(English.Keys));
        foreach (var (key, en) in English)
            Assert.True(Placeholders(en).SetEquals(Placeholders(Chinese[key])), $"{key}: '{en}' and '{Chinese[key]}' fill in different values");
        // Only a separator may be empty (Chinese writes 3栋2单元1502室 with none).
        Assert.All(Chinese.Where(kv => !kv.Key.EndsWith(".Separator", StringComparison.Ordinal)), kv => Assert.NotEqual("", kv.Value.Trim()));
    }

    [Fact]
    public void Every_key_the_code_names_exists()
    {
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Console, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)))
            foreach (Match m in KeyUse().Matches(File.ReadAllText(file)))
                if (!English.ContainsKey(m.Groups["key"].Value))
                    missing.Add($"{Path.GetFileName(file)}: {m.Groups["key"].Value}");
        // Problem codes come from the data layer: new Problem("code", …) / new("code", …).
        var data = Path.Combine(Repo(), "dutyroom", "Kiosk.DutyRoom.Data");
        foreach (var file in Directory.EnumerateFiles(data, "*.cs"))
            foreach (Match m in ProblemCode().Matches(File.ReadAllText(file)))
                if (!English.ContainsKey("Problem." + m.Groups["code"].Value) && !m.Groups["code"].Value.EndsWith('-'))
                    missing.Add($"{Path.GetFileName(file)}: Problem.{m.Groups["code"].Value}");
        foreach (var field in new[] { "name", "building", "unit", "room", "reason" })
            if (!English.ContainsKey($"Problem.{field}-too-long"))
                missing.Add($"Problem.{field}-too-long");
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_state_kind_and_result_an_entrance_sends_has_words()
    {
        var wire = Enum.GetValues<DoorState>().Select(DoorStateNames.Of).Where(n => n != "UNKNOWN").Select(n => "Door." + n)
            .Concat(Enum.GetValues<CallState>().Select(CallStateNames.Of).Select(n => "Call." + n))
            .Concat(Enum.GetValues<AlarmKind>().Select(Names.Of).Where(n => n != "unknown").Select(n => "Alarm." + n))
            .Concat(Enum.GetValues<CommandResult>().Select(Names.Of).Select(n => "Result." + n))
            .Concat(Enum.GetValues<EventType>().Select(Names.Of).Where(n => n != "unknown").Select(n => "EventType." + n))
            .Concat(["Lock.secure", "Lock.released", "Connection.online", "Connection.stale", "Connection.offline", "Alarm.device-offline", "Alarm.security",
                "Result.timeout", "Result.not-registered", "Result.broker-down", "Result.broker-refused", "Role.operator", "Role.administrator"]);
        Assert.Empty(wire.Except(English.Keys));
        // On screen an operator reads words, not the wire's codes.
        Assert.DoesNotContain(Chinese.Where(kv => kv.Key.StartsWith("Door.", StringComparison.Ordinal)), kv => Regex.IsMatch(kv.Value, "[A-Z_]{4,}"));
        Assert.Equal("门已锁闭", Chinese["Door.LOCKED_CLOSED"]);
        Assert.Equal("门被强行打开", Chinese["Door.FORCED_OPEN"]);
    }

    [Fact]
    public void No_screen_carries_text_outside_the_localizer()
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Console, "Components"), "*.razor", SearchOption.AllDirectories))
            found.AddRange(LiteralText(File.ReadAllText(file)).Select(t => $"{Path.GetRelativePath(Console, file)}: \"{t}\""));
        Assert.Empty(found);
    }

    [Fact]
    public void The_literal_text_check_finds_what_it_is_meant_to_find()
    {
        // The check above passes only if it can fail: each of these slips past the localizer.
        Assert.Equal(["Calls"], LiteralText("<h1>Calls</h1>"));
        Assert.Equal(["what you did"], LiteralText("<input placeholder=\"what you did\" />"));
        Assert.Equal(["nobody yet"], LiteralText("<td>@(call.AnsweredBy ?? \"nobody yet\")</td>"));
        Assert.Equal(["Door opened"], LiteralText("<li>@(open ? \"Door opened\" : L[\"Story.Refused\"])</li>"));
        Assert.Equal(["访客"], LiteralText("<th>访客</th>"));
        Assert.Empty(LiteralText("<h1>@L[\"Calls.Title\"]</h1>\n@code { private string _x = \"opened\"; }"));
        Assert.Empty(LiteralText("<td class=\"@(ok ? \"ok\" : \"bad\")\">@Local(t) · —</td>"));
    }

    /// <summary>
    /// What on a screen is not from the localizer: text between tags, the text attributes an operator
    /// reads (placeholder, title, alt, aria-label), and string literals in Razor expressions that hold
    /// words (a space, a capital or a non-ASCII letter: "nobody yet", "Door", "访客"; single lowercase
    /// tokens are CSS classes and wire values). Razor comments, @code and the keys in L["…"] are skipped.
    /// </summary>
    public static List<string> LiteralText(string razor)
    {
        var text = RazorComment().Replace(razor, " ");
        var code = text.IndexOf("@code", StringComparison.Ordinal);
        if (code >= 0)
            text = text[..code];
        var found = new List<string>();
        var markup = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length;)
        {
            if (string.CompareOrdinal(text, i, "else if", 0, 7) == 0)
            {
                var end = Balanced(text, SkipSpace(text, i + 7));
                found.AddRange(Literals(text[i..end]));
                markup.Append(' ');
                i = end;
            }
            else if (text[i] == '@' && i + 1 < text.Length && (text[i + 1] is '(' or '_' || char.IsLetter(text[i + 1])))
            {
                var end = ExpressionEnd(text, i + 1);
                found.AddRange(Literals(text[(i + 1)..end]));
                markup.Append(' ');
                i = end;
            }
            else
                markup.Append(text[i++]);
        }
        var rest = markup.ToString();
        foreach (Match m in TextAttribute().Matches(rest))
            if (Regex.IsMatch(m.Groups["v"].Value, "\\p{L}"))
                found.Add(m.Groups["v"].Value.Trim());
        rest = TextAttribute().Replace(rest, " ");
        foreach (Match m in TextNode().Matches(rest))
        {
            var node = Statement().Replace(m.Groups["t"].Value, " ");
            if (Regex.IsMatch(node, "\\p{L}"))
                found.Add(Regex.Replace(node.Trim(), "\\s+", " "));
        }
        return found;
    }

    /// <summary>Where a Razor expression that starts at <paramref name="i"/> ends: (…) balanced, or name(.name|(…)|[…])*; strings skipped.</summary>
    private static int ExpressionEnd(string s, int i)
    {
        if (s[i] != '(')
        {
            while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_'))
                i++;
            var keyword = Regex.Match(s[..i], "\\w+$").Value;
            if (keyword is "if" or "foreach" or "for" or "while" or "switch")
                return Balanced(s, SkipSpace(s, i));
        }
        while (i < s.Length)
        {
            if (s[i] is '(' or '[')
                i = Balanced(s, i);
            else if (s[i] == '.' && i + 1 < s.Length && char.IsLetter(s[i + 1]))
            {
                i++;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_'))
                    i++;
            }
            else
                break;
        }
        return i;
    }

    private static int SkipSpace(string s, int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
            i++;
        return i;
    }

    private static int Balanced(string s, int i)
    {
        if (i >= s.Length || s[i] is not ('(' or '['))
            return i;
        var depth = 0;
        for (; i < s.Length; i++)
        {
            if (s[i] == '"')
            {
                for (i++; i < s.Length && s[i] != '"'; i++)
                    if (s[i] == '\\')
                        i++;
                continue;
            }
            if (s[i] is '(' or '[')
                depth++;
            else if (s[i] is ')' or ']' && --depth == 0)
                return i + 1;
        }
        return i;
    }

    /// <summary>The string literals in C# that hold words, except localizer keys (L["…"]).</summary>
    private static IEnumerable<string> Literals(string csharp) =>
        StringLiteral().Matches(csharp)
            .Where(m => !(m.Index >= 2 && csharp.AsSpan(0, m.Index).TrimEnd().EndsWith("L[", StringComparison.Ordinal)))
            .Select(m => m.Groups["s"].Value)
            .Where(v => Regex.IsMatch(v, "\\p{L}") && Words().IsMatch(v) && !IsTechnical(v));

    // Paths, selectors, JS names, formats and the like: never words on a screen.
    private static bool IsTechnical(string s) => s.StartsWith('/') || s.StartsWith("kioskRing.", StringComparison.Ordinal) || s is "yyyy-MM-dd" or "0.0";

    private static HashSet<string> Placeholders(string s) => Regex.Matches(s, "\\{(\\d+)").Select(m => m.Groups[1].Value).ToHashSet();

    private static Dictionary<string, string> Resx(string name) =>
        XDocument.Load(Path.Combine(Console, "Localization", name)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    private static string Repo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kiosk.sln")))
            dir = dir.Parent;
        return dir!.FullName;
    }

    [GeneratedRegex("(?:\\bL\\[|Phrase\\(|Done\\(|Refused\\()\"(?<key>[A-Za-z][A-Za-z0-9-]*\\.[A-Za-z0-9.?-]*[A-Za-z0-9?])\"")]
    private static partial Regex KeyUse();

    [GeneratedRegex("new(?: Problem)?\\(\"(?<code>[a-z][a-z-]*)\",")]
    private static partial Regex ProblemCode();

    [GeneratedRegex("@\\*.*?\\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex("\"(?<s>(?:[^\"\\\\\\n]|\\\\.)*)\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex("[ A-Z]|[^\\x00-\\x7F]")]
    private static partial Regex Words();

    [GeneratedRegex("\\b(?:placeholder|title|alt|aria-label)=\"(?<v>[^@\"][^\"]*)\"")]
    private static partial Regex TextAttribute();

    [GeneratedRegex(">(?<t>[^<>]+)<")]
    private static partial Regex TextNode();

    // C# between Razor blocks in a text node: braces, else, var x = …; and HTML entities.
    [GeneratedRegex("[{}]|\\belse\\b|\\bvar\\s+\\w+\\s*=[^;]*;|&\\w+;")]
    private static partial Regex Statement();
}
