namespace Kiosk.Core.Security
{
    /// <summary>Lower-case hex, the encoding of keys and MACs in configs and on the wire.</summary>
    /// <remarks>
    /// The digits are a char table and text is read through one ToCharArray: nanoCLR keeps strings as
    /// UTF-8, so indexing a string walks it from the start each time (O(n²) over a 64-digit MAC).
    /// </remarks>
    public static class Hex
    {
        private static readonly char[] Digits =
            { '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f' };

        public static string Encode(byte[] data)
        {
            return Encode(data, 0, data.Length);
        }

        /// <summary>Hex of <paramref name="count"/> bytes from <paramref name="offset"/> (a hash's prefix, say).</summary>
        public static string Encode(byte[] data, int offset, int count)
        {
            char[] chars = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                chars[2 * i] = Digits[data[offset + i] >> 4];
                chars[2 * i + 1] = Digits[data[offset + i] & 0xF];
            }
            return new string(chars);
        }

        /// <summary>Decodes hex (either case); null when the text is not even-length hex.</summary>
        public static byte[] Decode(string text)
        {
            if (text == null)
                return null;
            char[] chars = text.ToCharArray();
            if (chars.Length % 2 != 0)
                return null;
            byte[] data = new byte[chars.Length / 2];
            for (int i = 0; i < data.Length; i++)
            {
                int high = Nibble(chars[2 * i]);
                int low = Nibble(chars[2 * i + 1]);
                if (high < 0 || low < 0)
                    return null;
                data[i] = (byte)((high << 4) | low);
            }
            return data;
        }

        /// <summary>
        /// Decodes <paramref name="count"/> hex digits (ASCII bytes, either case) from
        /// <paramref name="digits"/> into <paramref name="into"/>; false when one is not a hex digit
        /// or the count is odd. Allocates nothing: a MAC is checked from the bytes it arrived as.
        /// </summary>
        public static bool DecodeInto(byte[] digits, int offset, int count, byte[] into)
        {
            if (count % 2 != 0 || into.Length < count / 2)
                return false;
            for (int i = 0; i < count / 2; i++)
            {
                int high = Nibble((char)digits[offset + 2 * i]);
                int low = Nibble((char)digits[offset + 2 * i + 1]);
                if (high < 0 || low < 0)
                    return false;
                into[i] = (byte)((high << 4) | low);
            }
            return true;
        }

        /// <summary>Compares in time independent of where the first difference is, so a forger learns nothing from timing.</summary>
        public static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
                return false;
            int diff = 0;
            for (int i = 0; i < a.Length; i++)
                diff |= a[i] ^ b[i];
            return diff == 0;
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
    }
}
