namespace Kiosk.Core.Text
{
    /// <summary>
    /// Checks on text people type in their own language (names, senders): no control characters,
    /// and a length in UTF-8 bytes, since what is stored on flash and sent on the wire is UTF-8 and
    /// a Chinese character is three bytes of it.
    /// </summary>
    public static class Utf8Text
    {
        /// <summary>UTF-8 bytes of <paramref name="chars"/>, or -1 when they hold a control character (C0 or DEL).</summary>
        public static int ByteCountWithoutControls(char[] chars)
        {
            int bytes = 0;
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c < ' ' || c == (char)0x7F)
                    return -1;
                // A surrogate pair is 4 bytes of UTF-8 in all: 2 per half.
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : (c >= 0xD800 && c <= 0xDFFF) ? 2 : 3;
            }
            return bytes;
        }
    }
}
