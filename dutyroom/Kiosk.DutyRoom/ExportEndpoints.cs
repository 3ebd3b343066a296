using System;
using System.Globalization;
using System.IO;
using System.Text;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Kiosk.DutyRoom;

/// <summary>
/// The event log as CSV, with the same filters as the Events page; every export is audited. Made
/// for Excel on a Chinese Windows: UTF-8 with a byte-order mark (without one Excel reads the file as
/// GBK and the Chinese turns to mojibake), headers in the operator's language, times in the site's
/// zone, and no cell that a spreadsheet would run as a formula (<see cref="CsvCell"/>).
/// </summary>
public static class ExportEndpoints
{
    public static void MapExports(this IEndpointRouteBuilder app) =>
        app.MapGet("/events.csv", (HttpContext http, Stores stores, ConsoleClock clock, SiteTime time, IStringLocalizer<Text> l,
            string? device, string? type, string? from, string? to, string? q, string? site) =>
        {
            // Another site's events are refused, not filtered to nothing: the operator asked for what is not theirs (issue 16).
            if (Sites.SiteAccess.Requested(stores, http.User, site, device) is not { } scope)
            {
                stores.Audit.Record(http.User.Identity?.Name ?? "?", "events.export", Blank(site) ?? Blank(device) ?? "?", "not one of the operator's sites", "refused", clock.Now);
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
            var events = stores.Archive.Query(Blank(device), Blank(type), Day(from, time), Day(to, time)?.AddDays(1), 100_000, Blank(q), scope);
            var text = new StringWriter(CultureInfo.InvariantCulture);
            string[] header = ["Csv.Time", "Csv.Site", "Csv.Device", "Csv.Boot", "Csv.Seq", "Csv.Synced", "Csv.Type", "Csv.Code", "Csv.Name", "Csv.Source", "Csv.Detail"];
            EventArchive.WriteCsv(events, text, Array.ConvertAll(header, h => l[h].Value), t => time.Show(t), l["Csv.Yes"], l["Csv.No"]);
            stores.Audit.Record(http.User.Identity?.Name ?? "?", "events.export", device ?? (scope.IsEverywhere ? "all entrances" : "sites " + scope),
                $"{events.Count} events, type {type ?? "any"}, {from ?? "start"} to {to ?? "now"}, text '{q}'", "ok", clock.Now);
            var bytes = Encoding.UTF8.GetPreamble().AsSpan().ToArray();
            return Results.File([.. bytes, .. Encoding.UTF8.GetBytes(text.ToString())], "text/csv; charset=utf-8",
                $"kiosk-events-{TimeZoneInfo.ConvertTime(clock.Now, time.Zone):yyyyMMdd-HHmm}.csv");
        }).RequireAuthorization();

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A yyyy-MM-dd date as the start of that day at the site; null if absent or malformed.</summary>
    public static DateTimeOffset? Day(string? s, SiteTime time) =>
        DateTime.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? time.StartOfDay(d) : null;
}
