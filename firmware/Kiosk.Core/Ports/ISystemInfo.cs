namespace Kiosk.Core.Ports
{
    /// <summary>Health figures for the heartbeat.</summary>
    public interface ISystemInfo
    {
        /// <summary>Free managed heap in bytes (the ESP32 has 100–200 KB in all).</summary>
        long FreeMemory { get; }

        /// <summary>Wi-Fi signal in dBm; 0 when unknown or wired.</summary>
        int SignalDbm { get; }
    }
}
