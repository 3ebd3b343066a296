using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kiosk.HostSim.Site;
using Xunit;

namespace Kiosk.Integration.Tests;

/// <summary>host-sim with more than one estate (issue 16): --site given again, each folder its own site, device ids unique across them.</summary>
public sealed class MultiSiteOptionsTests
{
    private static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, name);

    [Fact]
    public void Two_site_folders_run_every_entrance_of_both_under_their_own_site()
    {
        var errors = new List<string>();
        var options = SiteOptions.Parse(["--site", Folder("site-zh"), "--site", Folder("site-gh")], errors);
        Assert.Empty(errors);

        var configs = SimulatedSite.LoadConfigs(options);

        Assert.Equal(6, configs.Count);
        Assert.Equal(["fenglin-yuan", "guihua-yuan"], configs.Select(c => c.Site).Distinct());
        Assert.Equal(["gh-building-3", "gh-north-gate"], configs.Where(c => c.Site == "guihua-yuan").Select(c => c.DeviceId).Order());
        Assert.All(configs.Where(c => c.Site == "guihua-yuan"), c => Assert.Equal("桂花苑", c.SiteName));
    }

    [Fact]
    public void Folders_that_share_device_ids_are_refused_naming_each_id()
    {
        var errors = new List<string>();
        var options = SiteOptions.Parse(["--site", Folder("site"), "--site", Folder("site-zh")], errors);
        Assert.Empty(errors);

        var e = Assert.Throws<SiteException>(() => SimulatedSite.LoadConfigs(options));

        Assert.Equal(4, e.Errors.Count);
        Assert.Contains(e.Errors, m => m.Contains("deviceId 'main-gate' is also in", StringComparison.Ordinal) && m.Contains("ids must differ across the sites", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_folder_twice_is_refused_before_anything_starts()
    {
        var errors = new List<string>();
        SiteOptions.Parse(["--site", Folder("site-gh"), "--site", Folder("site-gh")], errors);
        Assert.Contains(errors, m => m.Contains("is given twice", StringComparison.Ordinal));
    }
}
