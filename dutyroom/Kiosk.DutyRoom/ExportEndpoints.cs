using System;
using System.Globalization;
using System.IO;
using System.Text;
using Kiosk.DutyRoom.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiosk.DutyRoom;

/// <summary>The event log as CSV, with the same filters as the Events page; every export is audited.</summary>
public static class ExportEndpoints
{
    public static void MapExports(this IEndpointRouteBuilder app) =>
        app.MapGet("/events.csv", (HttpContext http, Stores stores, ConsoleClock clock, string? device, string? type, string? from, string? to, string? q) =>
        {
            var events = stores.Archive.Query(Blank(device), Blank(type), Day(from), Day(to)?.AddDays(1), 100_000, Blank(q));
            var text = new StringWriter(CultureInfo.InvariantCulture);
            EventArchive.WriteCsv(events, text);
            stores.Audit.Record(http.User.Identity?.Name ?? "?", "events.export", device ?? "all entrances",
                $"{events.Count} events, type {type ?? "any"}, {from ?? "start"} to {to ?? "now"}, text '{q}'", "ok", clock.Now);
            return Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv", $"kiosk-events-{clock.Now:yyyyMMdd-HHmm}.csv");
        }).RequireAuthorization();

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A yyyy-MM-dd date as the start of that day, UTC; null if absent or malformed.</summary>
    public static DateTimeOffset? Day(string? s) =>
        DateTimeOffset.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : null;
}
