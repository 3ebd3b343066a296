namespace Kiosk.Core.Config
{
    /// <summary>
    /// A Wiegand access reader (card, PIN keypad, QR or face terminal) on two data pins, and how the
    /// board decides at it. Absent (<see cref="Present"/> false) on a door that only the duty room opens.
    /// </summary>
    public sealed class ReaderSettings
    {
        public bool Present;

        /// <summary>GPIO of the reader's D0 (a 0 bit) and D1 (a 1 bit) lines; idle high, pulsed low.</summary>
        public int D0 = -1;
        public int D1 = -1;

        /// <summary>Door groups this door belongs to, as bits (group g = bit g-1); a credential opens it when they share one.</summary>
        public uint Groups = 1;

        /// <summary>A pause this long between keys clears a half-typed PIN.</summary>
        public int KeyTimeoutSeconds = 10;

        /// <summary>Wrong credentials in a row before the reader locks out and an alarm is raised (GB 50396: at most 5).</summary>
        public int MaxWrongAttempts = 5;

        public int LockoutSeconds = 60;

        /// <summary>The estate's offset from UTC, for weekly schedules (China: +480, no daylight saving).</summary>
        public int UtcOffsetMinutes = 480;
    }
}
