namespace Kiosk.Core.Call
{
    /// <summary>What the booth's LED and buzzer tell the visitor. Each has its own pattern.</summary>
    public enum IndicatorMode
    {
        /// <summary>Ready: a short blink every few seconds, so the button can be found in the dark.</summary>
        Ready = 0,

        /// <summary>Calling or ringing: slow blink and a ring-back beep.</summary>
        Ringing = 1,

        /// <summary>An operator is on the line: steady light, silent.</summary>
        Connected = 2,

        /// <summary>The door is released: fast blink and double beeps ("push now").</summary>
        DoorOpen = 3,

        /// <summary>Nobody answered: triple blinks and one long low beep.</summary>
        NobodyAnswered = 4,

        /// <summary>The call could not be made: long blink and three short beeps.</summary>
        CallFailed = 5,

        /// <summary>The visitor cancelled: dark, one short beep.</summary>
        Cancelled = 6,

        /// <summary>Alarm at the gate (forced open, tamper, emergency): rapid blink and rapid beeps.</summary>
        Alarm = 7,

        /// <summary>No link to the duty room: two short blinks per cycle, silent, so an installer or a
        /// visitor can see at a glance that a call would not get through.</summary>
        Offline = 8,
    }
}
