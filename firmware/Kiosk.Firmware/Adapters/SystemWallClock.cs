using System;
using Kiosk.Core.Ports;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>
    /// Calendar time as the core last set it, carried forward on the monotonic clock. The runtime's
    /// own clock is not read after boot: nanoFramework's SNTP client steps it in the background, and
    /// only the core may decide that the wall clock jumps (it records every step with its offset).
    /// </summary>
    public sealed class SystemWallClock : IWallClock
    {
        // An ESP32 whose clock was never set counts from 1970 (or from the runtime's build date);
        // a year before this firmware was written means "not synced", and every record says so.
        private const int FirstPlausibleYear = 2025;
        private readonly IMonotonicClock _monotonic;
        private DateTime _base;
        private long _baseMillis;
        private bool _synced;

        public SystemWallClock(IMonotonicClock monotonic)
        {
            _monotonic = monotonic;
            _base = DateTime.UtcNow;
            _baseMillis = monotonic.NowMillis;
            // A software restart keeps the RTC running: a plausible time then is the last sync's.
            _synced = _base.Year >= FirstPlausibleYear;
        }

        public DateTime UtcNow => _base.AddTicks((_monotonic.NowMillis - _baseMillis) * TimeSpan.TicksPerMillisecond);

        public bool IsSynced => _synced;

        public void Set(DateTime utc)
        {
            _base = utc;
            _baseMillis = _monotonic.NowMillis;
            _synced = true;
        }
    }
}
