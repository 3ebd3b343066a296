namespace Kiosk.Core.Door
{
    /// <summary>Why the lock may be released. Nothing else releases it.</summary>
    public enum UnlockCause
    {
        /// <summary>A verified remote command from the duty room.</summary>
        Remote = 1,

        /// <summary>The request-to-exit button inside; works with no network.</summary>
        ExitButton = 2,

        /// <summary>A credential on the board's allow-list at the access reader; works with no network.</summary>
        Credential = 3,
    }
}
