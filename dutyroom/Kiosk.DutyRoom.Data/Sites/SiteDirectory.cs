using System;
using System.Collections.Generic;
using System.Linq;

namespace Kiosk.DutyRoom.Data.Sites;

/// <summary>
/// An estate as the console knows it: its id (the topic's site level), the name its boards report
/// in their birth (siteName, 枫林苑), and the label an administrator gave it, which wins.
/// </summary>
public sealed record SiteInfo(string Site, string? ReportedName, string? Label)
{
    /// <summary>What screens show: the label, else the reported name, else the id.</summary>
    public string Name => Label ?? ReportedName ?? Site;
}

/// <summary>
/// Every estate the console has seen: from the registry, from births and wills, and from the names
/// boards report. A birth's siteName is written only when it differs, so births cost one read.
/// </summary>
public sealed class SiteDirectory(ConsoleDb db)
{
    public const int MaxNameLength = 64;

    /// <summary>The name a board's birth reported (siteName); a blank or oversized name is ignored.</summary>
    public void Reported(string site, string? name, DateTimeOffset now)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
            return;
        db.Execute("""
            INSERT INTO sites (site, reported_name, label, updated_at) VALUES (@s, @n, NULL, @at)
            ON CONFLICT (site) DO UPDATE SET reported_name = @n, updated_at = @at
            WHERE sites.reported_name IS NULL OR sites.reported_name <> @n
            """, ("@s", site), ("@n", name), ("@at", ConsoleDb.Iso(now)));
    }

    /// <summary>An administrator's name for the estate; null or blank goes back to the reported name.</summary>
    public void SetLabel(string site, string? label, DateTimeOffset now)
    {
        label = string.IsNullOrWhiteSpace(label) ? null : label.Trim();
        if (label is not null && label.Length > MaxNameLength)
            throw new InputRefusedException([new Problem("site-label", $"site name: 1 to {MaxNameLength} characters", MaxNameLength)]);
        db.Execute("""
            INSERT INTO sites (site, reported_name, label, updated_at) VALUES (@s, NULL, @l, @at)
            ON CONFLICT (site) DO UPDATE SET label = @l, updated_at = @at
            """, ("@s", site), ("@l", label), ("@at", ConsoleDb.Iso(now)));
    }

    /// <summary>
    /// Only the sites with a reported name or a label, within <paramref name="scope"/>: what the overview
    /// needs on every redraw (its other sites come from the live picture), without reading the registry.
    /// </summary>
    public IReadOnlyList<SiteInfo> Named(SiteScope? scope = null)
    {
        scope ??= SiteScope.Everywhere;
        return db.Query($"SELECT site, reported_name, label FROM sites WHERE {scope.Where("site")} ORDER BY site",
            r => new SiteInfo(r.GetString(0), ConsoleDb.MaybeText(r, 1), ConsoleDb.MaybeText(r, 2)), scope.With());
    }

    public SiteInfo? Find(string site) =>
        All().FirstOrDefault(s => s.Site == site);

    /// <summary>Every site within <paramref name="scope"/> that has a registered entrance, a status or a name, sorted by id.</summary>
    public IReadOnlyList<SiteInfo> All(SiteScope? scope = null)
    {
        scope ??= SiteScope.Everywhere;
        return db.Query($"""
            SELECT k.site, s.reported_name, s.label FROM
              (SELECT site FROM devices UNION SELECT site FROM device_status UNION SELECT site FROM sites) k
            LEFT JOIN sites s ON s.site = k.site
            WHERE {scope.Where("k.site")}
            ORDER BY k.site
            """, r => new SiteInfo(r.GetString(0), ConsoleDb.MaybeText(r, 1), ConsoleDb.MaybeText(r, 2)), scope.With());
    }
}
