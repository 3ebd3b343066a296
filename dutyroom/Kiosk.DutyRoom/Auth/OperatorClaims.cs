using System.Security.Claims;
using Kiosk.DutyRoom.Data;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Kiosk.DutyRoom.Auth;

/// <summary>The signed-in operator as cookie claims: username, display name, role.</summary>
public static class OperatorClaims
{
    public const string DisplayName = "kiosk:display";

    public static ClaimsPrincipal Principal(Operator op) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, op.Username), new Claim(DisplayName, op.DisplayName), new Claim(ClaimTypes.Role, op.Role)],
            CookieAuthenticationDefaults.AuthenticationScheme));
}
