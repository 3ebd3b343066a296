namespace Kiosk.Core.Access
{
    /// <summary>What a credential at the reader came to. The code of an access event: never renumber.</summary>
    public enum AccessResult
    {
        Granted = 1,

        /// <summary>Not on the board's allow-list (or revoked).</summary>
        Unknown = 2,

        /// <summary>Past its valid-until date.</summary>
        Expired = 3,

        /// <summary>Before its valid-from date.</summary>
        NotYetValid = 4,

        /// <summary>Outside its weekly schedule.</summary>
        OutOfSchedule = 5,

        /// <summary>Valid, but not for this door's groups.</summary>
        WrongDoor = 6,

        /// <summary>The reader is locked out after too many wrong attempts (GB 50396: at most 5).</summary>
        LockedOut = 7,

        /// <summary>The credential has dates or a schedule and the board's clock is not set: refused, never assumed.</summary>
        ClockNotSet = 8,

        /// <summary>The door is in lock-down.</summary>
        LockDown = 9,

        /// <summary>A frame that was refused (bad parity, unknown length, noise, stuck line).</summary>
        BadFrame = 10,
    }
}
