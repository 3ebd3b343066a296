namespace Kiosk.Core.Config
{
    /// <summary>
    /// How the lock behaves without power, which decides the relay level for "secure".
    /// One setting gets boot, power loss and fire release right for both kinds.
    /// </summary>
    public enum LockType
    {
        /// <summary>Electric strike, fail-secure: energise the relay to unlock. Stays locked on power loss.</summary>
        Strike = 0,

        /// <summary>Magnetic lock, fail-safe: energise the relay to lock. Releases on power loss, as fire codes require.</summary>
        Maglock = 1,
    }
}
