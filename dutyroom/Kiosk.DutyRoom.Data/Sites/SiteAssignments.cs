using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kiosk.DutyRoom.Data.Sites;

/// <summary>One operator assigned to one estate: they see it and act on it (administrators see every estate regardless).</summary>
public sealed record SiteAssignment(string Username, string Site, string AssignedBy, DateTimeOffset AssignedAt);

/// <summary>
/// Which operator may see and act on which estate. Read afresh at every action and query (never
/// cached in a screen), so taking a site away takes effect at the operator's next click.
/// </summary>
public sealed partial class SiteAssignments(ConsoleDb db)
{
    /// <summary>Assigns; assigning twice changes nothing. A malformed site or unknown operator is refused.</summary>
    public bool Assign(string username, string site, string by, DateTimeOffset now)
    {
        if (!SitePattern().IsMatch(site ?? ""))
            throw new InputRefusedException([new Problem("site", "site: 1 to 32 of a-z 0-9 - _")]);
        if (db.Scalar("SELECT COUNT(*) FROM operators WHERE username = @u", ("@u", username)) != 1)
            throw new ArgumentException($"no operator '{username}'");
        return db.Execute("""
            INSERT INTO site_assignments (username, site, assigned_by, assigned_at) VALUES (@u, @s, @by, @at)
            ON CONFLICT (username, site) DO NOTHING
            """, ("@u", username), ("@s", site), ("@by", by), ("@at", ConsoleDb.Iso(now))) == 1;
    }

    public bool Unassign(string username, string site) =>
        db.Execute("DELETE FROM site_assignments WHERE username = @u AND site = @s", ("@u", username), ("@s", site)) == 1;

    /// <summary>The sites one operator is assigned to, sorted.</summary>
    public IReadOnlyList<string> SitesOf(string username) =>
        db.Query("SELECT site FROM site_assignments WHERE username = @u ORDER BY site", r => r.GetString(0), ("@u", username));

    /// <summary>Who is assigned to a site, sorted.</summary>
    public IReadOnlyList<string> OperatorsOf(string site) =>
        db.Query("SELECT username FROM site_assignments WHERE site = @s ORDER BY username", r => r.GetString(0), ("@s", site));

    public IReadOnlyList<SiteAssignment> All() =>
        db.Query("SELECT username, site, assigned_by, assigned_at FROM site_assignments ORDER BY username, site",
            r => new SiteAssignment(r.GetString(0), r.GetString(1), r.GetString(2), ConsoleDb.Time(r, 3)));

    /// <summary>
    /// What <paramref name="op"/> may see and act on, from the database now: administrators every
    /// site; an operator their assigned sites, or every site while none is assigned (a console for
    /// one estate needs no assignments, and an upgraded console keeps working); disabled: nowhere.
    /// </summary>
    public SiteScope ScopeOf(Operator? op)
    {
        if (op is null || op.Disabled)
            return SiteScope.Only([]);
        if (op.IsAdministrator)
            return SiteScope.Everywhere;
        var sites = SitesOf(op.Username);
        return sites.Count == 0 ? SiteScope.Everywhere : SiteScope.Only(sites);
    }

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex SitePattern();
}
