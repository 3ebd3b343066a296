using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiosk.DutyRoom.Localization;

/// <summary>
/// Switching language: a form post (antiforgery-checked) from the header or the sign-in page. A
/// signed-in operator's choice is stored with the operator (it follows them to any PC) and audited;
/// the cookie remembers it for the sign-in page. The page reloads, so the new circuit speaks it.
/// </summary>
public static class LanguageEndpoints
{
    public static void MapLanguage(this IEndpointRouteBuilder app) =>
        app.MapPost("/language", async (HttpContext http, Stores stores, ConsoleClock clock) =>
        {
            var form = await http.Request.ReadFormAsync();
            var language = form["language"].ToString();
            var back = SafeReturn(form["returnUrl"].ToString());
            if (!ConsoleCultures.IsSupported(language))
                return Results.BadRequest($"language '{language}': {ConsoleCultures.Chinese} or {ConsoleCultures.English}");
            ConsoleCultures.Remember(http.Response, language);
            if (http.User.Identity?.IsAuthenticated == true && http.User.Identity.Name is { } username && stores.Operators.Find(username) is not null)
            {
                stores.Operators.SetLanguage(username, language);
                stores.Audit.Record(username, "operator.language", username, language, "ok", clock.Now);
            }
            return Results.Redirect(back);
        });

    private static string SafeReturn(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
