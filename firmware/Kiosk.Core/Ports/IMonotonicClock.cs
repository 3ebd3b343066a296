namespace Kiosk.Core.Ports
{
    /// <summary>
    /// Milliseconds since boot, never going backwards. All timing in the core (debounce, unlock
    /// pulse, ring timeout) uses this, never the wall clock, so an NTP step cannot stretch or cut
    /// an unlock.
    /// </summary>
    public interface IMonotonicClock
    {
        long NowMillis { get; }
    }
}
