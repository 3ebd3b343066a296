using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kiosk.Core.Protocol;

namespace Kiosk.HostSim.Scenarios;

/// <summary>
/// Reads scenario files (docs/simulator.md): one step per line, "at TIME VERB ARGS...", '#' comments.
/// The same grammar without "at TIME" is what the interactive prompt takes. Every line is checked
/// before anything runs; all problems are reported as "file:line: reason".
/// </summary>
public static class ScenarioParser
{
    public const long DefaultWithinMillis = 2000;

    private static readonly string[] Buttons = { "call", "exit", "patrol", "emergency" };
    private static readonly string[] DoorStates =
        { "LOCKED_CLOSED", "UNLOCKED", "OPEN_AUTHORISED", "DOOR_OPEN_TOO_LONG", "FORCED_OPEN", "FREE_ACCESS", "LOCK_DOWN", "DOOR_FAULT" };
    private static readonly string[] CallStates = { "calling", "ringing", "connected", "ended", "missed", "cancelled", "failed-offline" };

    /// <summary>Parses a whole file; throws <see cref="ScenarioException"/> listing every bad line.</summary>
    public static List<ScenarioStep> Parse(string text, string file, ICollection<string> boards)
    {
        var steps = new List<ScenarioStep>();
        var errors = new List<string>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        long last = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = StripComment(lines[i]);
            if (line.Length == 0)
                continue;
            var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens[0] != "at" || tokens.Length < 3)
            {
                errors.Add($"{file}:{i + 1}: expected 'at TIME ACTION ...', got '{line}'");
                continue;
            }
            if (!TryDuration(tokens[1], out var at))
            {
                errors.Add($"{file}:{i + 1}: '{tokens[1]}' is not a time (e.g. 12s, 1.5s, 500ms, 10m, 2h)");
                continue;
            }
            if (at < last)
            {
                errors.Add($"{file}:{i + 1}: {tokens[1]} is earlier than the step before it; steps must be in time order");
                continue;
            }
            last = at;
            var problem = TryStep(tokens.Skip(2).ToArray(), boards, out var verb, out var args, out var within);
            if (problem is not null)
                errors.Add($"{file}:{i + 1}: {problem}");
            else
                steps.Add(new ScenarioStep(file, i + 1, at, verb, args, within, line));
        }
        if (errors.Count == 0 && steps.Count == 0)
            errors.Add($"{file}: no steps");
        if (errors.Count > 0)
            throw new ScenarioException(errors);
        return steps;
    }

    /// <summary>One interactive command (no "at"); returns null when valid, else the reason.</summary>
    public static string? ParseCommand(string line, ICollection<string> boards, long nowMillis, out ScenarioStep? step)
    {
        step = null;
        var tokens = StripComment(line).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
            return "empty command";
        var problem = TryStep(tokens, boards, out var verb, out var args, out var within);
        if (problem is null)
            step = new ScenarioStep("prompt", 1, nowMillis, verb, args, within, line.Trim());
        return problem;
    }

    /// <summary>"12s", "1.5s", "500ms", "10m", "2h", "3m10s"; a leading + or - for skews.</summary>
    public static bool TryDuration(string text, out long millis)
    {
        millis = 0;
        var sign = 1;
        if (text.StartsWith('+') || text.StartsWith('-'))
        {
            sign = text[0] == '-' ? -1 : 1;
            text = text[1..];
        }
        var i = 0;
        double total = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
                i++;
            if (i == start || !double.TryParse(text[start..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                return false;
            var unitStart = i;
            while (i < text.Length && char.IsLetter(text[i]))
                i++;
            double factor;
            switch (text[unitStart..i])
            {
                case "ms": factor = 1; break;
                case "s": factor = 1000; break;
                case "m": factor = 60_000; break;
                case "h": factor = 3_600_000; break;
                default: return false;
            }
            total += value * factor;
        }
        if (text.Length == 0)
            return false;
        millis = sign * (long)Math.Round(total);
        return true;
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return (hash >= 0 ? line[..hash] : line).Trim();
    }

    private static string? TryStep(string[] tokens, ICollection<string> boards, out string verb, out string[] args, out long within)
    {
        verb = tokens[0];
        within = DefaultWithinMillis;
        args = tokens.Skip(1).ToArray();
        if (args.Length >= 2 && args[^2] == "within")
        {
            if (verb != "expect")
                return "'within' belongs to expect steps";
            if (!TryDuration(args[^1], out within))
                return $"'{args[^1]}' is not a duration";
            args = args[..^2];
        }
        return Check(verb, args, boards);
    }

    private static string? Check(string verb, string[] args, ICollection<string> boards)
    {
        string? Board(int i) => i < args.Length && (boards.Contains(args[i]) || args[i] == "all")
            ? null
            : i < args.Length ? $"unknown board '{args[i]}' (the site has: {string.Join(", ", boards)})" : "which board?";
        string? OneOf(int i, string[] words, string what) => i < args.Length && words.Contains(args[i])
            ? null
            : $"{what} must be one of {string.Join(", ", words)}";
        string? Count(int n) => args.Length == n ? null : $"'{verb}' takes {n} argument(s), got {args.Length}";

        switch (verb)
        {
            case "press":
            case "hold":
                if (Board(0) is string b1) return b1;
                if (OneOf(1, Buttons, "the button") is string p1) return p1;
                if (args.Length == 4 && args[2] == "for" && TryDuration(args[3], out _)) return null;
                if (args.Length == 2 && verb == "press") return null;
                return verb == "hold" ? "hold needs 'for DURATION'" : "press takes BOARD BUTTON [for DURATION]";
            case "door":
                return Count(2) ?? Board(0) ?? OneOf(1, new[] { "open", "close" }, "the door action");
            case "force":
                return Count(1) ?? Board(0);
            case "fire":
            case "tamper":
            case "perimeter":
                return Count(2) ?? Board(0) ?? OneOf(1, new[] { "on", "off" }, "the state");
            case "lamp":
                return Count(3) ?? Board(0) ?? (int.TryParse(args[1], out _) ? null : "the circuit must be a number")
                    ?? OneOf(2, new[] { "lit", "dark" }, "the lamp state");
            case "daylight":
                return Count(2) ?? Board(0) ?? (int.TryParse(args[1], out var pct) && pct is >= 0 and <= 100 ? null : "daylight is a percentage 0..100");
            case "network":
                return Count(2) ?? Board(0) ?? OneOf(1, new[] { "down", "up" }, "the network state");
            case "speed":
                return Count(1) ?? (double.TryParse(args[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x > 0 && x <= 1000
                    ? null : "speed is simulated seconds per real second, in (0, 1000]");
            case "broker":
                return Count(1) ?? OneOf(0, new[] { "restart" }, "the broker action");
            case "power-cycle":
                if (args.Length is < 1 or > 2) return "power-cycle takes BOARD [mid-write]";
                return Board(0) ?? (args.Length == 1 || args[1] == "mid-write" ? null : "power-cycle takes BOARD [mid-write]");
            case "skew":
                return Count(2) ?? Board(0) ?? (TryDuration(args[1], out _) ? null : "skew needs +DURATION or -DURATION");
            case "operator":
                if (args.Length < 2) return "operator needs COMMAND BOARD [ARG]";
                var commands = new[] { "unlock", "lockdown", "ack", "answer", "end", "time" };
                if (!commands.Contains(args[0])) return $"operator command must be one of {string.Join(", ", commands)}";
                if (Board(1) is string b2) return b2;
                if (args[0] == "lockdown") return args.Length == 3 && (args[2] is "on" or "off") ? null : "operator lockdown BOARD on|off";
                if (args[0] == "ack") return args.Length == 3 && Names.AlarmKindOf(args[2]) >= 0 ? null : "operator ack BOARD KIND|all (forced-open, held-open, tamper, fire, ...)";
                return args.Length == 2 ? null : $"operator {args[0]} takes only the board";
            case "swipe":
                return Count(2) ?? Board(0) ?? (TryCard(args[1], out _, out _) ? null : "a card is FACILITY:NUMBER (0..255:0..65535)");
            case "pin":
                return Count(2) ?? Board(0) ?? (IsPin(args[1]) ? null : "a PIN is 4..8 digits");
            case "grant":
            case "revoke":
                if (args.Length is not (3 or 5)) return $"{verb} BOARD card F:N|pin DIGITS" + (verb == "grant" ? " [until DURATION]" : "");
                if (Board(0) is string b3) return b3;
                if (args[0] == "all") return $"{verb} takes one board";
                if (args[1] == "card" && !TryCard(args[2], out _, out _)) return "a card is FACILITY:NUMBER (0..255:0..65535)";
                if (args[1] == "pin" && !IsPin(args[2])) return "a PIN is 4..8 digits";
                if (args[1] is not ("card" or "pin")) return "a credential is 'card F:N' or 'pin DIGITS'";
                if (args.Length == 5 && (verb != "grant" || !((args[3] == "until" && TryDuration(args[4], out _)) || (args[3] == "hours" && args[4] is "now" or "elsewhere"))))
                    return "grant ... until DURATION (from now) | hours now|elsewhere (a weekly schedule that holds the present moment or one 12 h away)";
                return null;
            case "sync":
                return Count(1) ?? Board(0) ?? (args[0] == "all" ? "sync takes one board" : null);
            case "expect":
                return TryExpectation(args, Board);
            default:
                return $"unknown action '{verb}' (see docs/simulator.md)";
        }
    }

    /// <summary>A 26-bit card as printed on it: facility and number.</summary>
    public static bool TryCard(string text, out int facility, out int number)
    {
        facility = number = 0;
        var parts = text.Split(':');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out facility) && facility <= 255
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out number) && number <= 65535;
    }

    private static bool IsPin(string text) => text.Length is >= 4 and <= 8 && text.All(char.IsAsciiDigit);

    private static string? TryExpectation(string[] args, Func<int, string?> board)
    {
        if (args.Length == 1 && args[0] == "no-violations")
            return null;
        if (args.Length < 2)
            return "expect BOARD (lock|door|call|event|recorded|online|delivered) ...";
        if (board(0) is string b)
            return b;
        switch (args[1])
        {
            case "lock":
                return args.Length == 3 && (args[2] is "released" or "secure") ? null : "expect BOARD lock released|secure";
            case "door":
                return args.Length == 3 && DoorStates.Contains(args[2]) ? null : $"expect BOARD door STATE ({string.Join(", ", DoorStates)})";
            case "call":
                return args.Length == 3 && CallStates.Contains(args[2]) ? null : $"expect BOARD call STATE ({string.Join(", ", CallStates)})";
            case "event":
            case "recorded":
                return args.Length is 3 or 4 ? null : $"expect BOARD {args[1]} TYPE [NAME]";
            case "online":
            case "delivered":
                return args.Length == 2 ? null : $"expect BOARD {args[1]} takes nothing more";
            default:
                return $"unknown expectation '{args[1]}'";
        }
    }
}
