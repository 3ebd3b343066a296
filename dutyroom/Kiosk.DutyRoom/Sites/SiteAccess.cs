using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Claims;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Data.Sites;

namespace Kiosk.DutyRoom.Sites;

/// <summary>
/// Which estates an operator may see and act on, decided on the server from the database at the
/// moment of each action and query (issue 16): the screens hide other sites too, but hiding is not
/// the guard. Administrators see every estate; an operator only the ones assigned to them.
/// </summary>
public static class SiteAccess
{
    /// <summary>The operator's scope now: their current role and assignments, read afresh (a disabled or deleted one sees nothing).</summary>
    public static SiteScope ScopeOf(this Stores stores, Operator? op) =>
        stores.SiteAssignments.ScopeOf(op is null ? null : stores.Operators.Find(op.Username));

    /// <summary>The scope of a signed-in user (an HTTP request: exports, reports).</summary>
    public static SiteScope ScopeOf(this Stores stores, ClaimsPrincipal user) => stores.SiteAssignments.ScopeOf(stores.OperatorOf(user));

    /// <summary>Whether <paramref name="op"/> may act on this entrance now (its site from the registry).</summary>
    public static bool MayActOn(this Stores stores, Operator op, string device) =>
        stores.ScopeOf(op).Allows(stores.Devices.SiteOf(device) ?? stores.Archive.Status(device)?.Site);

    /// <summary>The entrances of the registry within <paramref name="scope"/> (device → site).</summary>
    public static IReadOnlyDictionary<string, string> DevicesIn(this Stores stores, SiteScope scope) =>
        stores.Devices.All(stores.Archive).Where(d => scope.Allows(d.Site)).ToDictionary(d => d.Device, d => d.Site, StringComparer.Ordinal);

    /// <summary>
    /// The scope an export or report asks for: the operator's, narrowed to <paramref name="site"/> if
    /// one is named; null when the named site (or the named device's site) is not theirs: refuse it.
    /// </summary>
    public static SiteScope? Requested(this Stores stores, ClaimsPrincipal user, string? site, string? device)
    {
        var scope = stores.ScopeOf(user);
        if (!string.IsNullOrWhiteSpace(site))
        {
            if (!scope.Allows(site.Trim()))
                return null;
            scope = scope.Narrow(site.Trim());
        }
        if (!string.IsNullOrWhiteSpace(device))
        {
            var at = stores.Devices.SiteOf(device.Trim()) ?? stores.Archive.Status(device.Trim())?.Site;
            if (at is not null && !scope.Allows(at))
                return null;
        }
        return scope;
    }
}
