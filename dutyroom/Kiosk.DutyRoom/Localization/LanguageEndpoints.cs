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
        app.MapPost("/language", async (HttpContext http, Stores stores, ConsoleClock clock, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            // Issue 20: a form read by hand gets no antiforgery check unless it asks for one.
            if (!await Auth.AuthEndpoints.FormIsOursAsync(http, antiforgery, stores, clock, "operator.language"))
                return Results.BadRequest("language: the form did not come from this console");
            var form = await http.Request.ReadFormAsync();
            var language = form["language"].ToString();
            var back = Auth.LocalReturn.Of(form["returnUrl"].ToString());
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
}
