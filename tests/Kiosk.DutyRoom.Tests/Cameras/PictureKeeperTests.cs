using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Cameras;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Data.Cameras;
using Kiosk.DutyRoom.Tests.Browser;
using Kiosk.HostSim.Cameras;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Cameras;

/// <summary>
/// The keeper takes pictures from a simulated camera at a call's moments, off the caller's thread,
/// and holds the store to its cap: evicting a picture still inside retention raises the console alarm
/// "picture storage full" and is audited; evicting only pictures past retention raises nothing.
/// </summary>
public sealed class PictureKeeperTests
{
    /// <summary>These tests are about what is kept, not the budget (SnapshotFetcherTests): a camera may be slow under CI's load.</summary>
    private static void Generous(ConsoleOptions o) => o.CameraTimeoutMilliseconds = 10_000;

    private static (PictureKeeper Keeper, PictureStore Store, ConcurrentQueue<StoredPicture> Kept) Keeper(SimulatedCameras cams, long capBytes)
    {
        var store = new PictureStore(cams.Stores.Db, System.IO.Path.Combine(cams.Stores.Folder, "pictures"), capBytes);
        var feed = new CameraFeed(cams.Fetcher, cams.Stores.Stores, cams.Options, NullLogger<CameraFeed>.Instance);
        var keeper = new PictureKeeper(cams.Stores.Stores, store, cams.Fetcher, feed, cams.Options, new ConsoleClock(), NullLogger<PictureKeeper>.Instance);
        var kept = new ConcurrentQueue<StoredPicture>();
        keeper.Kept += kept.Enqueue;
        return (keeper, store, kept);
    }

