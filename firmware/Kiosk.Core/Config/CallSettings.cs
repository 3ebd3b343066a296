namespace Kiosk.Core.Config
{
    /// <summary>The visitor call.</summary>
    public sealed class CallSettings
    {
        /// <summary>How long the duty room is rung before the call counts as missed.</summary>
        public int RingTimeoutSeconds = 45;

        /// <summary>Presses within this time of the last call are ignored (anti-repeat).</summary>
        public int AntiRepeatSeconds = 5;

        /// <summary>Holding the button this long cancels the call (0 = long press does nothing).</summary>
        public int LongPressCancelMillis = 2000;

        /// <summary>How long the call may wait to reach the duty room before it fails as offline.</summary>
        public int DeliveryTimeoutSeconds = 10;

        /// <summary>A connected call ends by itself after this long, should the operator forget.</summary>
        public int MaxConnectedSeconds = 300;

        /// <summary>How long "nobody answered" / "could not call" is shown to the visitor.</summary>
        public int OutcomeDisplaySeconds = 10;
    }
}
