using System;
using System.Linq;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Data.Sites;
using Kiosk.DutyRoom.Live;
using Kiosk.DutyRoom.Sites;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Sites;

/// <summary>The per-site counts the overview and the Sites page show (issue 16), from the live picture and the stores.</summary>
public sealed class SiteSummaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 22, 0, 0, TimeSpan.Zero);

    private static EntranceView Entrance(string site, string device, bool online, string door, int silentSeconds = 5) =>
        new(site, device) { Online = online, Door = door, LastHeard = Now.AddSeconds(-silentSeconds) };

    [Fact]
    public void Each_site_counts_its_entrances_doors_alarms_and_calls_and_the_total_adds_them_up()
    {
        var entrances = new[]
        {
            Entrance("fenglin-yuan", "fl-1", online: true, "LOCKED_CLOSED"),
            Entrance("fenglin-yuan", "fl-2", online: true, "FORCED_OPEN"),
            Entrance("fenglin-yuan", "fl-3", online: true, "LOCKED_CLOSED", silentSeconds: 200), // stale: not counted online
            Entrance("guihua-yuan", "gh-1", online: false, "OPEN_AUTHORISED"),
            Entrance("maple-court", "mc-1", online: true, "UNLOCKED"),
        };
        var alarms = new[] { new AlarmRecord(1, "fenglin-yuan", "fl-2", "forced-open", "door", "device", "", Now, null, null, null, null, null, null) };
        var calls = new[] { new CallRecord("guihua-yuan", "gh-1", "1-1", "ringing", Now, null, null, null, new Visitor(null, null, null, null, null, null, null, null), null, null, null, null, null, null, null, null, null) };
        SiteInfo[] sites = [new("fenglin-yuan", "枫林苑", null), new("guihua-yuan", "桂花苑", "桂花苑二期")];

        var (rows, total) = SiteSummary.Of(sites, entrances, alarms, calls, Now, TimeSpan.FromSeconds(90));

        Assert.Equal(["maple-court", "枫林苑", "桂花苑二期"], rows.Select(r => r.Name)); // ordered by name; no name: the id
        var fenglin = rows.Single(r => r.Site == "fenglin-yuan");
        Assert.Equal((3, 2, 1, 1, 1, 0), (fenglin.Entrances, fenglin.Online, fenglin.Offline, fenglin.DoorsOpen, fenglin.Alarms, fenglin.CallsRinging));
        var guihua = rows.Single(r => r.Site == "guihua-yuan");
        Assert.Equal((1, 0, 1, 1, 0, 1), (guihua.Entrances, guihua.Online, guihua.Offline, guihua.DoorsOpen, guihua.Alarms, guihua.CallsRinging));
        Assert.Equal((5, 3, 2, 2, 1, 1), (total.Entrances, total.Online, total.Offline, total.DoorsOpen, total.Alarms, total.CallsRinging));
    }

    [Fact]
    public void A_site_with_a_name_and_no_entrance_yet_is_listed_with_zeros()
    {
        var (rows, total) = SiteSummary.Of([new SiteInfo("guihua-yuan", "桂花苑", null)], [], [], [], Now, TimeSpan.FromSeconds(90));
        Assert.Equal(0, Assert.Single(rows).Entrances);
        Assert.Equal(0, total.Entrances);
    }
}
