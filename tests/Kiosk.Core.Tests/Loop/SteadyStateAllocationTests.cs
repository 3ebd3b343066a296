using System;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Loop;

/// <summary>
/// The ESP32 has 100–200 KB of managed heap: an idle entrance (ticks, debouncing, light sampling,
/// the LED beacon) must allocate nothing, or the GC runs all night. Bytes are counted, not timed.
/// </summary>
public sealed class SteadyStateAllocationTests
{
    [Fact]
    public void Ten_idle_minutes_allocate_nothing()
    {
        var rig = new EntranceRig().Settled();
        rig.Light.SetPercent(60);
        // Warm-up: day decided and every code path of an idle night taken once.
        rig.RunSeconds(1200);
        // The simulated pins record every write in a list; grow those lists now so that only the
        // controller's allocations are counted.
        foreach (var output in rig.Outputs)
            output.Writes.Capacity = output.Writes.Count + 10_000;
        rig.Lock.Writes.Capacity = rig.Lock.Writes.Count + 10_000;

        var before = GC.GetAllocatedBytesForCurrentThread();
        rig.RunSeconds(600);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
