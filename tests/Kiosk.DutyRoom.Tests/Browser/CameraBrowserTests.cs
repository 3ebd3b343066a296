using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.DutyRoom;
using Kiosk.DutyRoom.Data.Cameras;
using Kiosk.HostSim.Cameras;
using Kiosk.HostSim.Simulation;
using Microsoft.Playwright;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Browser;

/// <summary>
/// The entrance cameras in a real browser: host-sim's simulated camera at each gate (digest auth),
/// registered in the console as `dotnet run --project host-sim` does. A call rings with the gate's
/// picture, refreshed while it rings and once answered; its record keeps the pictures at ring, answer
/// and door-open (thumbnails, full size on click, every look audited). Dead cameras (a login page, a
/// camera too slow to answer, nothing listening) do not hold up the ring: it shows, and says "camera
/// unavailable".
/// </summary>
public sealed class CameraBrowserTests : IAsyncLifetime
{
    private ConsoleSite _site = null!;

    public async Task InitializeAsync()
    {
        _site = await ConsoleSite.StartAsync();
        // The console gives a camera 1.5 s; under CI's parallel load a healthy simulated camera can take longer, so these
        // tests give 5 s (the budget itself is what the slow camera below, at 30 s, and SnapshotFetcherTests check).
        ((ConsoleOptions)_site.Site.DutyRoom!.Services.GetService(typeof(ConsoleOptions))!).CameraTimeoutMilliseconds = 5000;
        // The cameras' on-screen names as at a Chinese estate's gates (a CJK font draws them: fonts-wqy-zenhei).
        foreach (var (device, label) in ConsoleSite.Labels)
            _site.Site.Cameras!.Camera(device)!.Entrance = label;
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private SimulatedBoard Board(string device) => _site.Site.Board(device)!;

    private async Task PressAsync(string device)
    {
        Board(device).Set(InputFunction.CallButton, true);
        await Task.Delay(300);
        Board(device).Set(InputFunction.CallButton, false);
    }

    /// <summary>Waits until the image under <paramref name="selector"/> has loaded a picture (not a broken image).</summary>
    private static Task LoadedAsync(IPage page, string selector) =>
        page.WaitForFunctionAsync("s => { const i = document.querySelector(s); return i !== null && i.complete && i.naturalWidth > 0; }", selector);

    [Fact]
    public async Task A_call_rings_with_the_gate_camera_and_its_record_keeps_the_ring_answer_and_door_open_pictures()
    {
        var li = await _site.SignInAsync("li");
        await li.ClickAsync("[data-test=shift]:has-text('开始值班')");
        await li.WaitForSelectorAsync("article[data-device=main-gate] [data-test=connection]:has-text('在线')");

        await PressAsync("main-gate");
        await li.WaitForSelectorAsync("[data-test=ringing]:has-text('东门岗亭')");
        const string banner = "[data-test=ringing] [data-test=camera][data-device=main-gate] img[data-test=camera-picture]";
        await LoadedAsync(li, banner);
        Assert.True(_site.Site.Cameras!.Camera("main-gate")!.VisitorPresent);
        // It refreshes while ringing: a newer frame replaces the first.
        var first = await li.GetAttributeAsync(banner, "src");
        await li.WaitForFunctionAsync("([s, first]) => { const i = document.querySelector(s); return i !== null && i.getAttribute('src') !== first; }",
            new[] { banner, first });
        await LoadedAsync(li, banner);
        await ConsoleSite.ShotAsync(li, "zh-CN/call-ringing-camera");

        await li.ClickAsync("[data-test=answer]");
        const string answered = "[data-test=my-call] [data-test=camera][data-device=main-gate] img[data-test=camera-picture]";
        await li.WaitForSelectorAsync(answered);
        await LoadedAsync(li, answered);
        var whenAnswered = await li.GetAttributeAsync(answered, "src");
        await li.WaitForFunctionAsync("([s, first]) => { const i = document.querySelector(s); return i !== null && i.getAttribute('src') !== first; }",
            new[] { answered, whenAnswered }); // and keeps refreshing once answered
        await li.ClickAsync("[data-test=open-door]");
        await li.WaitForSelectorAsync("[data-test=call-result]:has-text('门已开锁')");
        Board("main-gate").Set(InputFunction.DoorContact, true);
        await li.WaitForSelectorAsync("[data-test=story]:has-text('门已打开')");
        Board("main-gate").Set(InputFunction.DoorContact, false);
        await li.WaitForSelectorAsync("[data-test=story]:has-text('门已关闭')");
        await ConsoleSite.ShotAsync(li, "zh-CN/call-answered-camera");
        await li.ClickAsync("[data-test=end]");
        await li.WaitForSelectorAsync("[data-test=story]:has-text('呼叫已挂断')");

        var call = _site.Stores.Calls.Recent(1).Single();
        var pictures = _site.Site.DutyRoom!.Services.GetService(typeof(PictureStore)) as PictureStore;
        await ConsoleSite.WaitAsync(() => pictures!.ForCall("main-gate", call.CallId).Count == 3, "three pictures kept");
        await li.GotoAsync($"{_site.Url}/calls/main-gate/{call.CallId}");
        await li.WaitForSelectorAsync("[data-test=broker][data-connected=yes]");
        Assert.Equal([StoredPicture.Ring, StoredPicture.Answer, StoredPicture.DoorOpen],
            await li.Locator("[data-test=kept-picture]").EvaluateAllAsync<string[]>("fs => fs.map(f => f.dataset.moment)"));
        foreach (var moment in new[] { "ring", "answer", "door-open" })
            await LoadedAsync(li, $"[data-test=kept-picture][data-moment={moment}] img[data-test=picture-thumb]");
        Assert.Contains("开门时", await li.InnerTextAsync("[data-test=kept-pictures]"), StringComparison.Ordinal);
        await ConsoleSite.ShotAsync(li, "zh-CN/call-record-pictures");
        await li.ClickAsync("[data-test=kept-picture][data-moment=door-open] img");
        await LoadedAsync(li, "[data-test=picture-full] img");
        Assert.Equal(640, await li.EvalOnSelectorAsync<int>("[data-test=picture-full] img", "i => i.naturalWidth"));
        await ConsoleSite.ShotAsync(li, "zh-CN/call-record-picture-full");

        // Every look at a kept picture is in the audit: three thumbnails, one full size, as li.
        var views = _site.Stores.Audit.Recent().Where(a => a.Action == "picture.view").ToList();
        Assert.All(views, v => Assert.Equal(("li", "ok"), (v.Actor, v.Result)));
        Assert.Equal(3, views.Count(v => v.Detail == "thumbnail"));
        Assert.Contains(views, v => v.Detail == "full size" && v.Target.EndsWith($"main-gate/{call.CallId}:door-open", StringComparison.Ordinal));

        // Signed out, nothing is served: neither the kept picture nor a live one.
        using var anonymous = new System.Net.Http.HttpClient(new System.Net.Http.HttpClientHandler { AllowAutoRedirect = false });
        var id = pictures!.ForCall("main-gate", call.CallId)[0].Id;
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"{_site.Url}/pictures/{id}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"{_site.Url}/cameras/main-gate/live")).StatusCode);

        // Someone forces the door at 3栋1单元: the alarm keeps the camera's picture of that moment.
        Board("building-1").Set(InputFunction.DoorContact, true);
        await li.GotoAsync(_site.Url + "/alarms");
        await li.WaitForSelectorAsync("[data-test=open-alarms] tr[data-alarm=forced-open]");
        await LoadedAsync(li, "tr[data-alarm=forced-open] [data-test=kept-picture][data-moment=alarm] img[data-test=picture-thumb]");
        Board("building-1").Set(InputFunction.DoorContact, false);
        await ConsoleSite.ShotAsync(li, "zh-CN/alarm-picture");
    }

    [Fact]
    public async Task Dead_cameras_do_not_hold_up_the_ring_and_say_camera_unavailable()
    {
        var cameras = _site.Site.Cameras!;
        cameras.Camera("side-gate")!.Behaviour = CameraBehaviour.Garbage;
        cameras.Camera("building-1")!.Behaviour = CameraBehaviour.Slow;
        cameras.Camera("building-1")!.SlowBy = TimeSpan.FromSeconds(30); // beyond any budget
        var registry = (CameraRegistry)_site.Site.DutyRoom!.Services.GetService(typeof(CameraRegistry))!;
        registry.Set("building-2", CameraKind.Url, $"http://127.0.0.1:{ClosedPort()}/snapshot.jpg", CameraAuth.Digest, "admin", "x", "test", DateTimeOffset.UtcNow);

        var li = await _site.SignInAsync("li");
        await li.ClickAsync("[data-test=shift]:has-text('开始值班')");
        foreach (var device in new[] { "side-gate", "building-1", "building-2" })
            await li.WaitForSelectorAsync($"article[data-device={device}] [data-test=connection]:has-text('在线')");

        // The slow camera first: the ring shows while the camera has not answered yet.
        await PressAsync("building-1");
        await li.WaitForSelectorAsync("[data-test=ringing]:has-text('3栋1单元') [data-test=camera][data-device=building-1] [data-test=camera-waiting]");
        await li.WaitForSelectorAsync("[data-test=camera][data-device=building-1] [data-test=camera-unavailable]:has-text('摄像机不可用')");
        await PressAsync("side-gate");
        await PressAsync("building-2");
        await li.WaitForSelectorAsync("[data-test=camera][data-device=side-gate] [data-test=camera-unavailable]:has-text('摄像机不可用')");
        await li.WaitForSelectorAsync("[data-test=camera][data-device=building-2] [data-test=camera-unavailable]:has-text('摄像机不可用')");
        Assert.Equal(3, await li.Locator("[data-test=ringing] .ring-row").CountAsync());
        await ConsoleSite.ShotAsync(li, "zh-CN/call-ringing-camera-unavailable");

        // The door does not wait for a dead camera either: answered and opened as ever.
        await li.ClickAsync("[data-test=ringing] .ring-row:has-text('5栋2单元') [data-test=answer]");
        await li.WaitForSelectorAsync("[data-test=my-call] [data-test=camera-unavailable]");
        await li.ClickAsync("[data-test=open-door]");
        await li.WaitForSelectorAsync("[data-test=call-result]:has-text('门已开锁')");
        Assert.True(Board("building-2").LockReleased);
        var call = _site.Stores.Calls.Live().Single(c => c.Device == "building-2");
        var pictures = (PictureStore)_site.Site.DutyRoom!.Services.GetService(typeof(PictureStore))!;
        Assert.Empty(pictures.ForCall("building-2", call.CallId)); // no picture: nothing kept, nothing faked
    }

    [Fact]
    public async Task An_administrator_tests_and_corrects_a_camera_on_the_cameras_page()
    {
        var chen = await _site.SignInAsync("chen");
        await chen.ClickAsync("a[href='/devices']");
        await chen.ClickAsync("[data-test=cameras-link]");
        await chen.WaitForSelectorAsync("[data-test=cameras] tr[data-device=main-gate]:has-text('海康威视（ISAPI）')");
        await chen.ClickAsync("tr[data-device=main-gate] [data-test=camera-test]");
        await LoadedAsync(chen, "[data-test=camera-tested] img[data-test=camera-test-picture]");

        // A wrong password: the test says what the camera said.
        await chen.ClickAsync("tr[data-device=side-gate] [data-test=camera-edit]");
        await chen.FillAsync("[data-test=camera-password]", "wrong-password");
        await chen.ClickAsync("[data-test=camera-save]");
        await chen.WaitForSelectorAsync("[data-test=camera-result]:has-text('西门岗亭 的摄像机已保存')");
        await chen.ClickAsync("tr[data-device=side-gate] [data-test=camera-test]");
        await chen.WaitForSelectorAsync("[data-test=camera-test-reason]:has-text('HTTP 401')");

        // A bad address is refused in the operator's words; nothing is changed.
        await chen.ClickAsync("tr[data-device=side-gate] [data-test=camera-edit]");
        await chen.FillAsync("[data-test=camera-address]", "ftp://admin@192.168.10.64");
        await chen.ClickAsync("[data-test=camera-save]");
        await chen.WaitForSelectorAsync("[data-test=camera-result]:has-text('摄像机地址')");
        await ConsoleSite.ShotAsync(chen, "zh-CN/cameras");
        var registry = (CameraRegistry)_site.Site.DutyRoom!.Services.GetService(typeof(CameraRegistry))!;
        Assert.Equal(_site.Site.Cameras!.AddressOf("side-gate"), registry.Get("side-gate")!.Address);
        Assert.Equal("wrong-password", registry.SecretOf("side-gate"));
        var audit = _site.Stores.Audit.Recent().Where(a => a.Actor == "chen").Select(a => a.Action + " " + a.Result).ToList();
        Assert.Contains("camera.set ok", audit);
        Assert.Contains("camera.set refused", audit);
        Assert.Contains("camera.test refused", audit);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
