using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Kiosk.DutyRoom;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Live;
using Kiosk.HostSim.Brokers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MQTTnet;
using MQTTnet.Protocol;

namespace Kiosk.Bench;

/// <summary>
/// The duty-room console at fleet size (issue 16): N entrances in the registry across S estates, their
/// retained births and states on a real broker (MQTTnet's, in this process), and C operators connected
/// as C real Blazor circuits (C Playwright contexts in Debian's Chromium, one window each). Half of them
/// are administrators on the overview of every site, half operators assigned one site each. Printed:
/// the console's memory (managed heap after a full GC, and this process's working set: the broker and
/// the console; Chromium runs in processes of its own), the time to draw the overview (all sites, one
/// site), how long a change at one entrance takes to reach every open screen, and the CPU the console
/// spends while every board heartbeats (N / 30 s) with all screens open.
/// </summary>
internal static class ConsoleScaleBench
{
    private const string Password = "fleet-size-2026";

    public static async Task RunAsync(int devices, int operators, int sites)
    {
        Console.WriteLine($"console at fleet size: {devices} entrances in {sites} sites, {operators} operators connected (Playwright contexts in Chromium)");
        var data = Directory.CreateTempSubdirectory("kiosk-console-bench-").FullName;
        var process = Process.GetCurrentProcess();
        await using var broker = new MqttNetBroker();
        await broker.StartAsync();
        var url = "http://127.0.0.1:" + FreePort().ToString(CultureInfo.InvariantCulture);
        var app = ConsoleApp.Build(new ConsoleOptions { DataFolder = data, Urls = url, BrokerHost = "127.0.0.1", BrokerPort = broker.Port, ClientId = "bench-console" });
        var stores = app.Services.GetRequiredService<Stores>();
        var live = app.Services.GetRequiredService<LiveSite>();

        var setup = Stopwatch.StartNew();
        var fleet = Fleet(devices, sites);
        foreach (var (site, device, label) in fleet)
            stores.Devices.Add(site, device, label, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), "bench", DateTimeOffset.UtcNow);
        var users = new List<(string User, string? Site)>();
        for (var i = 0; i < operators; i++)
        {
            var admin = i % 2 == 0;
            var user = (admin ? "admin" : "op") + i.ToString("00", CultureInfo.InvariantCulture);
            stores.Operators.Create(user, (admin ? "管理员" : "值班员") + i.ToString(CultureInfo.InvariantCulture), Password, admin ? Roles.Administrator : Roles.Operator, DateTimeOffset.UtcNow);
            var site = admin ? null : SiteId(i % sites);
            if (site is not null)
                stores.SiteAssignments.Assign(user, site, "bench", DateTimeOffset.UtcNow);
            users.Add((user, site));
        }
        Console.WriteLine($"  registry       {devices} entrances and {operators} operators in {setup.Elapsed.TotalSeconds:F1} s");

        GC.Collect();
        var heapBare = GC.GetTotalMemory(true);
        await app.StartAsync();

