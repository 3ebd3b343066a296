using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Kiosk.DutyRoom.Data.Sites;

/// <summary>
/// The estates one operator may see and act on: every site for an administrator, the assigned ones
/// for an operator (none assigned: none). Queries take it as SQL (<see cref="Where"/>), so a list,
/// a count or an export never reads a row the operator may not see; actions ask <see cref="Allows"/>.
/// </summary>
public sealed class SiteScope
{
    private readonly HashSet<string>? _sites;

    private SiteScope(HashSet<string>? sites) => _sites = sites;

    /// <summary>No restriction: an administrator, or the console's own work (archive, reports for the estate).</summary>
    public static SiteScope Everywhere { get; } = new(null);

    public static SiteScope Only(IEnumerable<string> sites) => new(new HashSet<string>(sites, StringComparer.Ordinal));

    public bool IsEverywhere => _sites is null;

    /// <summary>The sites allowed, sorted; empty for <see cref="Everywhere"/> (ask <see cref="IsEverywhere"/>).</summary>
    public IReadOnlyList<string> Sites => _sites is null ? [] : _sites.Order(StringComparer.Ordinal).ToList();

    public bool Allows(string? site) => _sites is null || (site is not null && _sites.Contains(site));

    /// <summary>This scope narrowed to one site (null: unchanged); a site outside it leaves nothing.</summary>
    public SiteScope Narrow(string? site) =>
        site is null ? this : Only(Allows(site) ? [site] : []);

    /// <summary>A predicate on <paramref name="column"/> for a WHERE clause, with its parameters named @scope_site0…</summary>
    public string Where(string column)
    {
        if (_sites is null)
            return "1 = 1";
        if (_sites.Count == 0)
            return "1 = 0";
        return column + " IN (" + string.Join(", ", Enumerable.Range(0, _sites.Count).Select(i => "@scope_site" + i.ToString(CultureInfo.InvariantCulture))) + ")";
    }

    /// <summary>The parameters <see cref="Where"/> names, appended to a query's own.</summary>
    public (string Name, object? Value)[] With(params (string Name, object? Value)[] args)
    {
        if (_sites is null || _sites.Count == 0)
            return args;
        var all = new List<(string, object?)>(args);
        var i = 0;
        foreach (var site in Sites)
            all.Add(("@scope_site" + (i++).ToString(CultureInfo.InvariantCulture), site));
        return all.ToArray();
    }

    public override string ToString() => _sites is null ? "all sites" : _sites.Count == 0 ? "no sites" : string.Join(",", Sites);
}
