using System;

namespace Kiosk.Core.Ports
{
    /// <summary>
    /// Calendar time for event records. GB 50396 wants records with a four-digit year and h:m:s and
    /// drift under 10 s a day with a daily sync, so every record says whether the clock was synced.
    /// </summary>
    public interface IWallClock
    {
        DateTime UtcNow { get; }

        /// <summary>True once the clock has been set from NTP or an operator's time-set command.</summary>
        bool IsSynced { get; }

        /// <summary>Sets the clock (from a verified time-set command or SNTP) and marks it synced.</summary>
        void Set(DateTime utc);
    }
}
