namespace Kiosk.Core.Door
{
    /// <summary>
    /// The door as the duty room sees it (names from the product brief, after BACnet and
    /// Hikvision door objects). Values go into event records: never renumber.
    /// </summary>
    public enum DoorState
    {
        LockedClosed = 1,
        Unlocked = 2,
        OpenAuthorised = 3,
        DoorOpenTooLong = 4,
        ForcedOpen = 5,
        FreeAccess = 6,
        LockDown = 7,
        DoorFault = 8,
    }
}
