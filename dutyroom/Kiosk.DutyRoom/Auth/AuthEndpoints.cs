using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiosk.DutyRoom.Auth;

/// <summary>
/// Sign-in, sign-out and first-run setup as plain form posts, each audited. The handlers read the
/// form themselves, so ASP.NET Core attaches no antiforgery check to them: each one validates the
/// form's token itself first (issue 20: a page on another site signed a victim's browser into the
/// attacker's account). A post without a valid token changes nothing.
/// </summary>
public static class AuthEndpoints
{
    /// <summary>The setup page's problem codes; anything else in ?error= is not shown (issue 20: the page printed any text from the link).</summary>
    public static readonly string[] SetupProblems = ["username", "display-name", "password", "role", "username-taken", "setup-code", "form"];

    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/auth/signin", SignInAsync);
        app.MapPost("/auth/signout", SignOutAsync).RequireAuthorization();
        app.MapPost("/auth/setup", SetupAsync);
    }

    /// <summary>True if the post carries this browser's antiforgery token; audited when it does not.</summary>
    public static async Task<bool> FormIsOursAsync(HttpContext http, IAntiforgery antiforgery, Stores stores, ConsoleClock clock, string action)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            stores.Audit.Record(http.User.Identity?.Name ?? "(anonymous)", action, "console",
                $"form without this console's antiforgery token (origin '{http.Request.Headers.Origin}', from {Address(http)})", "refused", clock.Now);
            return false;
        }
    }

    /// <summary>The client's address (the proxy's X-Forwarded-For when the proxy is a known one: ConsoleApp).</summary>
    public static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "?";

    private static async Task<IResult> SignInAsync(HttpContext http, Stores stores, SignInThrottle throttle, ConsoleClock clock, IAntiforgery antiforgery)
    {
        if (!await FormIsOursAsync(http, antiforgery, stores, clock, "signin"))
            return Results.Redirect("/signin?error=form");
        var form = await http.Request.ReadFormAsync();
        var username = (form["username"].ToString() ?? "").Trim().ToLowerInvariant();
        var password = form["password"].ToString() ?? "";
        var address = Address(http);
        var actor = username.Length == 0 ? "(blank)" : username.Length > 64 ? username[..64] : username;
        if (throttle.Paused(address, username) is { } why)
        {
            if (throttle.FirstRefusalInPause(address, username))
                stores.Audit.Record(actor, "signin", "console", why == "address" ? $"too many wrong passwords from {address}: address paused" : $"too many wrong passwords from {address}: paused for this name", "refused", clock.Now);
            return Results.Redirect("/signin?error=paused");
        }
        var op = stores.Operators.Verify(username, password);
        if (op is null)
        {
            var pressure = throttle.Failed(address, username);
            stores.Audit.Record(actor, "signin", "console", "wrong username or password, from " + address, "refused", clock.Now);
            if (pressure is { } p)
                stores.Audit.Record(actor, "signin.pressure", "console",
                    string.Create(CultureInfo.InvariantCulture, $"{p.Failures} wrong passwords for this name in a few minutes, from {p.Addresses} addresses"), "refused", clock.Now);
            return Results.Redirect("/signin?error=wrong");
        }
        throttle.Succeeded(address, username);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, OperatorClaims.Principal(op, stores.Operators.Stamp(op.Username)));
        stores.Audit.Record(op.Username, "signin", "console", address, "ok", clock.Now);
        return Results.Redirect(LocalReturn.Of(form["returnUrl"].ToString()));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, Stores stores, ConsoleClock clock, IAntiforgery antiforgery)
    {
        if (!await FormIsOursAsync(http, antiforgery, stores, clock, "signout"))
            return Results.BadRequest("sign-out: the form did not come from this console");
        stores.Audit.Record(http.User.Identity?.Name ?? "?", "signout", "console", "", "ok", clock.Now);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect("/signin");
    }

    private static async Task<IResult> SetupAsync(HttpContext http, Stores stores, SetupGate gate, ConsoleClock clock, IAntiforgery antiforgery)
    {
        if (!await FormIsOursAsync(http, antiforgery, stores, clock, "operator.create"))
            return Results.Redirect("/setup?error=form");
        var form = await http.Request.ReadFormAsync();
        if (stores.Operators.Count() > 0)
            return Results.Redirect("/signin");
        if (!gate.Matches(form["code"].ToString()))
        {
            stores.Audit.Record("(setup)", "operator.create", "first administrator", "wrong setup code", "refused", clock.Now);
            return Results.Redirect("/setup?error=setup-code");
        }
        try
        {
            var op = stores.Operators.Create(form["username"].ToString().Trim().ToLowerInvariant(), form["displayName"].ToString(),
                form["password"].ToString(), Roles.Administrator, clock.Now);
            stores.Audit.Record(op.Username, "operator.create", op.Username, "first administrator, by the setup code", "ok", clock.Now);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, OperatorClaims.Principal(op, stores.Operators.Stamp(op.Username)));
            return Results.Redirect("/");
        }
        catch (InputRefusedException e)
        {
            // Codes, not sentences: the page words them in the language the browser asked for.
            return Results.Redirect("/setup?code=" + Uri.EscapeDataString(form["code"].ToString()) + "&error=" + Uri.EscapeDataString(string.Join(',', e.Problems.Select(p => p.Code))));
        }
    }
}
