namespace Kiosk.Core.Text
{
    /// <summary>
    /// What every writer of text straight into a reused byte buffer needs (the protocol's JSON, the
    /// signed command's canonical form): growing the buffer, and a number's decimal digits without
    /// the string long.ToString() would allocate.
    /// </summary>
    public static class ByteText
    {
        /// <summary>The most bytes a long takes in decimal: '-' and 19 digits.</summary>
        public const int MaxDecimal = 20;

        /// <summary>
        /// <paramref name="buffer"/> itself when <paramref name="more"/> bytes fit after the first
        /// <paramref name="length"/>, else a buffer at least twice as large holding those bytes.
        /// </summary>
        public static byte[] Reserve(byte[] buffer, int length, int more)
        {
            if (length + more <= buffer.Length)
                return buffer;
            int size = buffer.Length * 2;
            while (size < length + more)
                size *= 2;
            byte[] larger = new byte[size];
            System.Array.Copy(buffer, larger, length);
            return larger;
        }

        /// <summary>
        /// Writes <paramref name="value"/> in decimal at <paramref name="buffer"/>[<paramref name="at"/>..],
        /// as long.ToString() would ('-' and the magnitude, long.MinValue's too); the caller has
        /// reserved <see cref="MaxDecimal"/> bytes. Returns the bytes written.
        /// </summary>
        public static int Decimal(byte[] buffer, int at, long value)
        {
            int start = at;
            // The magnitude as unsigned, so long.MinValue (whose magnitude no long holds) writes too.
            ulong magnitude = (ulong)value;
            if (value < 0)
            {
                buffer[at++] = (byte)'-';
                magnitude = (ulong)(-(value + 1)) + 1;
            }
            int width = 1;
            for (ulong rest = magnitude / 10; rest > 0; rest /= 10)
                width++;
            for (int i = width - 1; i >= 0; i--)
            {
                buffer[at + i] = (byte)('0' + (int)(magnitude % 10));
                magnitude /= 10;
            }
            return at + width - start;
        }
    }
}
