using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.HostSim.Simulation;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace Kiosk.DutyRoom.Tests.Browser;

/// <summary>
/// Operators at work in a real browser (Debian's Chromium, headless) on the console, with simulated
/// entrances behind a real broker: a visitor calls, the call rings on both operators' screens (the
/// chime repeats, a notification shows in a background tab), one answers (the other sees it taken),
/// registers the visitor and opens; the simulated lock energises, the door opens and closes, and the
/// call record tells the whole story. Then a forced door raises an alarm that is acknowledged with a
/// note and reset by the entrance. Once in Chinese, the console's default, and once in English.
/// </summary>
public sealed partial class ConsoleBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ConsoleSite _site = null!;

    public async Task InitializeAsync() => _site = await ConsoleSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private SimulatedBoard Board(string device) => _site.Site.Board(device)!;

    private async Task PressAsync(string device, InputFunction button)
    {
        Board(device).Set(button, true);
        await Task.Delay(300);
        Board(device).Set(button, false);
    }

    private static async Task Until(Func<bool> condition, string what, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("waited " + seconds + " s for: " + what);
            await Task.Delay(20);
        }
    }

    private static Task<RingState> RingAsync(IPage page) => page.EvaluateAsync<RingState>("() => window.kioskRing.state()");

    /// <summary>console.js's kioskRing.state(): what the tests can observe of the ring (they cannot hear it).</summary>
    private sealed class RingState
    {
        public bool Ringing { get; set; }
        public string Audio { get; set; } = "";
        public int Chimes { get; set; }
        public int Notified { get; set; }
        public string Permission { get; set; } = "";
    }

    /// <summary>The page's visible text (but the entrances' own records) has no wire codes (LOCKED_CLOSED, forced-open, bad-signature) and, in Chinese, no English words.</summary>
    private static async Task AssertSpeaksChineseAsync(IPage page)
    {
        // Without what an entrance or the audit recorded in its own words (marked data-raw: details, sources).
        var text = await page.EvaluateAsync<string>("() => { const b = document.body.cloneNode(true); b.querySelectorAll('[data-raw]').forEach(e => e.remove()); document.documentElement.appendChild(b); const t = b.innerText; b.remove(); return t; }");
        Assert.DoesNotMatch(WireCode(), text);
        // What may stay Latin on a Chinese screen: sign-in names, ids, units, the plate's letters, the brand of the link (CSV, KB, ID).
        var latin = LatinWords().Matches(text).Select(m => m.Value).Distinct()
            .Except(["li", "wang", "chen", "CSV", "KB", "English", "maple-court", "main-gate", "side-gate", "building-1", "building-2", "kiosk-provision", "export", "JSON"]);
        Assert.Empty(latin.Except(latin.Where(w => Regex.IsMatch(w, "^(req|sim|fw)|^[A-Z]$|\\d"))));
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
    }

    [GeneratedRegex("\\b(LOCKED_CLOSED|OPEN_AUTHORISED|DOOR_OPEN_TOO_LONG|FORCED_OPEN|FREE_ACCESS|LOCK_DOWN|DOOR_FAULT|UNLOCKED|forced-open|bad-signature|failed-offline)\\b")]
    private static partial Regex WireCode();

    [GeneratedRegex("[A-Za-z][A-Za-z.-]{1,}")]
    private static partial Regex LatinWords();

    [Fact]
    public async Task A_visitor_call_in_chinese_is_answered_registered_and_let_in_and_a_forced_door_is_acknowledged()
    {
        var li = await _site.SignInAsync("li");
        var wang = await _site.SignInAsync("wang");
        // Wang's console is in a background tab with notifications allowed: the call must reach him there too.
        await wang.Context.GrantPermissionsAsync(["notifications"]);
        await wang.EvaluateAsync("() => { Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' }); document.dispatchEvent(new Event('visibilitychange')); }");
        await li.ClickAsync("[data-test=shift]:has-text('开始值班')");
        await li.WaitForSelectorAsync("[data-test=on-duty]:has-text('在岗：李伟')");
        await li.WaitForSelectorAsync("article[data-device=main-gate] [data-test=connection]:has-text('在线')");
        await li.WaitForSelectorAsync("article[data-device=main-gate] [data-test=door]:has-text('门已锁闭')");
        Assert.Equal("已上锁", await li.InnerTextAsync("article[data-device=main-gate] [data-test=lock]"));
        await AssertSpeaksChineseAsync(li);
        await ConsoleSite.ShotAsync(li, "zh-CN/overview");

        // A visitor presses the button at 东门岗亭: both screens ring, the chime repeats, Wang's background tab notifies.
        await PressAsync("main-gate", InputFunction.CallButton);
        await li.WaitForSelectorAsync("[data-test=ringing]:has-text('东门岗亭')");
        await wang.WaitForSelectorAsync("[data-test=ringing]:has-text('东门岗亭')");
        await li.WaitForFunctionAsync("() => window.kioskRing.state().chimes >= 2"); // a chime every 1.5 s, until answered
        var ring = await RingAsync(li);
        Assert.True(ring.Ringing);
        Assert.Equal("running", ring.Audio);
        Assert.Equal("☎ 来电 — 值班室", await li.TitleAsync());
        var wangRing = await RingAsync(wang);
        Assert.True(wangRing.Ringing);
        Assert.Equal((1, "granted"), (wangRing.Notified, wangRing.Permission));
        await ConsoleSite.ShotAsync(li, "zh-CN/call-ringing");

        // Li answers; both stop ringing, Wang's screen shows the call taken by li.
        await li.ClickAsync("[data-test=answer]");
        await li.WaitForSelectorAsync("[data-test=my-call]");
        await wang.WaitForSelectorAsync("[data-test=ringing]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await wang.WaitForFunctionAsync("() => !window.kioskRing.ringing()");
        await li.WaitForFunctionAsync("() => !window.kioskRing.ringing()");
        var chimesWhenAnswered = (await RingAsync(li)).Chimes;
        await Task.Delay(1800);
        Assert.Equal(chimesWhenAnswered, (await RingAsync(li)).Chimes); // silent once answered
        // The ring's title is gone; what remains is the page's own (Blazor may have moved Li to the calls page meanwhile).
        var title = await li.TitleAsync();
        Assert.DoesNotContain("☎", title, StringComparison.Ordinal);
        Assert.EndsWith("值班室", title, StringComparison.Ordinal);
        await wang.ClickAsync("a[href='/calls']");
        await wang.WaitForSelectorAsync("[data-test=live-calls] [data-test=taken-by]:has-text('李伟')");
        await Until(() => Board("main-gate").Controller.Call.State == Kiosk.Core.Call.CallState.Connected, "the entrance shows the call connected");

        // A mistyped mobile number, plate and ID number: every mistake is named, nothing typed is lost, nothing is saved.
        await li.FillAsync("[data-test=visitor-name]", "李明");
        await li.FillAsync("[data-test=visitor-phone]", "1391234567");
        await li.FillAsync("[data-test=visitor-plate]", "苏E1234");
        await li.FillAsync("[data-test=visitor-building]", "3");
        await li.FillAsync("[data-test=visitor-unit]", "2");
        await li.FillAsync("[data-test=visitor-room]", "1502");
        await li.FillAsync("[data-test=visitor-reason]", "探亲");
        await li.FillAsync("[data-test=visitor-id]", "110105194912310021");
        await li.ClickAsync("[data-test=register]");
        await li.WaitForSelectorAsync("[data-test=visitor-problems]");
        var problems = await li.InnerTextAsync("[data-test=visitor-problems]");
        foreach (var said in new[] { "手机号码应为 11 位", "车牌号格式不对", "身份证号校验位不符" })
            Assert.Contains(said, problems, StringComparison.Ordinal);
        Assert.Equal("李明", await li.InputValueAsync("[data-test=visitor-name]"));
        Assert.Equal("苏E1234", await li.InputValueAsync("[data-test=visitor-plate]"));
        Assert.True(_site.Stores.Calls.Recent(1).Single().Visitor.IsEmpty);
        await li.ClickAsync("[data-test=open-door]"); // wrong details do not open the door either
        await li.WaitForSelectorAsync("[data-test=call-result]:has-text('尚未保存，也未开门')");
        Assert.False(Board("main-gate").LockReleased);

        await li.FillAsync("[data-test=visitor-phone]", "139 1234 5678");
        await li.FillAsync("[data-test=visitor-plate]", "苏E·12345");
        await li.FillAsync("[data-test=visitor-id]", "11010519491231002X");
        await li.ClickAsync("[data-test=register]");
        await li.WaitForSelectorAsync("[data-test=call-result]:has-text('访客已登记')");
        await li.WaitForSelectorAsync("[data-test=story] [data-test=visitor]:has-text('110105********002X')");
        Assert.Equal("", await li.InputValueAsync("[data-test=visitor-id]")); // the full number is not shown again
        await ConsoleSite.ShotAsync(li, "zh-CN/call-answered");
        await li.ClickAsync("[data-test=open-door]");
        await li.WaitForSelectorAsync("[data-test=call-result]:has-text('门已开锁')");
        Assert.True(Board("main-gate").LockReleased, "the lock relay is energised");

        // The visitor walks in; the door closes and relocks; Li ends the call.
        Board("main-gate").Set(InputFunction.DoorContact, true);
        await li.WaitForSelectorAsync("[data-test=story]:has-text('门已打开')");
        Board("main-gate").Set(InputFunction.DoorContact, false);
        await li.WaitForSelectorAsync("[data-test=story]:has-text('门已关闭')");
        await Until(() => !Board("main-gate").LockReleased, "the lock secure again");
        await li.ClickAsync("[data-test=end]");
        await li.WaitForSelectorAsync("[data-test=story]:has-text('呼叫已挂断')");

        var call = _site.Stores.Calls.Recent(1).Single();
        Assert.Equal(new Kiosk.DutyRoom.Data.Visitor("李明", "13912345678", "苏E·12345", "3", "2", "1502", "探亲", "110105********002X"), call.Visitor);
        await li.GotoAsync($"{_site.Url}/calls/main-gate/{call.CallId}");
        var story = await li.InnerTextAsync("[data-test=story]");
        foreach (var line in new[] { "访客按下呼叫键", "值班室响铃", "由 李伟 接听", "访客：李明，拜访 3栋2单元1502室，手机 13912345678，车牌 苏E·12345，身份证 110105********002X，事由：探亲",
            "由 李伟 开门：开锁结果 成功", "门已打开", "门已关闭", "呼叫已挂断" })
            Assert.Contains(line, story, StringComparison.Ordinal);
        Assert.Matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} 访客按下呼叫键", story);
        // The time shown is Beijing time, whatever the server's zone: the press happened within the last minute, at UTC+8.
        var shown = DateTime.ParseExact(Regex.Match(story, "(\\S+ \\S+) 访客按下呼叫键").Groups[1].Value, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(shown - DateTime.UtcNow.AddHours(8), TimeSpan.FromMinutes(-2), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("19491231", await li.ContentAsync(), StringComparison.Ordinal);
        await AssertSpeaksChineseAsync(li);
        output.WriteLine(story);
        await ConsoleSite.ShotAsync(li, "zh-CN/call-record");

        // Someone forces the door at 3栋1单元: the alarm appears; Li acknowledges it with a note.
        Board("building-1").Set(InputFunction.DoorContact, true);
        await li.GotoAsync(_site.Url + "/alarms");
        await li.WaitForSelectorAsync("[data-test=open-alarms] tr[data-alarm=forced-open]:has-text('门被强行打开')");
        Board("building-1").Set(InputFunction.DoorContact, false);
        await li.WaitForSelectorAsync("[data-test=open-alarms] tr[data-alarm=forced-open] [data-test=alarm-now]:has-text('已恢复')");
        await AssertSpeaksChineseAsync(li);
        await ConsoleSite.ShotAsync(li, "zh-CN/alarms");
        await li.FillAsync("tr[data-alarm=forced-open] [data-test=ack-note]", "已看监控：住户小孩推开的，门已关好");
        await li.ClickAsync("tr[data-alarm=forced-open] [data-test=ack]");
        await li.WaitForSelectorAsync("[data-test=no-alarms]");
        await Until(() => Board("building-1").Controller.Alarms.LatchedCount == 0, "the entrance reset its latched alarm");
        foreach (var page in new[] { "/events", "/calls", "/devices" })
        {
            await li.GotoAsync(_site.Url + page);
            await li.WaitForSelectorAsync("[data-test=broker][data-connected=yes]");
            await AssertSpeaksChineseAsync(li);
        }

        var audit = _site.Stores.Audit.Recent().Select(a => a.Action + " " + a.Result).ToList();
        foreach (var action in new[] { "signin ok", "shift.start ok", "call.answer ok", "call.register ok", "call.open ok", "call.end ok", "alarm.ack ok" })
            Assert.Contains(action, audit);
        Assert.DoesNotContain(_site.Stores.Audit.Recent(), a => a.Detail.Contains("李明", StringComparison.Ordinal)); // visitor details live in the call record only
    }

    [Fact]
    public async Task An_operator_switches_to_english_and_works_a_call_in_it()
    {
        var chen = await _site.SignInAsync("chen", locale: "zh-CN");
        Assert.Equal("zh-CN", await chen.GetAttributeAsync("html", "lang"));
        await chen.ClickAsync("[data-test=language-en]");
        await chen.WaitForSelectorAsync("html[lang=en]");
        await chen.WaitForSelectorAsync("[data-test=broker][data-connected=yes]");
        Assert.Equal("en", _site.Stores.Operators.Find("chen")!.Language);
        Assert.Contains(_site.Stores.Audit.Recent(), a => a is { Action: "operator.language", Detail: "en" });
        await chen.ClickAsync("[data-test=shift]:has-text('Start my shift')");
        await chen.WaitForSelectorAsync("[data-test=on-duty]:has-text('On duty: 陈杰')");
        await chen.WaitForSelectorAsync("article[data-device=main-gate] [data-test=door]:has-text('locked and closed')");
        Assert.DoesNotContain("LOCKED_CLOSED", await chen.InnerTextAsync("body"), StringComparison.Ordinal);
        await ConsoleSite.ShotAsync(chen, "overview");

        await PressAsync("main-gate", InputFunction.CallButton);
        await chen.WaitForSelectorAsync("[data-test=ringing]:has-text('Visitor calling at 东门岗亭')");
        await chen.WaitForFunctionAsync("() => window.kioskRing.state().chimes >= 1");
        await ConsoleSite.ShotAsync(chen, "call-ringing");
        await chen.ClickAsync("[data-test=answer]");
        await chen.WaitForSelectorAsync("[data-test=my-call]");
        await Until(() => Board("main-gate").Controller.Call.State == Kiosk.Core.Call.CallState.Connected, "the entrance shows the call connected");
        await chen.FillAsync("[data-test=visitor-name]", "Zhang San");
        await chen.FillAsync("[data-test=visitor-phone]", "138 0013 8000");
        await chen.FillAsync("[data-test=visitor-plate]", "苏EF12345");
        await chen.FillAsync("[data-test=visitor-building]", "3");
        await chen.FillAsync("[data-test=visitor-room]", "1502");
        await chen.FillAsync("[data-test=visitor-reason]", "parcel delivery");
        await chen.ClickAsync("[data-test=register]");
        await chen.WaitForSelectorAsync("[data-test=call-result]:has-text('visitor registered')");
        await ConsoleSite.ShotAsync(chen, "call-answered");
        await chen.ClickAsync("[data-test=open-door]");
        await chen.WaitForSelectorAsync("[data-test=call-result]:has-text('door unlocked')");
        Board("main-gate").Set(InputFunction.DoorContact, true);
        await chen.WaitForSelectorAsync("[data-test=story]:has-text('Door opened at')");
        Board("main-gate").Set(InputFunction.DoorContact, false);
        await chen.WaitForSelectorAsync("[data-test=story]:has-text('Door closed at')");
        await chen.ClickAsync("[data-test=end]");
        await chen.WaitForSelectorAsync("[data-test=story]:has-text('Call ended at')");

        var call = _site.Stores.Calls.Recent(1).Single();
        await chen.GotoAsync($"{_site.Url}/calls/main-gate/{call.CallId}");
        var story = await chen.InnerTextAsync("[data-test=story]");
        foreach (var line in new[] { "Pressed at", "Rang in the duty room at", "Answered by 陈杰", "Visitor: Zhang San, visiting Building 3, room 1502, mobile 13800138000, plate 苏E·F12345, reason: parcel delivery",
            "Door opened by 陈杰", ": unlock ok", "Door opened at", "Door closed at", "Call ended at" })
            Assert.Contains(line, story, StringComparison.Ordinal);
        await ConsoleSite.ShotAsync(chen, "call-record");

        Board("building-1").Set(InputFunction.DoorContact, true);
        await chen.GotoAsync(_site.Url + "/alarms");
        await chen.WaitForSelectorAsync("[data-test=open-alarms] tr[data-alarm=forced-open]:has-text('door forced open')");
        Board("building-1").Set(InputFunction.DoorContact, false);
        await chen.WaitForSelectorAsync("[data-test=open-alarms] tr[data-alarm=forced-open] [data-test=alarm-now]:has-text('restored')");
        await ConsoleSite.ShotAsync(chen, "alarms");

        // Signed out, the sign-in page remembers English for this PC (the cookie), whatever the browser asks for.
        await chen.ClickAsync("form[action='/auth/signout'] button");
        await chen.WaitForSelectorAsync("input[name=username]");
        Assert.Equal("en", await chen.GetAttributeAsync("html", "lang"));
        Assert.Contains("Sign in", await chen.InnerTextAsync("form.signin"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_follows_the_browser_s_language_a_wrong_password_is_refused_and_an_operator_cannot_reach_admin_pages()
    {
        foreach (var (locale, lang, button) in new[] { ("zh-CN", "zh-CN", "登录"), ("zh", "zh-CN", "登录"), ("en-GB", "en", "Sign in"), ("fr-FR", "zh-CN", "登录") })
        {
            var browser = await _site.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale });
            var signin = await browser.NewPageAsync();
            await signin.GotoAsync(_site.Url + "/signin");
            Assert.Equal(lang, await signin.GetAttributeAsync("html", "lang"));
            Assert.Equal(button, await signin.InnerTextAsync("button.primary"));
            await browser.CloseAsync();
        }

        var context = await _site.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_site.Url + "/signin");
        await page.FillAsync("input[name=username]", "li");
        await page.FillAsync("input[name=password]", "not-the-password");
        await page.ClickAsync("form[action='/auth/signin'] button[type=submit]");
        await page.WaitForSelectorAsync("[data-test=signin-error]:has-text('用户名或密码错误')");
        Assert.Contains(_site.Stores.Audit.Recent(), a => a is { Actor: "li", Action: "signin", Result: "refused" });
        // Before sign-in the language buttons set the cookie; the page answers in English from then on.
        await page.ClickAsync("[data-test=language-en]");
        await page.WaitForSelectorAsync("html[lang=en]");
        await page.WaitForSelectorAsync("button.primary:has-text('Sign in')");

        var li = await _site.SignInAsync("li");
        Assert.Equal(0, await li.Locator("a[href='/operators']").CountAsync());
        Assert.Equal(0, await li.Locator("article[data-device=main-gate] [data-test=open]").CountAsync()); // door control is for administrators
        var chen = await _site.SignInAsync("chen");
        await chen.ClickAsync("article[data-device=side-gate] [data-test=open]");
        await chen.WaitForSelectorAsync("[data-test=door-result]:has-text('西门岗亭：开门：成功')");
        Assert.True(_site.Site.Board("side-gate")!.LockReleased);
    }
}
