using System;
using Kiosk.Core.Loop;

namespace Kiosk.HostSim;

/// <summary>
/// For now: runs the core's controller loop on a virtual clock for one simulated hour and says
/// how long that took. The simulated estate (boards, broker, console) grows here issue by issue.
/// </summary>
public static class Program
{
    public static int Main()
    {
        var clock = new VirtualClock(DateTime.UtcNow, synced: true);
        var queue = new InputQueue(64);
        var counter = new TickCounter();
        var loop = new ControllerLoop(queue, clock, counter, tickMillis: 10);

        var started = System.Diagnostics.Stopwatch.StartNew();
        loop.RunFor(clock, 3_600_000);
        started.Stop();

        Console.WriteLine($"host-sim: ran the Kiosk.Core loop for 1 simulated hour ({counter.Ticks} ticks of 10 ms) in {started.Elapsed.TotalMilliseconds:F0} ms.");
        Console.WriteLine("host-sim: no entrance controller is wired in yet; see README.md for what exists.");
        return 0;
    }

    private sealed class TickCounter : IInputHandler
    {
        public long Ticks { get; private set; }

        public void OnInput(InputEvent input, long nowMillis) { }

        public void OnTick(long nowMillis) => Ticks++;

        public void OnInputsDropped(int dropped, long nowMillis) { }
    }
}
