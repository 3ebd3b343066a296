namespace Kiosk.Core.Config
{
    /// <summary>What a digital output drives (the lock relay is configured in its own section).</summary>
    public enum OutputFunction
    {
        /// <summary>The light in or around the call button that tells the visitor what is happening.</summary>
        CallLed = 0,

        /// <summary>The booth's buzzer.</summary>
        Buzzer = 1,

        /// <summary>Relay switching one street-light circuit (dusk-to-dawn control).</summary>
        LampRelay = 2,

        /// <summary>The access reader's LED input (green on a granted credential).</summary>
        ReaderLed = 3,

        /// <summary>The access reader's beeper input (one beep granted, three refused).</summary>
        ReaderBeeper = 4,
    }
}
