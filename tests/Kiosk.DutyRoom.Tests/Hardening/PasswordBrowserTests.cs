using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Tests.Browser;
using Microsoft.Playwright;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Hardening;

/// <summary>
/// Issue 20: "no way to change or reset a password in the console or on the command line". An
/// operator changes their own (the current one first), an administrator resets another's on the
/// Operators page, and the console's `reset-password` command resets one on its own machine.
/// </summary>
public sealed class PasswordBrowserTests : IAsyncLifetime
{
    private ConsoleSite _site = null!;

    public async Task InitializeAsync() => _site = await ConsoleSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private async Task<string> SignInWithAsync(string username, string password)
    {
        var context = await _site.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_site.Url + "/signin");
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("form[action='/auth/signin'] button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var where = new Uri(page.Url).PathAndQuery;
        await context.CloseAsync();
        return where;
    }

    [Fact]
    public async Task An_operator_changes_their_password_an_administrator_resets_one_and_the_command_line_too()
    {
        var li = await _site.SignInAsync("li");
        await li.ClickAsync("[data-test=account]");
        await li.WaitForSelectorAsync("header[data-interactive=yes] [data-test=broker][data-connected=yes]");
        await li.FillAsync("[data-test=current-password]", "not-my-password");
        await li.FillAsync("[data-test=new-password]", "li-new-password-1");
        await li.FillAsync("[data-test=repeat-password]", "li-new-password-1");
        await li.ClickAsync("[data-test=change-password]");
        await li.WaitForSelectorAsync("[data-test=account-result][data-result=bad]");
        await li.FillAsync("[data-test=current-password]", ConsoleSite.Password);
        await li.FillAsync("[data-test=new-password]", "li-new-password-1");
        await li.FillAsync("[data-test=repeat-password]", "li-new-password-1");
        await li.ClickAsync("[data-test=change-password]");
        await li.WaitForSelectorAsync("[data-test=account-result][data-result=ok]");
        Assert.Equal("/signin?error=wrong", await SignInWithAsync("li", ConsoleSite.Password));
        Assert.Equal("/", await SignInWithAsync("li", "li-new-password-1"));

        var wang = await _site.SignInAsync("wang"); // signed in before the reset: that session ends at once
        var chen = await _site.SignInAsync("chen");
        await chen.GotoAsync(_site.Url + "/operators");
        await chen.WaitForSelectorAsync("header[data-interactive=yes] [data-test=broker][data-connected=yes]");
        await chen.ClickAsync("[data-test=reset-wang]");
        await chen.FillAsync("[data-test=reset-password]", "wang-reset-2026");
        await chen.ClickAsync("[data-test=reset-save]");
        await chen.WaitForSelectorAsync("[data-test=operators-result][data-result=ok]:has-text('王芳')");
        await wang.WaitForSelectorAsync("input[name=username]", new PageWaitForSelectorOptions { Timeout = 8_000 });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (System.Net.HttpStatusCode)(await wang.APIRequest.GetAsync(_site.Url + "/calls", new() { MaxRedirects = 0 })).Status);
        Assert.Equal("/", await SignInWithAsync("wang", "wang-reset-2026"));
        Assert.Contains(_site.Stores.Audit.Recent(), a => a is { Actor: "chen", Action: "operator.password-reset", Target: "wang", Result: "ok" });

        // On the console's machine: `Kiosk.DutyRoom reset-password --data DIR --user chen`, the password on standard input.
        var dll = Path.Combine(AppContext.BaseDirectory, "Kiosk.DutyRoom.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", dll, "reset-password", "--data", _site.Site.DutyRoom!.DataFolder, "--user", "chen"])
            { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var cli = Process.Start(start)!;
        await cli.StandardInput.WriteLineAsync("chen-from-the-shell");
        cli.StandardInput.Close();
        var said = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync();
        Assert.True(cli.ExitCode == 0, said + await cli.StandardError.ReadToEndAsync());
        Assert.Contains("password of 'chen' reset", said, StringComparison.Ordinal);
        Assert.Equal("/", await SignInWithAsync("chen", "chen-from-the-shell"));
        Assert.Contains(_site.Stores.Audit.Recent(), a => a is { Actor: "(command line)", Action: "operator.password-reset", Target: "chen" });
    }
}