        // Every board's retained birth (with the estate's name) and state, as 5,000 boards would leave them on the broker.
        using var publisher = new MqttClientFactory().CreateMqttClient();
        await publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("bench-boards").Build());
        var publish = Stopwatch.StartNew();
        foreach (var (site, device, _) in fleet)
        {
            var n = int.Parse(site.AsSpan(5), CultureInfo.InvariantCulture);
            await Retain(publisher, $"kiosk/v1/{site}/{device}/status",
                $"{{\"v\":1,\"dev\":\"{device}\",\"state\":\"online\",\"boot\":1,\"conn\":1,\"ts\":\"{Iso()}\",\"fw\":\"0.6.0\",\"cfg\":1,\"siteName\":\"{SiteName(n)}\"}}");
            await Retain(publisher, $"kiosk/v1/{site}/{device}/state", State(device, "LOCKED_CLOSED"));
        }
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (live.Entrances.Count(e => e.Online && e.Door == "LOCKED_CLOSED") < devices && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Console.WriteLine($"  live picture   {live.Entrances.Count(e => e.Online)} of {devices} online in {publish.Elapsed.TotalSeconds:F1} s");
        GC.Collect();
        var heapLive = GC.GetTotalMemory(true);
        process.Refresh();
        Console.WriteLine($"  memory         managed heap {Mb(heapLive)} with the live picture ({Mb(heapLive - heapBare)} for it), working set {Mb(process.WorkingSet64)}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

        // C circuits: each signs in and draws its overview; the time is from navigation to the last card drawn.
        var pages = new List<(IPage Page, string? Site)>();
        var allSites = new List<double>();
        var oneSite = new List<double>();
        foreach (var (user, site) in users)
        {
            var page = await SignInAsync(browser, url, user);
            var expected = site is null ? ExpectedAllSites(devices) : devices / sites;
            var ms = await DrawAsync(page, url + "/", expected);
            (site is null ? allSites : oneSite).Add(ms);
            pages.Add((page, site));
        }
        Console.WriteLine($"  overview       all sites ({ExpectedAllSites(devices)} cards drawn): median {Median(allSites):F0} ms, max {allSites.Max():F0} ms; " +
            $"one site ({devices / sites} cards): median {Median(oneSite):F0} ms, max {oneSite.Max():F0} ms (navigation to the last card, {operators} circuits)");
        var admin0 = pages.First(p => p.Site is null).Page;
        var oneSiteAsAdmin = await DrawAsync(admin0, url + "/?site=" + SiteId(0), devices / sites);
        Console.WriteLine($"  overview       an administrator choosing one site: {oneSiteAsAdmin:F0} ms");
        await admin0.GotoAsync(url + "/");
        await admin0.WaitForSelectorAsync("[data-test=broker][data-connected=yes]");

        GC.Collect();
        var heapCircuits = GC.GetTotalMemory(true);
        process.Refresh();
        Console.WriteLine($"  memory         {operators} circuits open: managed heap {Mb(heapCircuits)} ({Mb((heapCircuits - heapLive) / operators)} per circuit), working set {Mb(process.WorkingSet64)}");

        // A door opens at the first entrance an administrator's overview shows: time until every screen showing it has it.
        var target = (await admin0.GetAttributeAsync("article.entrance", "data-device"))!;
        var targetSite = fleet.First(f => f.Device == target).Site;
        var seen = Stopwatch.StartNew();
        await Retain(publisher, $"kiosk/v1/{targetSite}/{target}/state", State(target, "OPEN_AUTHORISED"));
        var watchers = pages.Where(p => p.Site is null || p.Site == targetSite)
            .Select(async p => { await p.Page.WaitForSelectorAsync($"article[data-device={target}] [data-test=door][data-state=OPEN_AUTHORISED]", new() { Timeout = 120_000 }); return seen.Elapsed.TotalMilliseconds; })
            .ToList();
        var arrived = await Task.WhenAll(watchers);
        Console.WriteLine($"  live update    a door opening reached {arrived.Length} screens: median {Median(arrived):F0} ms, last {arrived.Max():F0} ms");

        // Steady state: every board heartbeats every 30 s (N/30 messages a second) with all screens open.
        var cpuBefore = process.TotalProcessorTime;
        var window = Stopwatch.StartNew();
        var sent = 0;
        var perSecond = Math.Max(1, devices / 30);
        while (window.Elapsed < TimeSpan.FromSeconds(30))
        {
            var second = Stopwatch.StartNew();
            for (var i = 0; i < perSecond; i++, sent++)
            {
                var (site, device, _) = fleet[sent % fleet.Count];
                await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"kiosk/v1/{site}/{device}/heartbeat")
                    .WithPayload($"{{\"v\":1,\"dev\":\"{device}\",\"boot\":1,\"ts\":\"{Iso()}\",\"uptime\":{sent},\"freeMem\":81234,\"rssi\":-60,\"backlog\":0,\"synced\":true}}").Build());
            }
            var rest = TimeSpan.FromSeconds(1) - second.Elapsed;
            if (rest > TimeSpan.Zero)
                await Task.Delay(rest);
        }
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / window.Elapsed.TotalMilliseconds;
        process.Refresh();
        Console.WriteLine($"  heartbeats     {sent / window.Elapsed.TotalSeconds:F0}/s for {window.Elapsed.TotalSeconds:F0} s with {operators} screens open: console + broker CPU {cpu * 100:F0} % of one core, working set {Mb(process.WorkingSet64)}");
        var probe = Stopwatch.StartNew();
        await Retain(publisher, $"kiosk/v1/{targetSite}/{target}/state", State(target, "LOCKED_CLOSED"));
        await admin0.WaitForSelectorAsync($"article[data-device={target}] [data-test=door][data-state=LOCKED_CLOSED]", new() { Timeout = 120_000 });
        Console.WriteLine($"  live update    under the heartbeats, the door closing reached an administrator's screen in {probe.Elapsed.TotalMilliseconds:F0} ms");

        foreach (var (page, _) in pages)
            await page.Context.CloseAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException e)
        {
            Console.WriteLine($"  (left {data}: {e.Message})"); // a late write of the console's; the numbers stand
        }
    }

    /// <summary>The cards the overview of every site draws: one page (Overview.PageSize) of them.</summary>
    private static int ExpectedAllSites(int devices) => Math.Min(devices, Kiosk.DutyRoom.Components.Pages.Overview.PageSize);

    private static async Task<IPage> SignInAsync(IBrowser browser, string url, string user)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        await page.GotoAsync(url + "/signin");
        await page.FillAsync("input[name=username]", user);
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("form[action='/auth/signin'] button[type=submit]");
        await page.WaitForURLAsync(url + "/");
        await page.WaitForSelectorAsync("[data-test=broker][data-connected=yes]");
        return page;
    }

    /// <summary>Navigates and waits until the circuit is up and <paramref name="cards"/> entrance cards are in the page.</summary>
    private static async Task<double> DrawAsync(IPage page, string url, int cards)
    {
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(url);
        await page.WaitForFunctionAsync($"() => window.Blazor !== undefined && document.querySelectorAll('article.entrance').length >= {cards} && document.querySelector('[data-test=broker][data-connected=yes]') !== null",
            null, new() { Timeout = 300_000, PollingInterval = 20 });
        return clock.Elapsed.TotalMilliseconds;
    }

    private static List<(string Site, string Device, string Label)> Fleet(int devices, int sites)
    {
        var fleet = new List<(string, string, string)>(devices);
        for (var i = 0; i < devices; i++)
        {
            var s = i % sites;
            var n = i / sites + 1;
            fleet.Add((SiteId(s), $"s{s:00}-door-{n:0000}", $"{n}号楼单元门"));
        }
        return fleet;
    }

    private static string SiteId(int n) => "site-" + n.ToString("00", CultureInfo.InvariantCulture);

    private static readonly string[] Names = ["枫林苑", "桂花苑", "翠湖湾", "锦绣园", "金桂园", "兰亭苑", "碧水湾", "松鹤园", "梧桐苑", "海棠园"];

    private static string SiteName(int n) => Names[n % Names.Length] + (n / Names.Length + 1).ToString(CultureInfo.InvariantCulture) + "期";

    private static string State(string device, string door) =>
        $"{{\"v\":1,\"dev\":\"{device}\",\"boot\":1,\"ts\":\"{Iso()}\",\"door\":\"{door}\",\"lock\":\"secure\",\"lockdown\":false,\"fire\":false,\"call\":\"idle\",\"callId\":\"\",\"night\":false,\"light\":80,\"latched\":[]}}";

    private static Task Retain(IMqttClient client, string topic, string payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(true).Build());

    private static string Iso() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static double Median(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture) + " MB";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