    [Fact]
    public async Task A_ring_is_handed_over_at_once_and_its_picture_kept_once()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest(), Generous);
        var (keeper, store, kept) = Keeper(cams, 10_000_000);
        cams.Server.Camera("cam-hikvision")!.Behaviour = CameraBehaviour.Slow; // the caller must not wait for it
        cams.Server.Camera("cam-hikvision")!.SlowBy = TimeSpan.FromSeconds(2);
        keeper.OnEvent("maple-court", "cam-hikvision", "call", "ringing", "call-1", DateTimeOffset.UtcNow);
        Assert.Equal(1, keeper.Pending); // handed off, still asking the camera
        keeper.OnEvent("maple-court", "cam-hikvision", "call", "ringing", "call-1", DateTimeOffset.UtcNow); // a repeat: no second picture
        await ConsoleSite.WaitAsync(() => keeper.Pending == 0, "the camera answered");
        Assert.Equal(StoredPicture.Ring, Assert.Single(kept).Moment);
        Assert.Equal("call-1", Assert.Single(store.ForCall("cam-hikvision", "call-1")).CallId);
    }

    [Fact]
    public async Task Evicting_a_picture_inside_retention_raises_picture_storage_full_and_is_audited()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest(), Generous);
        var frame = (await cams.Fetcher.FetchAsync("cam-url")).Jpeg!.Length;
        var (keeper, store, kept) = Keeper(cams, capBytes: frame * 5 / 2); // room for two frames (they differ a little in size)
        // One picture past retention, not yet pruned: evicting it is no news.
        store.Keep("cam-url", StoredPicture.Ring, "old", null, (await cams.Fetcher.FetchAsync("cam-url")).Jpeg!, DateTimeOffset.UtcNow.AddDays(-45));
        for (var i = 1; i <= 2; i++)
        {
            keeper.OnEvent("maple-court", "cam-url", "call", "ringing", "call-" + i, DateTimeOffset.UtcNow);
            await ConsoleSite.WaitAsync(() => kept.Count == i && keeper.Pending == 0, "picture " + i + " kept");
        }
        Assert.Equal(StoredPicture.BySizeCap, store.ForCall("cam-url", "old").Single().RemovedWhy);
        Assert.Empty(cams.Stores.Stores.Alarms.Open());
        Assert.DoesNotContain(cams.Stores.Stores.Audit.Recent(), a => a.Action == "picture.evict");

        // The third call's picture pushes out the first call's, still inside the 30 days: said in an alarm and the audit.
        keeper.OnEvent("maple-court", "cam-url", "call", "ringing", "call-3", DateTimeOffset.UtcNow);
        await ConsoleSite.WaitAsync(() => kept.Count == 3 && keeper.Pending == 0, "picture 3 kept");
        Assert.Equal(StoredPicture.BySizeCap, store.ForCall("cam-url", "call-1").Single().RemovedWhy);
        Assert.True(store.ForCall("cam-url", "call-3").Single().IsKept);
        var alarm = Assert.Single(cams.Stores.Stores.Alarms.Open());
        Assert.Equal((PictureKeeper.StorageAlarm, AlarmRecord.FromConsole), (alarm.Kind, alarm.Origin));
        Assert.Contains("1 picture(s) inside the 30-day retention evicted", alarm.Detail, StringComparison.Ordinal);
        var audit = Assert.Single(cams.Stores.Stores.Audit.Recent(), a => a.Action == "picture.evict");
        Assert.Equal(("console", "cam-url"), (audit.Actor, audit.Target));
        Assert.True(store.KeptBytes() <= store.CapBytes);
    }

    [Fact]
    public async Task A_dead_camera_leaves_the_record_without_a_picture_and_says_why()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest(), Generous);
        var (keeper, store, kept) = Keeper(cams, 10_000_000);
        cams.Server.Camera("cam-dahua")!.Behaviour = CameraBehaviour.Garbage;
        var missed = new ConcurrentQueue<string>();
        keeper.Missed += (_, moment, why) => missed.Enqueue(moment + ": " + why);
        keeper.OnEvent("maple-court", "cam-dahua", "call", "connected", "call-9", DateTimeOffset.UtcNow);
        await ConsoleSite.WaitAsync(() => keeper.Pending == 0, "the camera answered");
        Assert.Empty(kept);
        Assert.Empty(store.ForCall("cam-dahua", "call-9"));
        Assert.StartsWith("answer: not a JPEG", Assert.Single(missed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forced_door_keeps_a_picture_with_its_alarm()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest(), Generous);
        var (keeper, store, kept) = Keeper(cams, 10_000_000);
        var (alarmId, _) = cams.Stores.Stores.Alarms.Raise("maple-court", "cam-onvif", "forced-open", "door", AlarmRecord.FromDevice, "", DateTimeOffset.UtcNow);
        keeper.OnEvent("maple-court", "cam-onvif", "alarm-raised", "forced-open", "door", DateTimeOffset.UtcNow);
        await ConsoleSite.WaitAsync(() => keeper.Pending == 0 && kept.Count == 1, "the alarm's picture kept");
        var picture = Assert.Single(store.ForAlarm(alarmId));
        Assert.Equal((StoredPicture.Alarm, (string?)null), (picture.Moment, picture.CallId));
        Assert.Null(Jpeg.Problem(store.Read(picture)));
    }

    [Fact]
    public async Task A_ring_replayed_from_the_board_after_an_outage_keeps_no_picture_of_now()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest(), Generous);
        var (keeper, store, kept) = Keeper(cams, 10_000_000);
        keeper.OnEvent("maple-court", "cam-url", "call", "ringing", "call-old", DateTimeOffset.UtcNow.AddMinutes(-20));
        keeper.OnEvent("maple-court", "cam-url", "alarm-raised", "forced-open", "door", DateTimeOffset.UtcNow.AddMinutes(-20));
        Assert.Equal(0, keeper.Pending);
        keeper.OnEvent("maple-court", "cam-url", "call", "ringing", "call-now", DateTimeOffset.UtcNow);
        await ConsoleSite.WaitAsync(() => keeper.Pending == 0 && kept.Count == 1, "the live ring's picture");
        Assert.Empty(store.ForCall("cam-url", "call-old"));
        Assert.Equal(1, cams.Server.Camera("cam-url")!.Served); // the camera was asked once: for the live ring
    }
}
