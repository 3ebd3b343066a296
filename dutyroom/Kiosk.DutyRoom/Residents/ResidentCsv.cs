using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Data.Residents;
using Kiosk.DutyRoom.Localization;

namespace Kiosk.DutyRoom.Residents;

/// <summary>One bad row of an import: its line in the file and why.</summary>
public sealed record ImportProblem(int Line, Problem Problem);

/// <summary>
/// Reads the residents' CSV a property office keeps (docs/access.md, "Importing residents"): UTF-8
/// with or without a byte-order mark, or GB18030 (which GBK files are), the encoding Excel on a
/// Chinese Windows saves "CSV" in. Headers in Chinese or English, in any order; columns it does not
/// know (a phone number, a note) are ignored. Dates are days at the site; "valid until" is the last
/// day the card works.
/// </summary>
public static class ResidentCsv
{
    private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["楼栋"] = "building", ["楼号"] = "building", ["building"] = "building",
        ["单元"] = "unit", ["unit"] = "unit",
        ["房号"] = "room", ["房间"] = "room", ["room"] = "room",
        ["姓名"] = "name", ["name"] = "name",
        ["卡号"] = "card", ["card"] = "card",
        ["密码"] = "pin", ["pin"] = "pin",
        ["有效期自"] = "from", ["生效日期"] = "from", ["valid from"] = "from",
        ["有效期至"] = "until", ["到期日期"] = "until", ["valid until"] = "until",
        ["时段"] = "schedule", ["schedule"] = "schedule",
        ["门禁组"] = "groups", ["door groups"] = "groups",
    };

    static ResidentCsv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The text of the file: UTF-8 if it is valid UTF-8 (with or without a BOM), else GB18030.</summary>
    public static string Decode(byte[] bytes)
    {
        var preamble = Encoding.UTF8.GetPreamble();
        if (bytes.AsSpan().StartsWith(preamble))
            return new UTF8Encoding(false, true).GetString(bytes, preamble.Length, bytes.Length - preamble.Length);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(54936).GetString(bytes);
        }
    }

    /// <summary>The rows as inputs, or the problems (an empty list of inputs then: nothing is imported from a file with a bad row).</summary>
    public static (IReadOnlyList<ResidentInput> Rows, IReadOnlyList<int> Lines, IReadOnlyList<ImportProblem> Problems) Parse(byte[] bytes, SiteTime time, IReadOnlyList<string> defaultGroups)
    {
        var records = Records(Decode(bytes));
        var problems = new List<ImportProblem>();
        if (records.Count == 0)
            return ([], [], [new ImportProblem(1, new("csv-empty", "the file is empty: a header row, then one row a resident"))]);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var (headerLine, header) = records[0];
        for (var i = 0; i < header.Count; i++)
            if (Headers.TryGetValue(header[i].Trim(), out var field))
                columns.TryAdd(field, i);
        foreach (var need in new[] { "building", "room", "name" }.Where(n => !columns.ContainsKey(n)))
            problems.Add(new(headerLine, new("csv-column-missing", $"no '{need}' column (e.g. 楼栋, 房号, 姓名)", need)));
        if (!columns.ContainsKey("card") && !columns.ContainsKey("pin"))
            problems.Add(new(headerLine, new("csv-column-missing", "no 'card' or 'PIN' column (卡号, 密码)", "card")));
        if (problems.Count > 0)
            return ([], [], problems);
        var rows = new List<ResidentInput>();
        var lines = new List<int>();
        foreach (var (line, cells) in records.Skip(1))
        {
            string Cell(string field) => columns.TryGetValue(field, out var i) && i < cells.Count ? cells[i].Trim() : "";
            var from = Day(Cell("from"), time, line, "valid-from", problems);
            var until = Day(Cell("until"), time, line, "valid-until", problems)?.AddDays(1); // the last day it works, all of it
            var groups = columns.ContainsKey("groups")
                ? Cell("groups").Split([';', '；', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : defaultGroups;
            rows.Add(new ResidentInput(Cell("building"), Cell("unit"), Cell("room"), Cell("name"), from, until, Cell("schedule"), groups, Cell("card"), Cell("pin")));
            lines.Add(line);
        }
        return (rows, lines, problems);
    }

    private static DateTimeOffset? Day(string text, SiteTime time, int line, string field, List<ImportProblem> problems)
    {
        if (text.Length == 0)
            return null;
        if (DateTime.TryParseExact(text, ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return time.StartOfDay(d);
        problems.Add(new(line, new("csv-date", $"{field} '{text}': a date as 2026-12-31", text)));
        return null;
    }

    /// <summary>RFC 4180 records with the line each starts on (a quoted cell may hold line breaks); blank lines skipped.</summary>
    public static List<(int Line, List<string> Cells)> Records(string text)
    {
        var records = new List<(int, List<string>)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                {
                    if (c == '\n')
                        line++;
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
                quoted = true;
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                End();
                line++;
                start = line;
            }
            else
                cell.Append(c);
        }
        End();
        return records;

        void End()
        {
            cells.Add(cell.ToString());
            cell.Clear();
            if (cells.Any(x => x.Trim().Length > 0))
                records.Add((start, cells));
            cells = [];
        }
    }
}
