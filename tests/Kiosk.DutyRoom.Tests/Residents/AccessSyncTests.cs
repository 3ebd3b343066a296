using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Data.Residents;
using Kiosk.DutyRoom.Residents;
using Kiosk.DutyRoom.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Residents;

/// <summary>
/// The console's allow-list sync against host-sim's building-1 (a board with a reader) over the
/// real broker: a card granted opens, a revoked card is refused within 5 s, and a revocation made
/// while a full list is on its way still ends refused.
/// </summary>
public sealed class AccessSyncTests
{
    private const string Door = "building-1";

    [Fact]
    public async Task Granted_opens_revoked_is_refused_within_5_s_and_a_revocation_during_a_full_sync_wins()
    {
        await using var site = await ConsoleSite.StartAsync();
        var services = site.Site.DutyRoom!.Services;
        var desk = services.GetRequiredService<ResidentDesk>();
        var sync = services.GetRequiredService<AccessSync>();
        var admin = site.Stores.Operators.Find("chen")!;
        await WaitAsync(() => site.Stores.AccessLists.Of(Door).ReportedVersion is not null, "building-1 reports its allow-list version");
        desk.SaveDoorGroup(admin, "3栋", [Door]);
        var ids = desk.Add(admin, [Input("1201", "张伟", "12:34567"), Input("1202", "李娜", "12:40000")], "resident.add", "test");
        await WaitAsync(() => Count(site, Door) == 2, "both cards on building-1's list");
        var zhang = site.Stores.Residents.CredentialsOf(ids[0]).Single();

        Assert.Equal(1, await SwipeAsync(site, 12, 34567)); // granted
        Assert.Equal(2, await SwipeAsync(site, 12, 99)); // unknown

        var clock = Stopwatch.StartNew();
        Assert.True(desk.Revoke(admin, zhang.Id));
        await WaitAsync(() => Count(site, Door) == 1 && !site.Stores.AccessLists.Of(Door).Pending, "the revocation confirmed");
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 5);
        Assert.Equal(2, await SwipeAsync(site, 12, 34567));
        Assert.Equal(1, await SwipeAsync(site, 12, 40000));

        // The race: 4,500 more residents, and the console forgets what the board confirmed (a database
        // restored from an older backup), so the next send is the full list: ~283 parts, long enough
        // that the revocation below lands while it is under way (a board answers a part in a few ms).
        desk.Add(admin, Enumerable.Range(0, 4500).Select(i => Input("r" + i, "住户" + i, (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList(), "resident.import", "test");
        await sync.IdleAsync();
        await WaitAsync(() => Count(site, Door) == 4501, "4,501 credentials in force");
        site.Stores.Db.Execute("UPDATE access_lists SET confirmed_version = 0, confirmed_records = '', confirmed_schedules = '' WHERE device = @d", ("@d", Door));
        var full = sync.RequestAsync(Door);
        await WaitAsync(() => sync.Progress(Door) is { Part: >= 5 }, "the full list under way", 10);
        var li = site.Stores.Residents.CredentialsOf(ids[1]).Single();
        var during = sync.Progress(Door);
        Assert.True(desk.Revoke(admin, li.Id));
        Assert.True(during is { } p && p.Part < p.Parts && site.Stores.AccessLists.Of(Door).ConfirmedVersion == 0, "the full sync should still be running when the card is revoked");
        await full;
        await sync.IdleAsync();
        var state = site.Stores.AccessLists.Of(Door);
        Assert.False(state.Pending, state.LastError);
        Assert.Equal(4500, AccessListBuilder.Count(state.ConfirmedRecords));
        Assert.Equal(2, await SwipeAsync(site, 12, 40000)); // revoked during the full sync: refused
        Assert.Equal(1, await SwipeAsync(site, r => r.Swipe34(100_001))); // a 34-bit card from the full list opens
    }

    private static int Count(ConsoleSite site, string device) => AccessListBuilder.Count(site.Stores.AccessLists.Of(device).ConfirmedRecords);

    private static ResidentInput Input(string room, string name, string card) =>
        new("3", "1", room, name, null, null, "", ["3栋"], card, "");

    private static Task<int> SwipeAsync(ConsoleSite site, int facility, int number) => site.SwipeAsync(Door, r => r.Swipe26(facility, number));

    private static Task<int> SwipeAsync(ConsoleSite site, Action<Kiosk.HostSim.Simulation.SimulatedReader> swipe) => site.SwipeAsync(Door, swipe);

    private static Task WaitAsync(Func<bool> condition, string what, int seconds = 30) => ConsoleSite.WaitAsync(condition, what, seconds);
}
