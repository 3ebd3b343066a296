using System;
using System.IO;
using System.Linq;
using Kiosk.DutyRoom.Data.Cameras;
using Kiosk.DutyRoom.Tests.Support;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Cameras;

/// <summary>
/// Kept pictures on disk with their rows in the database, on SQLite and on PostgreSQL: kept and read
/// back, removed at the end of retention (the row says so), and held to the size cap oldest first,
/// counting the ones evicted while still inside retention; and the camera registry.
/// </summary>
public sealed class PictureStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A stand-in JPEG of <paramref name="size"/> bytes: SOI, filler, EOI (the store does not decode pictures).</summary>
    private static byte[] Picture(int size, byte fill = 0x11)
    {
        var b = Enumerable.Repeat(fill, size).ToArray();
        (b[0], b[1], b[2]) = (0xFF, 0xD8, 0xFF);
        (b[^2], b[^1]) = (0xFF, 0xD9);
        return b;
    }

    private static void Keeps_reads_and_lists_by_call_and_alarm(TestStores s)
    {
        var store = new PictureStore(s.Db, Path.Combine(s.Folder, "pictures"), 1_000_000);
        var ring = store.Keep("main-gate", StoredPicture.Ring, "c1", null, Picture(500, 1), Now);
        store.Keep("main-gate", StoredPicture.Answer, "c1", null, Picture(600, 2), Now.AddSeconds(5));
        store.Keep("main-gate", StoredPicture.Alarm, null, 42, Picture(700, 3), Now.AddSeconds(9));
        Assert.Equal([StoredPicture.Ring, StoredPicture.Answer], store.ForCall("main-gate", "c1").Select(p => p.Moment));
        Assert.Equal(42, Assert.Single(store.ForAlarm(42)).AlarmId);
        Assert.Equal(Picture(500, 1), store.Read(ring));
        Assert.Equal(1800, store.KeptBytes());
        Assert.True(File.Exists(Path.Combine(store.Folder, ring.File)));
        Assert.StartsWith("2026-11/30/main-gate-ring-", ring.File, StringComparison.Ordinal);
    }

    private static void Retention_removes_the_file_and_the_row_says_so(TestStores s)
    {
        var store = new PictureStore(s.Db, Path.Combine(s.Folder, "pictures"), 1_000_000);
        var old = store.Keep("main-gate", StoredPicture.Ring, "c1", null, Picture(500), Now.AddDays(-31));
        var recent = store.Keep("main-gate", StoredPicture.Ring, "c2", null, Picture(500), Now.AddDays(-29));
        Assert.Equal(1, store.Prune(Now, 30));
        var gone = store.Get(old.Id)!;
        Assert.Equal((false, StoredPicture.ByRetention), (gone.IsKept, gone.RemovedWhy));
        Assert.Null(store.Read(gone));
        Assert.False(File.Exists(Path.Combine(store.Folder, old.File)));
        Assert.NotNull(store.Read(store.Get(recent.Id)!));
        Assert.Equal(0, store.Prune(Now, 30));
    }

    private static void The_size_cap_evicts_oldest_first_and_counts_those_inside_retention(TestStores s)
    {
        var store = new PictureStore(s.Db, Path.Combine(s.Folder, "pictures"), capBytes: 3000);
        var past = store.Keep("main-gate", StoredPicture.Ring, "c0", null, Picture(1000), Now.AddDays(-40)); // past retention, not pruned yet
        var a = store.Keep("main-gate", StoredPicture.Ring, "c1", null, Picture(1000), Now.AddDays(-3));
        var b = store.Keep("main-gate", StoredPicture.Ring, "c2", null, Picture(1000), Now.AddDays(-2));
        Assert.Equal(Eviction.Nothing with { KeptBytes = 3000 }, store.EnforceCap(Now, 30));
        var c = store.Keep("main-gate", StoredPicture.Ring, "c3", null, Picture(1000), Now);
        // Over by 1000: the oldest goes, and it was past retention anyway.
        Assert.Equal(new Eviction(1, 0, 1000, 3000), store.EnforceCap(Now, 30, c.Id));
        Assert.Equal(StoredPicture.BySizeCap, store.Get(past.Id)!.RemovedWhy);
        var d = store.Keep("main-gate", StoredPicture.Ring, "c4", null, Picture(1500), Now);
        // Over by 1500: the two oldest go, both inside the 30 days: the caller must raise the alarm.
        Assert.Equal(new Eviction(2, 2, 2000, 2500), store.EnforceCap(Now, 30, d.Id));
        Assert.Equal([false, false, true, true], new[] { a, b, c, d }.Select(p => store.Get(p.Id)!.IsKept));
        Assert.False(File.Exists(Path.Combine(store.Folder, a.File)));
    }

    private static void The_camera_registry_keeps_one_camera_per_entrance_and_its_password_encrypted(TestStores s)
    {
        s.Stores.Devices.Add("maple-court", "main-gate", "东门岗亭", new string('a', 64), "test", Now);
        var cameras = new CameraRegistry(s.Db, s.Protection);
        cameras.Set("main-gate", CameraKind.Onvif, "http://192.168.10.64/onvif/device_service/", CameraAuth.Digest, "kiosk-view", "cam-pass-1", "chen", Now);
        cameras.Set("main-gate", CameraKind.Hikvision, "http://192.168.10.65", CameraAuth.Digest, "kiosk-view", null, "chen", Now.AddMinutes(1)); // moved; password kept
        var camera = Assert.Single(cameras.All());
        Assert.Equal(("main-gate", CameraKind.Hikvision, "http://192.168.10.65", CameraAuth.Digest, "kiosk-view", true), (camera.Device, camera.Kind, camera.Address, camera.Auth, camera.Username, camera.HasSecret));
        Assert.Equal("cam-pass-1", cameras.SecretOf("main-gate"));
        Assert.DoesNotContain(s.Db.Query("SELECT secret_protected FROM cameras", r => r.GetString(0)), v => v.Contains("cam-pass-1", StringComparison.Ordinal));
        cameras.Set("main-gate", CameraKind.Url, "http://192.168.10.65/snap.jpg", CameraAuth.None, null, null, "chen", Now);
        Assert.Equal((false, (string?)null), (cameras.Get("main-gate")!.HasSecret, cameras.SecretOf("main-gate")));
        Assert.True(cameras.Remove("main-gate"));
        Assert.Null(cameras.Get("main-gate"));
    }

    public static readonly Action<TestStores>[] All =
        [Keeps_reads_and_lists_by_call_and_alarm, Retention_removes_the_file_and_the_row_says_so, The_size_cap_evicts_oldest_first_and_counts_those_inside_retention,
            The_camera_registry_keeps_one_camera_per_entrance_and_its_password_encrypted];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in All)
            data.Add(scenario.Method.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void On_sqlite(string name)
    {
        using var s = TestStores.Sqlite();
        Array.Find(All, a => a.Method.Name == name)!(s);
    }

    [PostgresFact]
    public void On_postgres()
    {
        foreach (var scenario in All)
        {
            using var s = TestStores.Postgres();
            scenario(s);
        }
    }
}
