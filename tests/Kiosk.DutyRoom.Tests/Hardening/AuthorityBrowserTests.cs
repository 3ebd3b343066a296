using System;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.DutyRoom.Auth;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Desk;
using Kiosk.DutyRoom.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Hardening;

/// <summary>
/// Issue 20's most serious finding, in a real browser with two signed-in operators: authority must
/// not outlive the account. A demoted or disabled administrator's open tab loses its powers at once;
/// an action from a tab that has not heard of the change yet is refused on the server when it runs;
/// a disabled operator's tab stops ringing and cannot take the call.
/// </summary>
public sealed class AuthorityBrowserTests : IAsyncLifetime
{
    private ConsoleSite _site = null!;

    public async Task InitializeAsync()
    {
        _site = await ConsoleSite.StartAsync();
        _site.Stores.Operators.Create("zhao", "赵强", ConsoleSite.Password, Roles.Administrator, DateTimeOffset.UtcNow);
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    /// <summary>Opens a page and waits until its live connection is up (the buttons are wired).</summary>
    private async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(_site.Url + path);
        await page.WaitForSelectorAsync("header[data-interactive=yes] [data-test=broker][data-connected=yes]");
    }

    private T Service<T>() where T : notnull => _site.Site.DutyRoom!.Services.GetRequiredService<T>();

    [Fact]
    public async Task A_demoted_administrator_s_open_operators_tab_loses_its_powers_at_once_and_the_last_administrator_stays()
    {
        var chen = await _site.SignInAsync("chen");
        var zhao = await _site.SignInAsync("zhao");
        var zhaoAsHeOpened = _site.Stores.Operators.Find("zhao")!;
        await OpenAsync(zhao, "/operators");
        await zhao.WaitForSelectorAsync("[data-test=toggle-chen]");
        await OpenAsync(chen, "/operators");

        await chen.ClickAsync("[data-test=role-zhao]");
        await chen.WaitForSelectorAsync("[data-test=operators-result][data-result=ok]");
        // Zhao's open tab drops the page at once (no reload by him): he must sign in again, as an operator now.
        await zhao.WaitForSelectorAsync("input[name=username]", new PageWaitForSelectorOptions { Timeout = 8_000 });
        Assert.Equal(0, await zhao.Locator("[data-test=toggle-chen]").CountAsync());
        // And the server refuses what the stale tab would have done, whatever the screen showed.
        Assert.Null(Service<OperatorGuard>().Allow(zhaoAsHeOpened, "operator.disable", "chen", administrator: true));
        Assert.Contains(_site.Stores.Audit.Recent(), a => a is { Actor: "zhao", Action: "operator.disable", Result: "refused" });

        // Chen is now the last administrator: nobody can disable or demote him, not even by the store.
        Assert.Throws<InputRefusedException>(() => _site.Stores.Operators.SetDisabled("chen", true));
        Assert.True(_site.Stores.Operators.Find("chen")!.IsAdministrator);

        // Signed in again, Zhao is an operator: the admin page says he may not, instead of sending him away.
        var zhaoAgain = await _site.SignInAsync("zhao");
        await zhaoAgain.GotoAsync(_site.Url + "/operators");
        await zhaoAgain.WaitForSelectorAsync("[data-test=not-allowed]");
        Assert.Equal(0, await zhaoAgain.Locator("[data-test=operators]").CountAsync());
    }

