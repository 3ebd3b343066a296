using System;
using Kiosk.Core.Ports;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>Milliseconds since boot from the runtime's tick counter; unaffected by SNTP steps.</summary>
    public sealed class SystemMonotonicClock : IMonotonicClock
    {
        public long NowMillis => Environment.TickCount64;
    }
}
