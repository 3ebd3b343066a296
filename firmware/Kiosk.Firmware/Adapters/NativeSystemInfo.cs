using Kiosk.Core.Ports;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>
    /// Health figures for the heartbeat. Free heap is what nanoFramework's collector reports after a
    /// run (without compaction: that would stall the loop); the core reads it once per heartbeat period.
    /// </summary>
    public sealed class NativeSystemInfo : ISystemInfo
    {
        public long FreeMemory => nanoFramework.Runtime.Native.GC.Run(false);

        // nanoFramework's Wi-Fi API reports no RSSI for the joined network; 0 means unknown.
        public int SignalDbm => 0;
    }
}
