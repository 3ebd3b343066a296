using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Kiosk.DutyRoom.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Kiosk.DutyRoom.Residents;

/// <summary>
/// The access log as CSV with the access screen's filters, by the console's CSV rules (as
/// <see cref="ExportEndpoints"/>): UTF-8 with a BOM for Excel, headers in the operator's language,
/// site times, formula cells neutralised. Every export is audited: it names residents.
/// </summary>
public static class AccessLogExport
{
    public static void MapAccessLogExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/access.csv", (HttpContext http, Stores stores, ConsoleClock clock, SiteTime time, IStringLocalizer<Text> l,
            string? group, string? device, string? from, string? to, string? granted, string? site) =>
        {
            if (Sites.SiteAccess.Requested(stores, http.User, site, device) is not { } scope)
            {
                stores.Audit.Record(http.User.Identity?.Name ?? "?", "access.export", Blank(site) ?? Blank(device) ?? "?", "not one of the operator's sites", "refused", clock.Now);
                return Results.StatusCode(StatusCodes.Status403Forbidden); // issue 16: another site's doors are refused
            }
            var mine = Sites.SiteAccess.DevicesIn(stores, scope);
            var rows = AccessLog.Query(stores, Blank(group), Blank(device), null, Instant(from, time), Instant(to, time), granted == "1", 100_000)
                .Where(r => mine.ContainsKey(r.Device)).ToList();
            var labels = stores.Devices.All(stores.Archive).ToDictionary(d => d.Device, d => d.Label, StringComparer.Ordinal);
            var text = new StringWriter(CultureInfo.InvariantCulture);
            string[] header = ["Csv.Time", "Csv.Device", "Access.Col.Result", "Access.Col.Resident", "Residents.Col.Building", "Residents.Col.Unit", "Residents.Col.Room", "Csv.Source", "Csv.Detail"];
            AccessLog.WriteCsv(rows, text, Array.ConvertAll(header, h => l[h].Value), t => time.Show(t), d => labels.GetValueOrDefault(d, d), r => l["AccessResult." + r].Value);
            stores.Audit.Record(http.User.Identity?.Name ?? "?", "access.export", Blank(group) ?? Blank(device) ?? "all doors",
                $"{rows.Count} rows, {from ?? "start"} to {to ?? "now"}", "ok", clock.Now);
            return Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())], "text/csv; charset=utf-8",
                $"kiosk-access-{TimeZoneInfo.ConvertTime(clock.Now, time.Zone):yyyyMMdd-HHmm}.csv");
        }).RequireAuthorization();

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A site-local time as typed in a datetime-local field (yyyy-MM-ddTHH:mm), as an instant; null if absent or malformed.</summary>
    public static DateTimeOffset? Instant(string? s, SiteTime time)
    {
        if (!DateTime.TryParseExact(s, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return null;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, time.Zone.GetUtcOffset(local));
    }
}
