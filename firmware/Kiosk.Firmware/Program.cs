using System.Threading;
using Kiosk.Core.Loop;
using Kiosk.Firmware.Adapters;

namespace Kiosk.Firmware
{
    /// <summary>Device entry point.</summary>
    public static class Program
    {
        public static void Main()
        {
            InputQueue queue = new InputQueue(64);
            SystemMonotonicClock clock = new SystemMonotonicClock();
            FlashStorage storage = new FlashStorage("I:\\kiosk");
            _ = queue;
            _ = clock;
            _ = storage;
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
