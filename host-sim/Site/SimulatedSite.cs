using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.Core.Link;
using Kiosk.Core.Protocol;
using Kiosk.Core.Ports;
using Kiosk.HostSim.Adapters;
using Kiosk.HostSim.Brokers;
using Kiosk.HostSim.Simulation;
using Kiosk.Provisioning;

namespace Kiosk.HostSim.Site;

/// <summary>
/// A whole simulated estate: a broker (embedded MQTTnet on loopback, or an external one), the
/// entrances from the site folder (and copies of building-1 up to the number asked for), one
/// board runner for all of them, a duty-room client, and a key per board. What scenarios and the
/// interactive prompt act on.
/// </summary>
public sealed class SimulatedSite : IAsyncDisposable
{
    private readonly SiteOptions _options;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ControllerConfig> _configs = new(StringComparer.Ordinal);

    private SimulatedSite(SiteOptions options, IBroker? broker)
    {
        _options = options;
        Broker = broker;
        Runner = new BoardRunner(options.Speed) { DeviceCadence = options.DeviceCadence, Threads = options.Threads };
    }

    public IBroker? Broker { get; }

    /// <summary>The duty-room console started beside the site (null with --no-console).</summary>
    public DutyRoomConsole? DutyRoom { get; private set; }
    public BoardRunner Runner { get; }
    public DutyRoomClient Console { get; private set; } = null!;

    /// <summary>The simulated camera of every entrance (issue 19; null with --no-cameras).</summary>
    public Cameras.CameraServer? Cameras { get; private set; }

    /// <summary>The simulated duty room's credentials per door (scenarios' grant, revoke, sync).</summary>
    public SimulatedAccessBook Access { get; } = new();
    public string SiteId { get; private set; } = "";

    /// <summary>Every site this run simulates (more than one with --site given again), the first site's first.</summary>
    public IReadOnlyList<string> SiteIds { get; private set; } = [];

    /// <summary>The site a board belongs to (commands go to kiosk/v1/SITE/DEVICE/cmd).</summary>
    public string SiteOf(string deviceId) => _configs.TryGetValue(deviceId, out var c) ? c.Site : SiteId;

    /// <summary>Who scripted operator commands are signed as: "operator:" + <see cref="SiteOptions.Operator"/>.</summary>
    public string OperatorSender => "operator:" + _options.Operator;
    public string Host => _options.BrokerHost ?? "127.0.0.1";
    public int Port => Broker?.Port ?? _options.BrokerPort;
    public string KeysFile => Path.Combine(_options.DataFolder, "keys.json");

    public IReadOnlyList<SimulatedBoard> Boards => Runner.Boards;

    public byte[] KeyOf(string deviceId) => _keys[deviceId];

    /// <summary>The board with this device id (the current one, after any power cycles), or null.</summary>
    public SimulatedBoard? Board(string deviceId) => Runner.Boards.FirstOrDefault(b => b.Config.DeviceId == deviceId);

    /// <summary>Reads the site's configs (every error, with the file), starts the broker and the boards.</summary>
    public static async Task<SimulatedSite> StartAsync(SiteOptions options)
    {
        var configs = LoadConfigs(options);
        IBroker? broker = options.BrokerHost is null ? new MqttNetBroker() : null;
        if (broker is not null)
            await broker.StartAsync();
        var site = new SimulatedSite(options, broker);
        site.SiteId = configs[0].Site;
        site.SiteIds = configs.Select(c => c.Site).Distinct().ToList();
        site.Console = await DutyRoomClient.ConnectAsync(site.Host, site.Port, MQTTnet.Formatter.MqttProtocolVersion.V500, "host-sim-dutyroom", site.Connect("host-sim-dutyroom"));
        Directory.CreateDirectory(options.DataFolder);
        foreach (var config in configs)
        {
            site._configs[config.DeviceId] = config;
            site._keys[config.DeviceId] = RandomNumberGenerator.GetBytes(32);
            site.Runner.Add(site.NewBoard(config));
        }
        site.WriteKeys();
        site.Runner.Start();
        if (options.Cameras && options.Console) // the cameras are for the console's ring banner and records
            site.Cameras = await Kiosk.HostSim.Cameras.SiteCameras.StartAsync(site, options, configs);
        if (options.Console)
            site.DutyRoom = await DutyRoomConsole.StartAsync(site, options, configs);
        return site;
    }

    /// <summary>Connection options for a board (or the duty-room client) of this site.</summary>
    public TransportConnectOptions Connect(string clientId) => new()
    {
        Host = Host,
        Port = Port,
        UseTls = _options.Tls,
        CaCertificatePem = _options.CaFile is null ? null : File.ReadAllText(_options.CaFile),
        ClientId = clientId,
        Username = _options.Username,
        Password = _options.Password,
        KeepAliveSeconds = 15,
        ProtocolVersion = 5,
    };

