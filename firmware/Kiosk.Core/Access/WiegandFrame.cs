namespace Kiosk.Core.Access
{
    /// <summary>One decoded frame, reused by the decoder (no allocation per frame).</summary>
    public sealed class WiegandFrame
    {
        public const int KeyStar = 10;
        public const int KeyHash = 11;

        public WiegandFrameKind Kind;

        /// <summary>Card: the data bits without parity (26: facility &lt;&lt; 16 | number). Key: 0–11.</summary>
        public long Value;

        /// <summary>How many bits the frame had.</summary>
        public int Bits;

        /// <summary>Why it was refused; null when it was not.</summary>
        public string Refusal;
    }
}
