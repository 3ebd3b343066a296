namespace Kiosk.Core.Events
{
    /// <summary>CRC-32 (IEEE 802.3, as zlib): tells a whole record from one torn by power loss.</summary>
    public static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Continue(Start, data, offset, count));
        }

        /// <summary>The running state before any byte: CRC a long blob piece by piece with <see cref="Continue"/>, then <see cref="Finish"/>.</summary>
        public const uint Start = 0xFFFFFFFF;

        public static uint Continue(uint state, byte[] data, int offset, int count)
        {
            uint crc = state;
            for (int i = offset; i < offset + count; i++)
                crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            return crc;
        }

        public static uint Finish(uint state)
        {
            return ~state;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                table[n] = c;
            }
            return table;
        }
    }
}
