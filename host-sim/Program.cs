using System;
using System.IO;
using Kiosk.Core.Config;
using Kiosk.HostSim.Stories;

namespace Kiosk.HostSim;

/// <summary>
/// The simulated site. Today: one entrance controller (the same Kiosk.Core the firmware runs)
/// through a scripted evening and night on a virtual clock, printing every event it records.
/// The simulated estate with a broker and the duty-room console grows here issue by issue.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "configs", "main-gate.json");
        var errors = new ConfigErrors();
        var config = File.Exists(path) ? ConfigReader.Read(File.ReadAllText(path), errors) : null;
        if (config is null)
        {
            Console.Error.WriteLine(File.Exists(path) ? $"{path}: config rejected:" : $"{path}: no such file");
            for (var i = 0; i < errors.Count; i++)
                Console.Error.WriteLine("  " + errors[i]);
            return 2;
        }

        Console.WriteLine($"host-sim: {config.Site}/{config.DeviceId} from {path}, on a virtual clock (no broker yet: the script plays the duty room)");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var story = new EveningAtTheGate(config);
        story.Run();
        Console.WriteLine($"host-sim: a simulated night in {started.Elapsed.TotalMilliseconds:F0} ms of real time.");
        return 0;
    }
}
