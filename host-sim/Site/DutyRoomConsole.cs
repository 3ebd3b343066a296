using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.DutyRoom;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.HostSim.Site;

/// <summary>
/// The real duty-room console, started in this process beside the simulated site: it joins the same
/// broker as a client and finds every simulated entrance in its registry with this run's keys.
/// </summary>
public sealed class DutyRoomConsole : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DutyRoomConsole(WebApplication app, string url, string dataFolder, string? setupLink)
    {
        _app = app;
        Url = url;
        DataFolder = dataFolder;
        SetupLink = setupLink;
    }

    public string Url { get; }
    public string DataFolder { get; }

    /// <summary>The one-time link that creates the first administrator, while the console has no operators yet.</summary>
    public string? SetupLink { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DutyRoomConsole> StartAsync(SimulatedSite site, SiteOptions options, IReadOnlyList<ControllerConfig> configs)
    {
        var url = "http://127.0.0.1:" + options.ConsolePort.ToString(CultureInfo.InvariantCulture);
        var consoleOptions = new ConsoleOptions
        {
            DataFolder = Path.Combine(options.DataFolder, "dutyroom"),
            Urls = url,
            BrokerHost = site.Host,
            BrokerPort = site.Port,
            BrokerTls = options.Tls,
            BrokerCaFile = options.CaFile,
            BrokerUsername = options.Username,
            BrokerPassword = options.Password,
            ClientId = "dutyroom-console",
        };
        var app = ConsoleApp.Build(consoleOptions);
        var stores = app.Services.GetRequiredService<Stores>();
        foreach (var config in configs)
            stores.Devices.Add(config.Site, config.DeviceId, string.IsNullOrEmpty(config.Name) ? Title(config.DeviceId) : config.Name, Convert.ToHexStringLower(site.KeyOf(config.DeviceId)), "host-sim", DateTimeOffset.UtcNow);
        if (site.Cameras is not null)
            Kiosk.HostSim.Cameras.SiteCameras.Register(site.Cameras, app.Services.GetRequiredService<Kiosk.DutyRoom.Data.Cameras.CameraRegistry>());
        await app.StartAsync();
        return new DutyRoomConsole(app, url, consoleOptions.DataFolder, app.SetupLink());
    }

    /// <summary>"main-gate" → "Main gate": how the simulated entrances are labelled on screens.</summary>
    public static string Title(string deviceId)
    {
        var words = deviceId.Replace('_', ' ').Replace('-', ' ');
        return words.Length == 0 ? deviceId : char.ToUpperInvariant(words[0]) + words[1..];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
