namespace Kiosk.Core.Call
{
    /// <summary>
    /// The visitor call (vocabulary from 2N intercoms): idle → calling → ringing → connected → ended,
    /// with missed, cancelled and failed-offline endings. Values go into event records: never renumber.
    /// </summary>
    public enum CallState
    {
        Idle = 0,

        /// <summary>The button was pressed; the call is on its way to the duty room.</summary>
        Calling = 1,

        /// <summary>The call reached the duty room; operators' screens are ringing.</summary>
        Ringing = 2,

        /// <summary>An operator answered.</summary>
        Connected = 3,

        /// <summary>The operator (or the time limit) ended an answered call.</summary>
        Ended = 4,

        /// <summary>Nobody answered within the ring timeout.</summary>
        Missed = 5,

        /// <summary>The visitor cancelled with a long press.</summary>
        Cancelled = 6,

        /// <summary>The call could not reach the duty room (network or broker down).</summary>
        FailedOffline = 7,
    }
}