    /// <summary>Waits (real time) until every board is connected.</summary>
    public async Task<bool> WaitOnlineAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Runner.Boards.All(b => b.Node.LinkState == LinkState.Connected))
                return true;
            await Task.Delay(20);
        }
        return false;
    }

    /// <summary>Cuts a board's power; with <paramref name="midWrite"/> the cut lands in the middle of its next storage write.</summary>
    public void PowerCycle(SimulatedBoard board, bool midWrite)
    {
        if (midWrite)
            board.Storage.TearNextWrite(40);
        else
            Runner.Replace(board, board.PowerCycle());
    }

    public async Task RestartBrokerAsync()
    {
        if (Broker is null)
            throw new InvalidOperationException("the broker is external: restart it yourself");
        await Broker.StopAsync();
        await Broker.StartAsync();
        await Console.ReconnectAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (DutyRoom is not null)
            await DutyRoom.DisposeAsync();
        Runner.Dispose();
        foreach (var board in Runner.Boards)
            board.Dispose();
        await Console.DisposeAsync();
        if (Cameras is not null)
            await Cameras.DisposeAsync();
        if (Broker is not null)
            await Broker.DisposeAsync();
    }

    private SimulatedBoard NewBoard(ControllerConfig config)
    {
        // Files as the device keeps them: the event ring in segments of one flash block (SegmentedStorage).
        var storage = Kiosk.Core.Storage.SegmentedStorage.ForEventRing(new FolderStorage(Path.Combine(_options.DataFolder, config.Site, config.DeviceId)));
        var clock = new Kiosk.Core.Loop.VirtualClock(DateTime.UtcNow, synced: true);
        return new SimulatedBoard(config, Connect(Topics.ClientId(config.Site, config.DeviceId)), _keys[config.DeviceId], storage, clock,
            probe: _options.Probes ? new LatencyProbe(keepPublishes: false) : null);
    }

    private void WriteKeys()
    {
        var keys = new JsonObject();
        foreach (var (device, key) in _keys)
            keys[device] = Convert.ToHexStringLower(key);
        File.WriteAllText(KeysFile, keys.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// Every site folder's entrances: the first folder filled up to --boards, each further one whole.
    /// One console serves them all and knows an entrance by its device id, so ids must differ across
    /// sites, and two folders must not be the same site.
    /// </summary>
    public static List<ControllerConfig> LoadConfigs(SiteOptions options)
    {
        var configs = LoadConfigs(options.SiteFolder, options.Boards);
        var errors = new List<string>();
        var seen = configs.ToDictionary(c => c.DeviceId, _ => options.SiteFolder, StringComparer.Ordinal);
        var sites = new Dictionary<string, string>(StringComparer.Ordinal) { [configs[0].Site] = options.SiteFolder };
        foreach (var folder in options.MoreSiteFolders)
        {
            List<ControllerConfig> more;
            try
            {
                more = LoadConfigs(folder, Directory.GetFiles(folder, "*.json").Length);
            }
            catch (SiteException e)
            {
                errors.AddRange(e.Errors);
                continue;
            }
            if (sites.TryGetValue(more[0].Site, out var other))
                errors.Add($"{folder}: site '{more[0].Site}' is also {other}'s; each --site folder is its own estate");
            sites[more[0].Site] = folder;
            foreach (var config in more)
            {
                if (seen.TryGetValue(config.DeviceId, out var first))
                    errors.Add($"{folder}: deviceId '{config.DeviceId}' is also in {first}; the console knows an entrance by its device id, so ids must differ across the sites it serves");
                seen[config.DeviceId] = folder;
            }
            configs.AddRange(more);
        }
        if (errors.Count > 0)
            throw new SiteException(errors);
        return configs;
    }

    /// <summary>
    /// Every *.json in the site folder is an entrance config (all errors reported with the file);
    /// copies of building-1 (or the last config) fill up to <paramref name="count"/> boards.
    /// </summary>
    public static List<ControllerConfig> LoadConfigs(string folder, int count)
    {
        var errors = new List<string>();
        var texts = new List<(string File, string Json)>();
        foreach (var file in Directory.GetFiles(folder, "*.json").OrderBy(f => f, StringComparer.Ordinal))
            texts.Add((file, File.ReadAllText(file)));
        var configs = new List<ControllerConfig>();
        foreach (var (file, json) in texts)
        {
            var problems = new ConfigErrors();
            var config = ConfigReader.Read(json, problems);
            for (var i = 0; i < problems.Count; i++)
                errors.Add($"{file}: {problems[i]}");
            if (config is null)
                continue;
            // Each simulated board is a real board type: its config must match the board's pin map.
            var profile = config.Board is null ? null : Path.Combine(BoardProfile.Folder, config.Board + ".json");
            if (profile is null || !File.Exists(profile))
            {
                errors.Add($"{file}: board: {(config.Board is null ? "missing" : $"no profile '{config.Board}' in hardware/boards")}; a simulated board takes its pin map from a board profile");
                continue;
            }
            foreach (var problem in BoardProfile.Load(profile).Check(config))
                errors.Add($"{file}: {problem}");
            configs.Add(config);
        }
        if (errors.Count == 0 && configs.Count == 0)
            errors.Add($"{folder}: no entrance configs (*.json)");
        if (errors.Count == 0 && configs.Select(c => c.Site).Distinct().Count() > 1)
            errors.Add($"{folder}: every entrance must name the same site");
        if (errors.Count == 0 && configs.Select(c => c.DeviceId).Distinct().Count() != configs.Count)
            errors.Add($"{folder}: two entrances share a deviceId");
        if (errors.Count > 0)
            throw new SiteException(errors);

        var template = texts.FirstOrDefault(t => t.Json.Contains("\"building-1\"", StringComparison.Ordinal)).Json ?? texts[^1].Json;
        for (var n = configs.Count + 1; configs.Count < count; n++)
        {
            var node = JsonNode.Parse(template)!;
            node["deviceId"] = $"door-{n:0000}";
            configs.Add(ConfigReader.Read(node.ToJsonString(), new ConfigErrors())!);
        }
        return configs.Take(count).ToList();
    }
}

/// <summary>The site could not start: every reason, each naming its file.</summary>
public sealed class SiteException(IReadOnlyList<string> errors) : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
