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

    /// <summary>Counts <paramref name="bytes"/> that a GPIO call just allocated on this thread.</summary>
    internal static void Add(long bytes) => t_allocated += bytes;
}
