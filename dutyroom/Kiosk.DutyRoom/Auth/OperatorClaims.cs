using System.Security.Claims;
using Kiosk.DutyRoom.Data;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Kiosk.DutyRoom.Auth;

/// <summary>The signed-in operator as cookie claims: username, display name, role.</summary>
public static class OperatorClaims
{
    public const string DisplayName = "kiosk:display";

    /// <summary>The password's stamp when the session began (<see cref="OperatorStore.Stamp"/>): a reset ends older sessions.</summary>
    public const string Stamp = "kiosk:stamp";

    public static ClaimsPrincipal Principal(Operator op, string? stamp) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, op.Username), new Claim(DisplayName, op.DisplayName), new Claim(ClaimTypes.Role, op.Role), new Claim(Stamp, stamp ?? "")],
            CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>Still the session of an enabled operator, in the role and with the password it began with.</summary>
    public static bool StillValid(ClaimsPrincipal? user, Stores stores) =>
        user?.Identity?.IsAuthenticated == true && stores.Operators.Find(user.Identity.Name ?? "") is { } op && user.IsInRole(op.Role)
        && user.FindFirst(Stamp)?.Value is { Length: > 0 } stamp && stamp == stores.Operators.Stamp(op.Username);
}
