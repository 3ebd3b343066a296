using System;
using System.Globalization;
using System.IO;
using System.Text;
using Kiosk.DutyRoom.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Kiosk.DutyRoom.Reports;

/// <summary>
/// Every table of a report as CSV (/reports/NAME.csv?period=2026-11&amp;device=…), for Excel on a
/// Chinese Windows like the event export: UTF-8 with a BOM, headers in the reader's language, site
/// times, formulas neutralised; audited. A bad period or table is refused with what was expected.
/// </summary>
public static class ReportEndpoints
{
    public static void MapReportExports(this IEndpointRouteBuilder app) =>
        app.MapGet("/reports/{table}.csv", (HttpContext http, Stores stores, ConsoleClock clock, SiteTime time, IStringLocalizer<Text> l,
            string table, string? period, string? device, string? site) =>
        {
            if (Sites.SiteAccess.Requested(stores, http.User, site, device) is not { } scope)
            {
                stores.Audit.Record(http.User.Identity?.Name ?? "?", "report.export", (site ?? device ?? "?").Trim(), "not one of the operator's sites", "refused", clock.Now);
                return Results.StatusCode(StatusCodes.Status403Forbidden); // issue 16: another site's report is refused
            }
            AssessmentReport report;
            ReportTable csv;
            try
            {
                var p = ReportPeriod.Parse(period ?? "", time.Zone);
                report = AssessmentReport.Compute(ReportSource.Read(stores, p, clock.Now, device: string.IsNullOrWhiteSpace(device) ? null : device.Trim(), scope: scope));
                csv = new ReportTables(report, l, time).Get(table);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                return Results.BadRequest(e.Message);
            }
            var text = new StringWriter(CultureInfo.InvariantCulture);
            csv.WriteCsv(text);
            stores.Audit.Record(http.User.Identity?.Name ?? "?", "report.export", string.IsNullOrWhiteSpace(device) ? (scope.IsEverywhere ? "all entrances" : "sites " + scope) : device,
                $"{table} {report.Period.Key}, {csv.Rows.Count} rows", "ok", clock.Now);
            byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
            return Results.File(bytes, "text/csv; charset=utf-8", $"kiosk-{table}-{report.Period.Key}.csv");
        }).RequireAuthorization();
}
