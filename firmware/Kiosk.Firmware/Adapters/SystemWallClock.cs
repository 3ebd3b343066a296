using System;
using Kiosk.Core.Ports;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>
    /// Calendar time from the runtime clock, which SNTP keeps set once the network is up. A
    /// verified time-set command is applied as an offset, so it needs no platform RTC call.
    /// </summary>
    public sealed class SystemWallClock : IWallClock
    {
        // An ESP32 that has not been set since power-up counts from 1970; any year before the
        // firmware was built means "not synced" and every record says so.
        private const int FirstPlausibleYear = 2025;
        private long _offsetTicks;
        private bool _setByCommand;

        public DateTime UtcNow => DateTime.UtcNow.AddTicks(_offsetTicks);

        public bool IsSynced => _setByCommand || DateTime.UtcNow.Year >= FirstPlausibleYear;

        public void Set(DateTime utc)
        {
            _offsetTicks = utc.Ticks - DateTime.UtcNow.Ticks;
            _setByCommand = true;
        }
    }
}
