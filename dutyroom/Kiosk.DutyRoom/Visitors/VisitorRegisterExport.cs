using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Kiosk.DutyRoom.Components.Shared;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Kiosk.DutyRoom.Visitors;

/// <summary>
/// The visitor register (访客登记) as CSV, /visitors.csv?from=yyyy-MM-dd&amp;to=yyyy-MM-dd (days at the
/// site; default the last 30): every call with a registered visitor, by the console's CSV rules (as
/// <see cref="ExportEndpoints"/>): UTF-8 with a BOM for Excel, headers in the operator's language,
/// site times, formula cells neutralised (<see cref="CsvCell"/>). Audited: it names people. Details
/// erased by the retention stay erased; the row says so.
/// </summary>
public static class VisitorRegisterExport
{
    public static void MapVisitorRegisterExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/visitors.csv", (HttpContext http, Stores stores, ConsoleClock clock, SiteTime time, IStringLocalizer<Text> l, string? from, string? to) =>
        {
            var until = ExportEndpoints.Day(to, time)?.AddDays(1) ?? clock.Now;
            var since = ExportEndpoints.Day(from, time) ?? until.AddDays(-30);
            var calls = stores.Calls.Between(since, until).Where(c => !c.Visitor.IsEmpty || c.VisitorErasedAt is not null).ToList();
            var labels = stores.Devices.All(stores.Archive).ToDictionary(d => d.Device, d => d.Label, StringComparer.Ordinal);
            var names = stores.Operators.DisplayNames();
            var text = new StringWriter(CultureInfo.InvariantCulture);
            Write(calls, text, l, time, d => labels.GetValueOrDefault(d, d), u => names.GetValueOrDefault(u, u));
            stores.Audit.Record(http.User.Identity?.Name ?? "?", "visitors.export", "visitor register",
                $"{calls.Count} visitors, {from ?? "30 days"} to {to ?? "now"}", "ok", clock.Now);
            return Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())], "text/csv; charset=utf-8",
                $"kiosk-visitors-{TimeZoneInfo.ConvertTime(clock.Now, time.Zone):yyyyMMdd-HHmm}.csv");
        }).RequireAuthorization();

    public static void Write(IEnumerable<CallRecord> calls, TextWriter writer, IStringLocalizer l, SiteTime time, Func<string, string> label, Func<string, string> name)
    {
        string[] header = ["Visitors.Csv.Pressed", "Col.Entrance", "Visitor.Name", "Visitor.Phone", "Visitor.Plate", "Visitor.Household", "Visitor.Reason",
            "Visitors.Csv.IdMasked", "Col.AnsweredBy", "Col.Door"];
        writer.Write(string.Join(',', header.Select(h => CsvCell.Of(l[h]))));
        writer.Write("\r\n");
        foreach (var c in calls)
        {
            var v = c.Visitor;
            var erased = c.VisitorErasedAt is not null && v.IsEmpty;
            var door = c.Decision is null ? "" : c.Decision == "opened" ? l["Calls.Opened"].Value : l["Calls.Refused"].Value;
            writer.Write(string.Join(',', new[]
            {
                time.Show(c.PressedAt), label(c.Device), erased ? l["Calls.VisitorErased"].Value : v.Name ?? "", v.Phone ?? "", v.Plate ?? "",
                CallStory.Household(l, v) ?? "", v.Reason ?? "", v.IdMasked ?? "", c.AnsweredBy is null ? "" : name(c.AnsweredBy), door,
            }.Select(CsvCell.Of)));
            writer.Write("\r\n");
        }
    }
}
