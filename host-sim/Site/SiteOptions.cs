using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Kiosk.HostSim.Site;

/// <summary>What `dotnet run --project host-sim -- [options]` was asked to do. docs/simulator.md lists every option.</summary>
public sealed class SiteOptions
{
    public const int MaxBoards = 5000;

    /// <summary>External broker host; null runs the embedded MQTTnet broker on loopback.</summary>
    public string? BrokerHost { get; set; }
    public int BrokerPort { get; set; } = 1883;
    public bool Tls { get; set; }
    public string? CaFile { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    public int Boards { get; set; } = 4;

    /// <summary>Step boards as their own loops run (on input, else every 10 ms tick) instead of every millisecond: for fleet-size runs (BoardRunner.DeviceCadence).</summary>
    public bool DeviceCadence { get; set; }

    /// <summary>Each board with a <see cref="Kiosk.HostSim.Simulation.LatencyProbe"/>: the fleet benchmark's breakdown of where an unlock's time goes.</summary>
    public bool Probes { get; set; }

    /// <summary>Threads stepping the boards (BoardRunner.Threads).</summary>
    public int Threads { get; set; } = 1;
    public double Speed { get; set; } = 1;
    public string? Scenario { get; set; }
    public double? DurationSeconds { get; set; }
    public string DataFolder { get; set; } = Path.Combine(Environment.CurrentDirectory, ".kiosk-sim");
    public string SiteFolder { get; set; } = Path.Combine(AppContext.BaseDirectory, "site");

    /// <summary>More estates on the same broker (--site given again): each folder's entrances run whole, beside the first site's.</summary>
    public List<string> MoreSiteFolders { get; } = new();

    /// <summary>Every site folder: the first (which --boards fills up) and the ones after it.</summary>
    public IReadOnlyList<string> SiteFolders => [SiteFolder, .. MoreSiteFolders];
    public bool Story { get; set; }

    /// <summary>Who the simulated duty room signs scripted commands as ("operator:" + this); any Unicode, 1..39 bytes of UTF-8.</summary>
    public string Operator { get; set; } = "scenario";

    /// <summary>Start the duty-room console beside the site (the command line's default; tests opt in).</summary>
    public bool Console { get; set; }
    public int ConsolePort { get; set; } = 5080;
    public bool Help { get; set; }

    /// <summary>A simulated camera per entrance (issue 19), registered in the console; and how it authenticates.</summary>
    public bool Cameras { get; set; } = true;
    public string CameraAuth { get; set; } = "digest";

    public const string Usage = """
        usage: dotnet run --project host-sim -- [options]
          --boards N          entrances to simulate (default 4: the site folder's; more are copies of building-1), 1..5000
          --device-cadence    step each board as its loop runs on the device (on input, else every 10 ms) rather than
                              every simulated millisecond: a tenth of the CPU, 10 ms timer resolution (fleet-size runs)
          --threads N         threads stepping the boards (default 1; 1..64)
          --speed X           simulated seconds per real second (default 1; 0 < X <= 1000)
          --scenario FILE     run a scenario file (docs/simulator.md) and exit with its verdict
          --duration S        stop after S simulated seconds (default: when stdin ends or on 'quit')
          --broker HOST:PORT  use an external broker instead of the embedded one
          --tls               connect to the broker with TLS
          --ca FILE           PEM of the CA that signed the broker's certificate (with --tls)
          --username U        broker user for the boards
          --password P        broker password for the boards
          --data DIR          where boards keep their storage and the keys file (default ./.kiosk-sim)
          --site DIR          folder of entrance configs (default: host-sim/site; host-sim/site-zh is the same site named in Chinese);
                              give it again for more estates on one broker and console (e.g. --site host-sim/site-zh --site host-sim/site-gh)
          --operator NAME     who scripted operator commands are signed as (default scenario; e.g. 李明)
          --console-port N    where the duty-room console listens (default 5080, on 127.0.0.1)
          --no-console        do not start the duty-room console
          --no-cameras        no simulated cameras (default: one per entrance beside the console, registered in it)
          --camera-auth A     how the simulated cameras authenticate: digest (default), basic or none
          --story             run the scripted evening at one entrance with no broker, then exit
          --help              this text
        """;

    /// <summary>Parses the command line; every problem is reported, and nothing starts if there is one.</summary>
    public static SiteOptions Parse(string[] args, List<string> errors)
    {
        var options = new SiteOptions { Console = true };
        var sawSite = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? Value()
            {
                if (i + 1 < args.Length)
                    return args[++i];
                errors.Add($"{arg}: needs a value");
                return null;
            }
            switch (arg)
            {
                case "--boards":
                    if (Int(Value(), arg, 1, MaxBoards, errors) is int boards)
                        options.Boards = boards;
                    break;
                case "--device-cadence":
                    options.DeviceCadence = true;
                    break;
                case "--threads":
                    if (Int(Value(), arg, 1, 64, errors) is int threads)
                        options.Threads = threads;
                    break;
                case "--speed":
                    var speed = Value();
                    if (speed is not null)
                    {
                        if (double.TryParse(speed, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 1000)
                            options.Speed = s;
                        else
                            errors.Add($"--speed: '{speed}' is not a number in (0, 1000]");
                    }
                    break;
                case "--duration":
                    var duration = Value();
                    if (duration is not null)
                    {
                        if (double.TryParse(duration, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0)
                            options.DurationSeconds = d;
                        else
                            errors.Add($"--duration: '{duration}' is not a positive number of seconds");
                    }
                    break;
                case "--scenario":
                    options.Scenario = Value();
                    if (options.Scenario is not null && !File.Exists(options.Scenario))
                        errors.Add($"--scenario: no such file '{options.Scenario}'");
                    break;
                case "--broker":
                    var broker = Value();
                    if (broker is null)
                        break;
                    var colon = broker.LastIndexOf(':');
                    if (colon <= 0 || Int(broker[(colon + 1)..], arg, 1, 65535, errors) is not int port)
                    {
                        if (colon <= 0)
                            errors.Add($"--broker: '{broker}' should be HOST:PORT");
                        break;
                    }
                    options.BrokerHost = broker[..colon];
                    options.BrokerPort = port;
                    break;
                case "--tls":
                    options.Tls = true;
                    break;
                case "--ca":
                    options.CaFile = Value();
                    if (options.CaFile is not null && !File.Exists(options.CaFile))
                        errors.Add($"--ca: no such file '{options.CaFile}'");
                    break;
                case "--username":
                    options.Username = Value();
                    break;
                case "--password":
                    options.Password = Value();
                    break;
                case "--data":
                    if (Value() is string data)
                        options.DataFolder = Path.GetFullPath(data);
                    break;
                case "--site":
                    if (Value() is string site)
                    {
                        var folder = Path.GetFullPath(site);
                        if (!Directory.Exists(folder))
                            errors.Add($"--site: no such folder '{site}'");
                        else if (options.SiteFolders.Contains(folder) && sawSite)
                            errors.Add($"--site: '{site}' is given twice");
                        else if (sawSite)
                            options.MoreSiteFolders.Add(folder);
                        else
                            options.SiteFolder = folder;
                        sawSite = true;
                    }
                    break;
                case "--story":
                    options.Story = true;
                    break;
                case "--operator":
                    if (Value() is { } name)
                    {
                        var bytes = System.Text.Encoding.UTF8.GetByteCount("operator:" + name);
                        if (name.Length == 0 || bytes > Kiosk.Core.Protocol.CommandReader.MaxSenderBytes || name.Any(char.IsControl))
                            errors.Add($"--operator: '{name}' must be 1..{Kiosk.Core.Protocol.CommandReader.MaxSenderBytes - 9} bytes of UTF-8 with no control characters");
                        else
                            options.Operator = name;
                    }
                    break;
                case "--no-console":
                    options.Console = false;
                    break;
                case "--no-cameras":
                    options.Cameras = false;
                    break;
                case "--camera-auth":
                    if (Value() is { } cameraAuth)
                    {
                        if (cameraAuth is "digest" or "basic" or "none")
                            options.CameraAuth = cameraAuth;
                        else
                            errors.Add($"--camera-auth: '{cameraAuth}' is not digest, basic or none");
                    }
                    break;
                case "--console-port":
                    if (Int(Value(), arg, 1, 65535, errors) is int consolePort)
                        options.ConsolePort = consolePort;
                    break;
                case "--help":
                case "-h":
                    options.Help = true;
                    break;
                default:
                    errors.Add($"{arg}: unknown option (see --help)");
                    break;
            }
        }
        if (options.CaFile is not null && !options.Tls)
            errors.Add("--ca: only meaningful with --tls");
        if (options.Tls && options.BrokerHost is null)
            errors.Add("--tls: the embedded broker speaks plain MQTT on loopback; use --tls with --broker");
        return options;
    }

    private static int? Int(string? text, string option, int min, int max, List<string> errors)
    {
        if (text is null)
            return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        errors.Add($"{option}: '{text}' is not a whole number in {min}..{max}");
        return null;
    }
}
