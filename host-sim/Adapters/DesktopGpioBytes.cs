using System;

namespace Kiosk.HostSim.Adapters;

/// <summary>
/// Bytes the desktop's GPIO stack allocated on the calling thread: System.Device.Gpio's
/// <c>GpioController</c> keeps each open pin's last value in a ConcurrentDictionary and allocates a
/// node on every write, which the device's native <c>GpioPin.Write</c> does not; the simulated
/// world's wires (an edge driven, its interrupt raised) are not the board's either. The allocation
/// budgets are the core's, so the benchmark and the budget tests take this off what they count on
/// the loop's thread, and print it apart.
/// </summary>
public static class DesktopGpioBytes
{
    [ThreadStatic]
    private static long t_allocated;

    /// <summary>Allocated by the GPIO stack on this thread so far.</summary>
    public static long OnThisThread => t_allocated;

    /// <summary>This thread's allocations so far: the mark to pass to <see cref="CountSince"/> after a GPIO call.</summary>
    internal static long Mark() => GC.GetAllocatedBytesForCurrentThread();

    /// <summary>Counts what this thread allocated since <paramref name="mark"/> as the GPIO stack's.</summary>
    internal static void CountSince(long mark) => t_allocated += GC.GetAllocatedBytesForCurrentThread() - mark;
}
