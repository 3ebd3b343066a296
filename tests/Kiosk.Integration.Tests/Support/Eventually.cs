using System;
using System.Threading.Tasks;

namespace Kiosk.Integration.Tests.Support;

internal static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds, or fails naming what was awaited.</summary>
    public static Task HoldsAsync(Func<bool> condition, string what, int seconds = 30) =>
        HoldsAsync(condition, () => what, seconds);

    /// <summary>As above, with the failure text computed when it fails (to show the state then).</summary>
    public static async Task HoldsAsync(Func<bool> condition, Func<string> what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
                return;
            await Task.Delay(20);
        }
        throw new TimeoutException($"not within {seconds} s: {what()}");
    }
}
