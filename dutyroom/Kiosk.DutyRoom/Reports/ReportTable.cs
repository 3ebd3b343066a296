using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Kiosk.DutyRoom.Data;

namespace Kiosk.DutyRoom.Reports;

/// <summary>A cell: its text as shown and in CSV, and where the events behind it are (the Events page's search).</summary>
public sealed record ReportCell(string Text, string? Link = null);

/// <summary>One evidence table of a report: the same rows on screen, in print and in its CSV.</summary>
public sealed record ReportTable(string Name, string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<ReportCell>> Rows)
{
    /// <summary>RFC 4180 with every cell neutralised for spreadsheets (<see cref="CsvCell"/>).</summary>
    public void WriteCsv(TextWriter writer)
    {
        writer.Write(string.Join(',', Header.Select(CsvCell.Of)));
        writer.Write("\r\n");
        foreach (var row in Rows)
        {
            writer.Write(string.Join(',', row.Select(c => CsvCell.Of(c.Text))));
            writer.Write("\r\n");
        }
    }
}

/// <summary>Builds the links from a figure to the Events page, searching the events it was computed from.</summary>
public static class EvidenceLink
{
    public static string To(string? device, string type, DateOnly from, DateOnly to, string? text = null) =>
        "/events?device=" + Uri.EscapeDataString(device ?? "") + "&type=" + Uri.EscapeDataString(type)
        + "&from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "&to=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        + "&q=" + Uri.EscapeDataString(text ?? "");
}
