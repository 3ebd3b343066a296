namespace Kiosk.Core.Commands
{
    /// <summary>The result code every command reply carries. Values go into event records: never renumber.</summary>
    public enum CommandResult
    {
        Ok = 0,

        /// <summary>Refused by the controller's state (lock-down, no such call, alarm still active).</summary>
        Rejected = 1,

        /// <summary>The command's expiry had passed.</summary>
        Expired = 2,

        /// <summary>The command's counter was not above the last accepted one.</summary>
        Replay = 3,

        /// <summary>The MAC did not verify with this device's key.</summary>
        BadSignature = 4,

        /// <summary>The controller cannot take it now (a call already connected to another operator).</summary>
        Busy = 5,

        /// <summary>The lock was released but the door was not opened before it relocked.</summary>
        DoorNotOpened = 6,

        /// <summary>Malformed, unknown command, wrong device or out-of-range argument.</summary>
        Invalid = 7,
    }
}