    [Fact]
    public async Task A_disabled_administrator_s_open_entrances_tab_cannot_open_a_gate()
    {
        // Announced changes reach the tab at once; this one is made straight in the database (another
        // console, the command line), which the tab hears of only at its next check: the click in between
        // must be refused by the server, and the lock must stay locked.
        Service<ConsoleOptions>().AccountRecheckSeconds = 600;
        var zhao = await _site.SignInAsync("zhao");
        await zhao.WaitForSelectorAsync("article[data-device=side-gate] [data-test=open]");
        _site.Stores.Operators.SetDisabled("zhao", true);

        await zhao.ClickAsync("article[data-device=side-gate] [data-test=open]");
        await zhao.WaitForSelectorAsync("[data-test=door-result][data-result=bad]");
        Assert.Contains("无权操作", await zhao.InnerTextAsync("[data-test=door-result]"), StringComparison.Ordinal);
        await Task.Delay(1000);
        Assert.False(_site.Site.Board("side-gate")!.LockReleased);
        Assert.Contains(_site.Stores.Audit.Recent(), a => a is { Actor: "zhao", Action: "door.open", Result: "refused" });

        // Disabled from the Operators page (announced): his second tab loses the door buttons at once.
        _site.Stores.Operators.SetDisabled("zhao", false);
        var zhao2 = await _site.SignInAsync("zhao");
        await zhao2.WaitForSelectorAsync("article[data-device=side-gate] [data-test=open]");
        var chen = await _site.SignInAsync("chen");
        await OpenAsync(chen, "/operators");
        await chen.ClickAsync("[data-test=toggle-zhao]");
        await chen.WaitForSelectorAsync("[data-test=operators-result][data-result=ok]");
        await zhao2.WaitForSelectorAsync("input[name=username]", new PageWaitForSelectorOptions { Timeout = 8_000 });
        var stale = _site.Stores.Operators.FindIncludingDisabled("zhao")! with { Disabled = false };
        var refused = await Service<DoorDesk>().OpenAsync(stale, "side-gate");
        Assert.False(refused.Ok);
        Assert.False(_site.Site.Board("side-gate")!.LockReleased);
    }

    [Fact]
    public async Task A_disabled_operator_s_open_tab_stops_ringing_and_cannot_answer()
    {
        Service<ConsoleOptions>().AccountRecheckSeconds = 600; // only the click's own check stands between him and the call
        var li = await _site.SignInAsync("li");
        var wang = await _site.SignInAsync("wang");
        _site.Site.Board("main-gate")!.Set(InputFunction.CallButton, true);
        await Task.Delay(300);
        _site.Site.Board("main-gate")!.Set(InputFunction.CallButton, false);
        await li.WaitForSelectorAsync("[data-test=ringing]");
        await wang.WaitForSelectorAsync("[data-test=ringing]");
        await wang.WaitForFunctionAsync("() => window.kioskRing.ringing()");

        // Wang is disabled behind his tab's back and answers before it hears: the server refuses, the call stays free.
        _site.Stores.Operators.SetDisabled("wang", true);
        await wang.ClickAsync("[data-test=answer]");
        await wang.WaitForSelectorAsync("[data-test=banner-message]:has-text('无权操作')");
        var call = _site.Stores.Calls.Live().Single();
        Assert.Null(call.AnsweredBy);
        // The change announced (as the Operators page does): his tab stops ringing and leaves the console at once; Li's still rings.
        Service<OperatorGuard>().AccountChanged("wang");
        await wang.WaitForSelectorAsync("input[name=username]", new PageWaitForSelectorOptions { Timeout = 8_000 });
        Assert.False(await wang.EvaluateAsync<bool>("() => window.kioskRing.ringing()"));
        Assert.True(await li.EvaluateAsync<bool>("() => window.kioskRing.ringing()"));

        await li.ClickAsync("[data-test=answer]");
        await li.WaitForSelectorAsync("[data-test=my-call]");
        Assert.Equal("li", _site.Stores.Calls.Get("main-gate", call.CallId)!.AnsweredBy);
        Assert.Contains(_site.Stores.Audit.Recent(), a => a is { Actor: "wang", Action: "call.answer", Result: "refused" });
    }

    [Fact]
    public async Task A_change_nobody_announced_reaches_an_open_tab_at_its_next_check()
    {
        // Another console on the same database, or the command line, changed the account: the tab re-checks on its own.
        Service<ConsoleOptions>().AccountRecheckSeconds = 2;
        var zhao = await _site.SignInAsync("zhao");
        await zhao.WaitForSelectorAsync("article[data-device=side-gate] [data-test=open]");
        _site.Stores.Operators.SetRole("zhao", Roles.Operator);
        await zhao.WaitForSelectorAsync("input[name=username]", new PageWaitForSelectorOptions { Timeout = 20_000 });
        Assert.Equal(0, await zhao.Locator("[data-test=open]").CountAsync());
    }
}
