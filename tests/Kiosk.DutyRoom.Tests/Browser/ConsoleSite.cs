using Kiosk.DutyRoom.Tests.Support;
using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Kiosk.HostSim.Site;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kiosk.DutyRoom.Tests.Browser;

/// <summary>
/// The whole thing a duty room sees: host-sim's four simulated entrances on the embedded broker,
/// the real console beside them (as `dotnet run --project host-sim` starts it), two operators and an
/// administrator, and Debian's Chromium driven headless by Playwright.
/// </summary>
public sealed class ConsoleSite : IAsyncDisposable
{
    public const string Password = "night-shift-2026";
    private readonly string _data = Directory.CreateTempSubdirectory("kiosk-console-site-").FullName;

    public SimulatedSite Site { get; private set; } = null!;
    public Stores Stores { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string Url => Site.DutyRoom!.Url;

    /// <summary>Where screenshots go: artifacts/screenshots (the operator guide's pictures come from here).</summary>
    public static string Screenshots { get; } = Path.Combine(FindRepo(), "artifacts", "screenshots");

    public static readonly (string Device, string Label)[] Labels =
        [("main-gate", "东门岗亭"), ("side-gate", "西门岗亭"), ("building-1", "3栋1单元"), ("building-2", "5栋2单元")];

    /// <param name="moreSites">further estates on the same broker and console (issue 16), as host-sim's --site given again: folders under host-sim (site-gh)</param>
    public static async Task<ConsoleSite> StartAsync(params string[] moreSites)
    {
        var site = new ConsoleSite();
        var options = new SiteOptions { DataFolder = site._data, Boards = 4, Speed = 1, Console = true, ConsolePort = FreePort() };
        foreach (var folder in moreSites)
            options.MoreSiteFolders.Add(Path.Combine(AppContext.BaseDirectory, folder));
        site.Site = await SimulatedSite.StartAsync(options);
        site.Stores = site.Site.DutyRoom!.Services.GetRequiredService<Stores>();
        var now = DateTimeOffset.UtcNow;
        // Chinese display names; sign-in names stay a-z (they go into each command's 'from').
        site.Stores.Operators.Create("li", "李伟", Password, Roles.Operator, now);
        site.Stores.Operators.Create("wang", "王芳", Password, Roles.Operator, now);
        site.Stores.Operators.Create("chen", "陈杰", Password, Roles.Administrator, now);
        // Gates are named in Chinese, as on a real estate (host-sim labels them in English).
        foreach (var (device, label) in Labels)
            site.Stores.Db.Execute("UPDATE devices SET label = @label WHERE device = @device", ("@label", label), ("@device", device));
        site.Site.DutyRoom!.Services.GetRequiredService<Kiosk.DutyRoom.Live.LiveSite>().SyncRegistry(site.Stores.Devices, site.Stores.Archive);
        site.Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        site.Browser = await site.Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // As root in a closed network: no sandbox, no Google services; the ring may sound without a click.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"],
        });
        Directory.CreateDirectory(Path.Combine(Screenshots, "zh-CN"));
        return site;
    }

    /// <summary>
    /// A browser window of its own (its own cookies), signed in as <paramref name="username"/>. The
    /// browser asks for English (Accept-Language en-US, as Debian's Chromium does out of the box):
    /// a signed-in operator still gets the console's default, Chinese, unless they chose English.
    /// </summary>
    public async Task<IPage> SignInAsync(string username, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 }, Locale = locale });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(Url + "/");
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("form[action='/auth/signin'] button[type=submit]");
        // Sign-in costs a deliberate PBKDF2 check and a fresh circuit: under CI's parallel load that alone has taken over 15 s.
        await page.WaitForURLAsync(Url + "/", new PageWaitForURLOptions { Timeout = 45_000 });
        // The page is live once the circuit is up: Blazor has wired the buttons.
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('[data-test=broker]') !== null");
        await page.WaitForSelectorAsync("[data-test=broker][data-connected=yes]");
        // The header says when the page runs over its live connection (before that, clicks do nothing).
        await page.WaitForSelectorAsync("header[data-interactive=yes]");
        return page;
    }

    /// <summary>A full-page screenshot: English ones as artifacts/screenshots/NAME.png (docs/screenshots), Chinese ones under zh-CN/ (docs/zh-CN/screenshots).</summary>
    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    /// <summary>Does something at a door's access reader; the code of the access event the console archived for it.</summary>
    public async Task<int> SwipeAsync(string device, Action<Kiosk.HostSim.Simulation.SimulatedReader> swipe)
    {
        var before = Stores.Archive.Query(device, "access").Count;
        swipe(Site.Board(device)!.Pins.Reader!);
        await WaitAsync(() => Stores.Archive.Query(device, "access").Count > before, "the access event archived");
        return Stores.Archive.Query(device, "access").Skip(before).First().Code;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; a timeout names what was awaited.</summary>
    public static Task WaitAsync(Func<bool> condition, string what, int seconds = 30) => Eventually.HoldsAsync(condition, what, seconds);

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Site.DisposeAsync();
        // A live screen's last redraw (its timer, its account re-check) may still open the database while
        // the host stops and leave -wal/-shm files behind: clear the pools and try again for a few seconds.
        for (var attempt = 0; ; attempt++)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_data, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kiosk.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? AppContext.BaseDirectory;
    }
}
