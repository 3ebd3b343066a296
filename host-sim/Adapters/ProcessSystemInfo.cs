using System;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Adapters;

/// <summary>Health figures of a simulated board: the managed heap left under a nominal ESP32 budget, and no radio.</summary>
public sealed class ProcessSystemInfo : ISystemInfo
{
    public long FreeMemory => Math.Max(0, 160 * 1024 - GC.GetTotalMemory(false) % (160 * 1024));

    public int SignalDbm => 0;
}
