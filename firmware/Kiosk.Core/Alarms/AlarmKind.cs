namespace Kiosk.Core.Alarms
{
    /// <summary>Kinds of latched alarm. Values go into event records: never renumber.</summary>
    public enum AlarmKind
    {
        /// <summary>The door opened with no authorised unlock and no exit request (FORCED_OPEN).</summary>
        ForcedOpen = 1,

        /// <summary>The door stayed open past the held-open timeout (DOOR_OPEN_TOO_LONG).</summary>
        HeldOpen = 2,

        /// <summary>The enclosure was opened. Raised armed or not (GB 50394).</summary>
        Tamper = 3,

        /// <summary>The fire panel signalled; the lock was released.</summary>
        Fire = 4,

        /// <summary>A perimeter beam or electronic fence tripped.</summary>
        Perimeter = 5,

        /// <summary>Someone pressed the emergency help button.</summary>
        Emergency = 6,

        /// <summary>A street-light circuit that should be lit at night is not.</summary>
        LampFailure = 7,

        /// <summary>An input flapped past its limit: a wiring fault.</summary>
        InputFault = 8,

        /// <summary>The door contact cannot be trusted (DOOR_FAULT).</summary>
        DoorFault = 9,

        /// <summary>Too many wrong credentials in a row at the access reader: it is locked out for a while (GB 50396).</summary>
        ReaderLockout = 10,
    }
}
