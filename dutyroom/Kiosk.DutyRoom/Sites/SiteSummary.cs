using System;
using System.Collections.Generic;
using System.Linq;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Data.Sites;
using Kiosk.DutyRoom.Live;

namespace Kiosk.DutyRoom.Sites;

/// <summary>One estate at a glance (or all of them, <see cref="SiteSummary.Site"/> null): what the duty centre's wall shows first.</summary>
public sealed record SiteSummary(string? Site, string Name, int Entrances, int Online, int Offline, int DoorsOpen, int Alarms, int CallsRinging)
{
    /// <summary>Door states in which the door stands open (authorised, held too long, forced).</summary>
    public static bool IsOpen(string door) => door is "OPEN_AUTHORISED" or "DOOR_OPEN_TOO_LONG" or "FORCED_OPEN";

    /// <summary>
    /// Per-site counts and the total over the sites given, from the live picture (connection, door)
    /// and the stores' open alarms and unanswered calls, which the caller has already read within
    /// the operator's scope. O(entrances): no per-entrance rendering, so 5,000 entrances cost one pass.
    /// </summary>
    public static (IReadOnlyList<SiteSummary> Sites, SiteSummary Total) Of(IReadOnlyList<SiteInfo> sites, IEnumerable<EntranceView> entrances,
        IEnumerable<AlarmRecord> openAlarms, IEnumerable<CallRecord> ringing, DateTimeOffset now, TimeSpan staleAfter)
    {
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var s in sites)
            counts[s.Site] = new int[6];
        int[] At(string site) => counts.TryGetValue(site, out var c) ? c : counts[site] = new int[6];
        foreach (var e in entrances)
        {
            var c = At(e.Site);
            c[0]++;
            if (e.Connection(now, staleAfter) == "online")
                c[1]++;
            else
                c[2]++;
            if (IsOpen(e.Door))
                c[3]++;
        }
        foreach (var a in openAlarms)
            At(a.Site)[4]++;
        foreach (var call in ringing)
            At(call.Site)[5]++;
        var names = sites.ToDictionary(s => s.Site, s => s.Name, StringComparer.Ordinal);
        var list = counts.OrderBy(kv => names.GetValueOrDefault(kv.Key, kv.Key), StringComparer.Ordinal).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new SiteSummary(kv.Key, names.GetValueOrDefault(kv.Key, kv.Key), kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3], kv.Value[4], kv.Value[5]))
            .ToList();
        var total = new SiteSummary(null, "", list.Sum(s => s.Entrances), list.Sum(s => s.Online), list.Sum(s => s.Offline),
            list.Sum(s => s.DoorsOpen), list.Sum(s => s.Alarms), list.Sum(s => s.CallsRinging));
        return (list, total);
    }
}
