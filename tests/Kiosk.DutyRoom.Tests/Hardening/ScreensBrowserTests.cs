using System;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Tests.Browser;
using Microsoft.Playwright;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Hardening;

/// <summary>
/// Issue 20's screens, as an operator sees them in Chromium: names not sign-in names, coloured bands
/// for how an action went, the unlock window counted down, "not allowed" on an administrator's page,
/// the visitor's plate in the list, dates written yyyy-MM-dd, and how long the visitor has waited.
/// </summary>
public sealed class ScreensBrowserTests : IAsyncLifetime
{
    private ConsoleSite _site = null!;

    public async Task InitializeAsync() => _site = await ConsoleSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private static Task<string> BackgroundAsync(IPage page, string selector) =>
        page.EvalOnSelectorAsync<string>(selector, "e => getComputedStyle(e).backgroundColor");

    private async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(_site.Url + path);
        await page.WaitForSelectorAsync("header[data-interactive=yes] [data-test=broker][data-connected=yes]");
    }

    [Fact]
    public async Task An_open_door_counts_its_unlock_window_down_in_a_green_band_and_a_refusal_shows_red()
    {
        var chen = await _site.SignInAsync("chen");
        await chen.WaitForSelectorAsync("article[data-device=side-gate] [data-test=open]");
        await chen.ClickAsync("article[data-device=side-gate] [data-test=open]");
        await chen.WaitForSelectorAsync("[data-test=door-result][data-result=ok]");
        Assert.Equal("rgb(223, 243, 228)", await BackgroundAsync(chen, "[data-test=door-result]"));
        var countdown = "article[data-device=side-gate] [data-test=countdown]";
        await chen.WaitForSelectorAsync(countdown);
        var first = await chen.InnerTextAsync(countdown);
        Assert.Matches("\\d+ 秒内不开门将自动上锁", first);
        await chen.WaitForFunctionAsync($"t => document.querySelector('{countdown}') && document.querySelector('{countdown}').textContent !== t", first);
        // The pulse ends, the lock is secure again: the countdown is gone.
        await chen.WaitForSelectorAsync(countdown, new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached, Timeout = 30_000 });

        await OpenAsync(chen, "/operators");
        await chen.FillAsync("[data-test=new-username]", "xu");
        await chen.FillAsync("[data-test=new-name]", "徐静");
        await chen.FillAsync("[data-test=new-password]", "short");
        await chen.PressAsync("[data-test=new-password]", "Tab");
        await chen.ClickAsync("[data-test=add-operator]");
        await chen.WaitForSelectorAsync("[data-test=operator-result][data-result=bad]");
        Assert.Equal("rgb(253, 231, 229)", await BackgroundAsync(chen, "[data-test=operator-result]"));
        await ConsoleSite.ShotAsync(chen, "zh-CN/operators-refused");
    }

    [Fact]
    public async Task Calls_show_names_plates_and_how_long_the_visitor_has_waited_and_dates_are_written_yyyy_mm_dd()
    {
        var s = _site.Stores;
        var pressed = DateTimeOffset.UtcNow.AddMinutes(-30);
        s.Calls.Progress("maple-court", "building-2", "old-1", "calling", pressed);
        s.Calls.Claim("building-2", "old-1", "wang", pressed.AddSeconds(15));
        s.Calls.Register("building-2", "old-1", VisitorRules.Check(new VisitorInput("张三", null, "苏E12345", "5", "2", "301", "送快递", null)));
        s.Calls.Progress("maple-court", "building-2", "old-1", "ended", pressed.AddMinutes(1));

        var li = await _site.SignInAsync("li");
        _site.Site.Board("main-gate")!.Set(InputFunction.CallButton, true);
        await Task.Delay(300);
        _site.Site.Board("main-gate")!.Set(InputFunction.CallButton, false);
        await li.WaitForSelectorAsync("[data-test=ringing] [data-test=waited]");
        var waited = await li.InnerTextAsync("[data-test=ringing] [data-test=waited]");
        Assert.Matches("^0:\\d\\d$", waited);
        await li.WaitForFunctionAsync("t => document.querySelector('[data-test=ringing] [data-test=waited]').textContent !== t", waited);

        await OpenAsync(li, "/calls");
        await li.WaitForSelectorAsync("[data-test=live-calls] [data-test=waited]");
        var row = "[data-test=recent-calls] tr[data-call=old-1]";
        Assert.Equal("王芳", await li.InnerTextAsync(row + " [data-test=answered-by]"));
        Assert.Equal("苏E·12345", await li.InnerTextAsync(row + " [data-test=plate]"));
        await OpenAsync(li, "/calls/building-2/old-1");
        Assert.Contains("由 王芳 接听", await li.InnerTextAsync("[data-test=story]"), StringComparison.Ordinal);

        // Dates: typed and shown as yyyy-MM-dd whatever the browser's locale (en-US here); a US date is refused in words.
        await OpenAsync(li, "/events");
        Assert.Equal("text", await li.GetAttributeAsync("[data-test=filter-from]", "type") ?? "text");
        Assert.Equal("yyyy-MM-dd", await li.GetAttributeAsync("[data-test=filter-from]", "placeholder"));
        await li.FillAsync("[data-test=filter-from]", "12/01/2026");
        await li.PressAsync("[data-test=filter-from]", "Tab");
        await li.WaitForSelectorAsync("[data-test=filter-from-bad]");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await li.FillAsync("[data-test=filter-from]", today);
        await li.PressAsync("[data-test=filter-from]", "Tab");
        await li.WaitForSelectorAsync("[data-test=filter-from-bad]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        Assert.Contains("from=" + today, await li.GetAttributeAsync("[data-test=csv]", "href") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_on_an_administrator_s_page_is_told_it_is_not_allowed()
    {
        var li = await _site.SignInAsync("li");
        await li.GotoAsync(_site.Url + "/operators");
        await li.WaitForSelectorAsync("[data-test=not-allowed]:has-text('此页面仅限管理员')");
        Assert.Equal(0, await li.Locator("[data-test=operators]").CountAsync());
        // Inside the live page too (no reload: the router answers).
        await OpenAsync(li, "/calls");
        await li.EvaluateAsync("() => Blazor.navigateTo('/audit')");
        await li.WaitForSelectorAsync("[data-test=not-allowed]");
        Assert.Equal(0, await li.Locator("[data-test=audit]").CountAsync());
    }
}
