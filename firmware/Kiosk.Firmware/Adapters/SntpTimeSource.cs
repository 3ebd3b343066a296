using System;
using System.Threading;
using Kiosk.Core.Ports;
using nanoFramework.Networking;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>
    /// Network time from nanoFramework's SNTP client, which sets the runtime clock natively and has
    /// no completion callback. So: name the servers, ask for an update, and read the runtime clock
    /// once it is plausible. A clock that was already plausible (synced earlier, or kept by the RTC
    /// across a software restart) is read after a short settle, which may return the native client's
    /// previous answer; the core's daily re-sync bounds how stale that can be.
    /// </summary>
    public sealed class SntpTimeSource : ITimeSource
    {
        private const int FirstPlausibleYear = 2025;
        private const int SettleMillis = 3000;
        private const int PollMillis = 250;

        public string Query(string[] servers, int timeoutMillis, out DateTime utc)
        {
            Sntp.Server1 = servers[0];
            if (servers.Length > 1)
                Sntp.Server2 = servers[1];
            bool wasPlausible = DateTime.UtcNow.Year >= FirstPlausibleYear;
            if (!Sntp.IsStarted)
                Sntp.Start();
            Sntp.UpdateNow();
            long started = Environment.TickCount64;
            if (wasPlausible)
                Thread.Sleep(SettleMillis);
            while (Environment.TickCount64 - started < timeoutMillis)
            {
                utc = DateTime.UtcNow;
                if (utc.Year >= FirstPlausibleYear)
                    return null;
                Thread.Sleep(PollMillis);
            }
            utc = DateTime.MinValue;
            return "no answer from " + servers[0] + (servers.Length > 1 ? " or " + servers[1] : "");
        }
    }
}
