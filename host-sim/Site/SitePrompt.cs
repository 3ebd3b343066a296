using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.Core.Door;
using Kiosk.HostSim.Scenarios;

namespace Kiosk.HostSim.Site;

/// <summary>
/// The interactive side of the simulated site: reads commands in the scenario grammar without
/// "at TIME" ("press main-gate call", "operator unlock main-gate"), plus status, help and quit.
/// Ends on quit, at the end of input, or after --duration of simulated time.
/// </summary>
public sealed class SitePrompt
{
    private readonly SimulatedSite _site;
    private readonly SiteOptions _options;

    public SitePrompt(SimulatedSite site, SiteOptions options)
    {
        _site = site;
        _options = options;
    }

    public async Task<int> RunAsync(TextReader input, TextWriter output)
    {
        var executor = new ScenarioExecutor(_site, output);
        var boards = _site.Boards.Select(b => b.Config.DeviceId).ToList();
        var end = _options.DurationSeconds is double d ? _site.Runner.SiteMillis + (long)(d * 1000) : long.MaxValue;
        output.WriteLine("type 'help' for commands, 'quit' to stop");
        var pending = input.ReadLineAsync();
        while (_site.Runner.SiteMillis < end)
        {
            var done = await Task.WhenAny(pending, Task.Delay(100));
            if (done != pending)
                continue;
            var line = await pending;
            if (line is null)
            {
                // End of input: with a duration, run it out; else stop here.
                if (end == long.MaxValue)
                    break;
                pending = new TaskCompletionSource<string?>().Task;
                continue;
            }
            line = line.Trim();
            if (line is "quit" or "exit")
                break;
            if (line is "help")
                output.WriteLine(Help);
            else if (line is "status")
                Status(output);
            else if (line.StartsWith("camera ", StringComparison.Ordinal))
                output.WriteLine(Cameras.CameraCommand.Run(_site.Cameras, line)); // issue 19: camera BOARD working|slow|garbage
            else if (line.Length > 0)
            {
                var problem = ScenarioParser.ParseCommand(line, boards, 0, out var step);
                if (problem is not null)
                    output.WriteLine("? " + problem);
                else
                    await TryExecuteAsync(executor, step!, output);
            }
            pending = input.ReadLineAsync();
        }
        await executor.DrainAsync();
        foreach (var violation in _site.Runner.Monitor.Violations)
            output.WriteLine("invariant violated: " + violation);
        output.WriteLine($"host-sim: stopped after {_site.Runner.SiteMillis / 1000.0:F1} simulated seconds.");
        return _site.Runner.Monitor.Violations.Count == 0 && executor.Result.Passed ? 0 : 1;
    }

    /// <summary>A command that cannot be done says why; the site keeps running whatever was typed.</summary>
    private static async Task TryExecuteAsync(ScenarioExecutor executor, ScenarioStep step, TextWriter output)
    {
        try
        {
            await executor.ExecuteAsync(step);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            output.WriteLine("! could not: " + (e is MQTTnet.Exceptions.MqttClientNotConnectedException
                ? "the duty room is not connected to the broker (is it down?)"
                : e.Message));
        }
    }

    private void Status(TextWriter output)
    {
        foreach (var board in _site.Boards)
        {
            var c = board.Controller;
            output.WriteLine($"  {board.Config.DeviceId,-12} {board.Node.LinkState,-10} door {DoorStateNames.Of(c.DoorState),-18} lock {(board.LockReleased ? "released" : "secure"),-8} " +
                $"alarms {c.Alarms.LatchedCount} backlog {board.Node.Outbox.Backlog} boot {c.BootId}");
        }
    }

    private const string Help = """
          press BOARD call|exit|patrol|emergency [for 3s]   hold BOARD call for 3s (long press cancels)
          door BOARD open|close    force BOARD    fire|tamper|perimeter BOARD on|off
          lamp BOARD CIRCUIT lit|dark    daylight BOARD|all PERCENT
          network BOARD|all down|up    broker restart    power-cycle BOARD [mid-write]    skew BOARD +30s
          operator unlock|answer|end|time BOARD    operator lockdown BOARD on|off    operator ack BOARD KIND|all
          expect BOARD lock released|secure | door STATE | call STATE | event TYPE [NAME] | recorded TYPE [NAME] | online | delivered [within 2s]
          speed X (simulated seconds per real second)    status    help    quit
          camera BOARD working|slow|garbage    (the entrance's simulated camera)
        """;
}
