using System;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiosk.DutyRoom.Auth;

/// <summary>Sign-in, sign-out and first-run setup as plain form posts (antiforgery-checked), each audited.</summary>
public static class AuthEndpoints
{
    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/auth/signin", SignInAsync);
        app.MapPost("/auth/signout", SignOutAsync).RequireAuthorization();
        app.MapPost("/auth/setup", SetupAsync);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, Stores stores, SignInThrottle throttle, ConsoleClock clock)
    {
        var form = await http.Request.ReadFormAsync();
        var username = (form["username"].ToString() ?? "").Trim().ToLowerInvariant();
        var password = form["password"].ToString() ?? "";
        if (throttle.IsPaused(username))
        {
            stores.Audit.Record(username, "signin", "console", "too many wrong passwords: paused", "refused", clock.Now);
            return Results.Redirect("/signin?error=paused");
        }
        var op = stores.Operators.Verify(username, password);
        if (op is null)
        {
            throttle.Failed(username);
            stores.Audit.Record(username.Length == 0 ? "(blank)" : username, "signin", "console", "wrong username or password", "refused", clock.Now);
            return Results.Redirect("/signin?error=wrong");
        }
        throttle.Succeeded(username);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, OperatorClaims.Principal(op));
        stores.Audit.Record(op.Username, "signin", "console", http.Connection.RemoteIpAddress?.ToString() ?? "", "ok", clock.Now);
        return Results.Redirect(SafeReturn(form["returnUrl"].ToString()));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, Stores stores, ConsoleClock clock)
    {
        stores.Audit.Record(http.User.Identity?.Name ?? "?", "signout", "console", "", "ok", clock.Now);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect("/signin");
    }

    private static async Task<IResult> SetupAsync(HttpContext http, Stores stores, SetupGate gate, ConsoleClock clock)
    {
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
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, OperatorClaims.Principal(op));
            return Results.Redirect("/");
        }
        catch (InputRefusedException e)
        {
            // Codes, not sentences: the page words them in the language the browser asked for.
            return Results.Redirect("/setup?code=" + Uri.EscapeDataString(form["code"].ToString()) + "&error=" + Uri.EscapeDataString(string.Join(',', e.Problems.Select(p => p.Code))));
        }
    }

    /// <summary>Only local paths: a sign-in link cannot send an operator to another site.</summary>
    private static string SafeReturn(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
