namespace Kiosk.Core.Config
{
    /// <summary>The lock relay and door timings.</summary>
    public sealed class LockSettings
    {
        public LockType Type = LockType.Strike;
        public int Pin = -1;

        /// <summary>True when the relay is energised with the pin high.</summary>
        public bool RelayActiveHigh = true;

        /// <summary>How long the lock stays released after an authorised unlock if the door is not opened (1–255 s).</summary>
        public int UnlockPulseSeconds = 5;

        /// <summary>Door open longer than this raises DOOR_OPEN_TOO_LONG (0–255 s, 0 = off).</summary>
        public int HeldOpenTimeoutSeconds = 30;

        /// <summary>
        /// The pin level that releases the lock: the relay energised, for both lock types. A strike
        /// hangs on the relay's NO contact and a maglock on its NC contact, so the relay at rest
        /// (reset, crash, controller unpowered) always keeps the door locked; a maglock on NO would
        /// open the door at every reboot.
        /// </summary>
        public bool ReleaseLevel => RelayActiveHigh;

        /// <summary>The pin level that secures the lock, driven first thing on every boot.</summary>
        public bool SecureLevel => !ReleaseLevel;
    }
}
