using System;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.HostSim.Simulation;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace Kiosk.DutyRoom.Tests.Browser;

/// <summary>
/// Operators at work in a real browser (Debian's Chromium, headless) on the console, with simulated
/// entrances behind a real broker: a visitor calls, the call rings on both operators' screens, one
/// answers (the other sees it taken), registers the visitor and opens; the simulated lock energises,
/// the door opens and closes, and the call record tells the whole story. Then a forced door raises
/// an alarm that is acknowledged with a note and reset by the entrance.
/// </summary>
public sealed class ConsoleBrowserTests(ITestOutputHelper output) : IAsyncLifetime
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

    [Fact]
    public async Task A_visitor_call_is_answered_registered_and_let_in_and_a_forced_door_is_acknowledged()
    {
        var li = await _site.SignInAsync("li");
        var wang = await _site.SignInAsync("wang");
        await li.ClickAsync("[data-test=shift]");
        await li.WaitForSelectorAsync("[data-test=on-duty]:has-text('Li Wei')");
        await li.WaitForSelectorAsync("article[data-device=main-gate] [data-test=connection]:has-text('online')");
        await ConsoleSite.ShotAsync(li, "overview");

        // A visitor presses the button at the main gate: both screens ring, with sound.
        await PressAsync("main-gate", InputFunction.CallButton);
        await li.WaitForSelectorAsync("[data-test=ringing]:has-text('Main gate')");
        await wang.WaitForSelectorAsync("[data-test=ringing]:has-text('Main gate')");
        await li.WaitForFunctionAsync("() => window.kioskRing.ringing()");
        Assert.True(await wang.EvaluateAsync<bool>("() => window.kioskRing.ringing()"));
        await ConsoleSite.ShotAsync(li, "call-ringing");

        // Li answers; Wang's screen stops ringing and shows the call taken by li.
        await li.ClickAsync("[data-test=answer]");
        await li.WaitForSelectorAsync("[data-test=my-call]");
        await wang.WaitForSelectorAsync("[data-test=ringing]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        Assert.False(await wang.EvaluateAsync<bool>("() => window.kioskRing.ringing()"));
        await wang.ClickAsync("a[href='/calls']");
        await wang.WaitForSelectorAsync("[data-test=live-calls] [data-test=taken-by]:has-text('li')");
        await Until(() => Board("main-gate").Controller.Call.State == Kiosk.Core.Call.CallState.Connected, "the entrance shows the call connected");

        // Register the visitor and open: the simulated lock energises.
        await li.FillAsync("[data-test=visitor-name]", "Zhang San");
        await li.FillAsync("[data-test=visitor-unit]", "Building 3, 1502");
        await li.FillAsync("[data-test=visitor-phone]", "138 0013 8000");
        await li.FillAsync("[data-test=visitor-reason]", "parcel delivery");
        await li.ClickAsync("[data-test=register]");
        await li.WaitForSelectorAsync("[data-test=call-result]:has-text('visitor registered: Zhang San')");
        await ConsoleSite.ShotAsync(li, "call-answered");
        await li.ClickAsync("[data-test=open-door]");
        await li.WaitForSelectorAsync("[data-test=call-result]:has-text('door unlocked')");
        Assert.True(Board("main-gate").LockReleased, "the lock relay is energised");

        // The visitor walks in; the door closes and relocks; Li ends the call.
        Board("main-gate").Set(InputFunction.DoorContact, true);
        await li.WaitForSelectorAsync("[data-test=story]:has-text('Door opened at')");
        Board("main-gate").Set(InputFunction.DoorContact, false);
        await li.WaitForSelectorAsync("[data-test=story]:has-text('Door closed at')");
        await Until(() => !Board("main-gate").LockReleased, "the lock secure again");
        await li.ClickAsync("[data-test=end]");
        await li.WaitForSelectorAsync("[data-test=story]:has-text('Call ended at')");

        var call = _site.Stores.Calls.Recent(1).Single();
        await li.GotoAsync($"{_site.Url}/calls/main-gate/{call.CallId}");
        var story = await li.InnerTextAsync("[data-test=story]");
        foreach (var line in new[] { "Pressed at", "Rang in the duty room at", "Answered by li", "Visitor: Zhang San for Building 3, 1502", "Door opened by li", "unlock ok", "Door opened at", "Door closed at", "Call ended at" })
            Assert.Contains(line, story, StringComparison.Ordinal);
        output.WriteLine(story);
        await ConsoleSite.ShotAsync(li, "call-record");

        // Someone forces the door at building 1: the alarm appears; Li acknowledges it with a note.
        Board("building-1").Set(InputFunction.DoorContact, true);
        await li.GotoAsync(_site.Url + "/alarms");
        await li.WaitForSelectorAsync("[data-test=open-alarms] tr[data-alarm=forced-open]");
        Board("building-1").Set(InputFunction.DoorContact, false);
        await li.WaitForSelectorAsync("[data-test=open-alarms] tr[data-alarm=forced-open]:has-text('restored')");
        await ConsoleSite.ShotAsync(li, "alarms");
        await li.FillAsync("tr[data-alarm=forced-open] [data-test=ack-note]", "checked on camera: a resident's child, door shut again");
        await li.ClickAsync("tr[data-alarm=forced-open] [data-test=ack]");
        await li.WaitForSelectorAsync("[data-test=no-alarms]");
        await Until(() => Board("building-1").Controller.Alarms.LatchedCount == 0, "the entrance reset its latched alarm");

        var audit = _site.Stores.Audit.Recent().Select(a => a.Action + " " + a.Result).ToList();
        foreach (var action in new[] { "signin ok", "shift.start ok", "call.answer ok", "call.register ok", "call.open ok", "call.end ok", "alarm.ack ok" })
            Assert.Contains(action, audit);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_audited_and_an_operator_cannot_reach_admin_pages()
    {
        var context = await _site.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_site.Url + "/signin");
        await page.FillAsync("input[name=username]", "li");
        await page.FillAsync("input[name=password]", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[data-test=signin-error]");
        Assert.Contains(_site.Stores.Audit.Recent(), a => a is { Actor: "li", Action: "signin", Result: "refused" });

        var li = await _site.SignInAsync("li");
        Assert.Equal(0, await li.Locator("a[href='/operators']").CountAsync());
        Assert.Equal(0, await li.Locator("article[data-device=main-gate] [data-test=open]").CountAsync()); // door control is for administrators
        var chen = await _site.SignInAsync("chen");
        await chen.ClickAsync("article[data-device=side-gate] [data-test=open]");
        await chen.WaitForSelectorAsync("[data-test=door-result]:has-text('unlock')");
        Assert.True(_site.Site.Board("side-gate")!.LockReleased);
    }
}
