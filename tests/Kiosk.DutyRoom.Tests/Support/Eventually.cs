using System;
using System.Threading.Tasks;

namespace Kiosk.DutyRoom.Tests.Support;

/// <summary>The console's tests wait for what runs on other threads (lanes, brokers, screens) by polling, never by a fixed sleep.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every <paramref name="pollMillis"/> ms until it holds; a timeout names what was awaited.</summary>
    public static async Task HoldsAsync(Func<bool> condition, string what, int seconds = 30, int pollMillis = 50)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException("waited " + seconds + " s for " + what);
            await Task.Delay(pollMillis);
        }
    }
}
