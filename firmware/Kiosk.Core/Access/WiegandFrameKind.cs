namespace Kiosk.Core.Access
{
    /// <summary>What a Wiegand frame turned out to be.</summary>
    public enum WiegandFrameKind
    {
        /// <summary>Refused: bad parity, an unknown length, noise, a stuck line. Never guessed.</summary>
        Refused = 0,

        /// <summary>26-bit card (H10301): 8-bit facility and 16-bit number, even and odd parity.</summary>
        Card26 = 1,

        /// <summary>34-bit card: 32 data bits between even and odd parity.</summary>
        Card34 = 2,

        /// <summary>One key from a keypad (4-bit, or 8-bit with the high nibble the low one's complement). Value 0–9, 10 = '*', 11 = '#'.</summary>
        Key = 3,
    }
}
