namespace Kiosk.Core.Config
{
    /// <summary>What a digital input is wired to. "Active" below is the condition, not the level.</summary>
    public enum InputFunction
    {
        /// <summary>Door contact (门磁). Active = door open.</summary>
        DoorContact = 0,

        /// <summary>Request-to-exit button inside. Active = pressed. Opens locally, also offline.</summary>
        ExitButton = 1,

        /// <summary>The visitor's one call button. Active = pressed.</summary>
        CallButton = 2,

        /// <summary>Enclosure tamper switch. Active = enclosure open. Always armed (GB 50394).</summary>
        Tamper = 3,

        /// <summary>Fire alarm panel output. Active = fire: the lock releases whatever the lock type.</summary>
        Fire = 4,

        /// <summary>Lamp feedback from one street-light circuit (optocoupler or current sensor). Active = lit.</summary>
        LampFeedback = 5,

        /// <summary>Perimeter beam or electronic fence. Active = alarm. Latches until acknowledged.</summary>
        Perimeter = 6,

        /// <summary>Emergency help button. Active = pressed. Self-latching, cannot be disarmed.</summary>
        Emergency = 7,

        /// <summary>Guard's patrol check-in key switch or button. Active = checked in.</summary>
        Patrol = 8,
    }
}
