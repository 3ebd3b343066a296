using System;
using System.Linq;
using Kiosk.Core.Config;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Loop;

/// <summary>
/// The ESP32 has 100–200 KB of managed heap: an idle entrance (ticks, debouncing, light sampling,
/// the LED beacon) must allocate nothing, or the GC runs all night. Bytes are counted, not timed.
/// The controller runs on bare recording ports here, so only the core's allocations are counted
/// (the desktop GPIO library underneath the simulator allocates on its own account).
/// </summary>
public sealed class SteadyStateAllocationTests
{
    private sealed class IdleInput(bool level) : IDigitalInput
    {
        public bool Read() => level;
    }

    [Fact]
    public void Ten_idle_minutes_allocate_nothing()
    {
        var config = ConfigReader.Read(SampleConfig.Json, new ConfigErrors())!;
        var clock = new VirtualClock(new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc), synced: true);
        var light = new SimAnalog();
        light.SetPercent(60);
        var outputs = config.Outputs.Select(_ => new SimOutput()).ToArray();
        var lockOutput = new SimOutput();
        var controller = new EntranceController(config, new ControllerPorts
        {
            Lock = lockOutput,
            Inputs = config.Inputs.Select(pin => (IDigitalInput)new IdleInput(!pin.ActiveHigh)).ToArray(),
            Outputs = outputs,
            LightSensor = light,
            Clock = clock,
            WallClock = clock,
            Storage = new MemoryStorage(),
        });
        var loop = new ControllerLoop(new InputQueue(16), clock, controller, EntranceRig.TickMillis);
        // Warm-up: settled, day decided, and every code path of an idle day taken once.
        loop.RunFor(clock, 1_200_000);
        foreach (var output in outputs.Append(lockOutput))
            output.Writes.Capacity = output.Writes.Count + 10_000; // the recorders' own lists

        var before = GC.GetAllocatedBytesForCurrentThread();
        loop.RunFor(clock, 600_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
