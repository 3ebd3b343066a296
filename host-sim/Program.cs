using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.HostSim.Scenarios;
using Kiosk.HostSim.Site;
using Kiosk.HostSim.Stories;

namespace Kiosk.HostSim;

/// <summary>
/// The simulated site: an embedded MQTT broker, the entrances of host-sim/site running the same
/// Kiosk.Core as the firmware, and a prompt (or a scenario file) to act on them. docs/simulator.md.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var errors = new List<string>();
        var options = SiteOptions.Parse(args, errors);
        if (options.Help)
        {
            Console.WriteLine(SiteOptions.Usage);
            return 0;
        }
        if (errors.Count > 0)
            return Refuse(errors);
        if (options.Story)
            return RunStory(options);

        List<ScenarioStep>? scenario = null;
        try
        {
            var boards = SimulatedSite.LoadConfigs(options).Select(c => c.DeviceId).ToList();
            if (options.Scenario is not null)
                scenario = ScenarioParser.Parse(File.ReadAllText(options.Scenario), options.Scenario, boards);
        }
        catch (SiteException e)
        {
            return Refuse(e.Errors);
        }
        catch (ScenarioException e)
        {
            return Refuse(e.Errors);
        }

        await using var site = await SimulatedSite.StartAsync(options);
        PrintWhereToLook(site, options);
        if (!await site.WaitOnlineAsync(TimeSpan.FromSeconds(30)))
            Console.WriteLine("host-sim: not every board connected within 30 s; carrying on (their events wait in their stores).");

        if (scenario is not null)
        {
            var result = await new ScenarioExecutor(site).RunAsync(scenario);
            foreach (var line in result.Log)
                Console.WriteLine(line);
            foreach (var failure in result.Failures)
                Console.WriteLine("FAILED " + failure);
            Console.WriteLine(result.Passed ? $"scenario passed: {options.Scenario}" : $"scenario failed: {result.Failures.Count} failure(s)");
            return result.Passed ? 0 : 1;
        }
        return await new SitePrompt(site, options).RunAsync(Console.In, Console.Out);
    }

    private static int Refuse(IEnumerable<string> errors)
    {
        foreach (var error in errors)
            Console.Error.WriteLine("host-sim: " + error);
        Console.Error.WriteLine("host-sim: nothing was started.");
        return 2;
    }

    /// <summary>
    /// The line printed for watching the site's traffic (a test runs exactly this line against the
    /// embedded broker). -I gives each watcher its own client id ("watch-" + its pid): without one,
    /// mosquitto_sub sends an empty id on MQTT 3.1.1, which MQTTnet's broker refuses.
    /// </summary>
    public static string WatchCommand(string host, int port, string siteId) =>
        $"mosquitto_sub -h {host} -p {port} -I watch -t 'kiosk/v1/{siteId}/#' -v";

    private static void PrintWhereToLook(SimulatedSite site, SiteOptions options)
    {
        var sites = site.SiteIds.Count > 1 ? $"sites '{string.Join("', '", site.SiteIds)}'" : $"site '{site.SiteId}'";
        Console.WriteLine($"host-sim: {sites} with {site.Boards.Count} entrance(s), {options.Speed:0.###}x real time");
        Console.WriteLine($"  broker     mqtt://{site.Host}:{site.Port} ({(site.Broker is null ? "external" : "embedded MQTTnet, loopback only")})");
        Console.WriteLine($"  watch      {WatchCommand(site.Host, site.Port, site.SiteIds.Count > 1 ? "+" : site.SiteId)}");
        Console.WriteLine($"  entrances  {string.Join(", ", site.Boards.Take(8).Select(b => b.Config.DeviceId))}{(site.Boards.Count > 8 ? ", ..." : "")}");
        Console.WriteLine($"  keys       {site.KeysFile} (each board's command key, for signing commands)");
        Console.WriteLine($"  storage    {options.DataFolder} (a board keeps its events across power cycles)");
        if (site.Cameras is { } cameras)
            Console.WriteLine($"  cameras    {cameras.BaseUrl}/DEVICE/... (simulated, {cameras.Auth.Scheme} auth, user {cameras.Auth.Username}{(site.DutyRoom is null ? "" : "; registered in the console")})");
        if (site.DutyRoom is { } room)
        {
            Console.WriteLine($"  console    {room.Url}  (duty room; data in {room.DataFolder})");
            if (room.SetupLink is not null)
                Console.WriteLine($"             first run: create the administrator at {room.SetupLink}");
            if (options.Speed != 1)
                Console.WriteLine("             note: at a speed other than 1 the boards' clocks run ahead, so the console's commands arrive expired");
        }
        else
            Console.WriteLine("  console    not started (--no-console)");
    }

    private static int RunStory(SiteOptions options)
    {
        var path = Path.Combine(options.SiteFolder, "main-gate.json");
        var errors = new ConfigErrors();
        var config = File.Exists(path) ? ConfigReader.Read(File.ReadAllText(path), errors) : null;
        if (config is null)
        {
            var reasons = new List<string> { File.Exists(path) ? $"{path}: config rejected:" : $"{path}: no such file" };
            for (var i = 0; i < errors.Count; i++)
                reasons.Add("  " + errors[i]);
            return Refuse(reasons);
        }
        Console.WriteLine($"host-sim: {config.Site}/{config.DeviceId} from {path}, on a virtual clock (no broker: the script plays the duty room)");
        var started = System.Diagnostics.Stopwatch.StartNew();
        new EveningAtTheGate(config).Run();
        Console.WriteLine($"host-sim: a simulated night in {started.Elapsed.TotalMilliseconds:F0} ms of real time.");
        return 0;
    }
}
