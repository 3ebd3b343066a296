namespace Kiosk.Core.Events
{
    /// <summary>
    /// The fixed 96-byte slot an <see cref="EventRecord"/> occupies on flash:
    /// magic, format, sequence, boot id, time, flags, type, code, source, detail, CRC-32 over the rest.
    /// A slot torn by power loss fails its CRC and is skipped, so at most the record being written is lost.
    /// </summary>
    public static class EventRecordCodec
    {
        public const int SlotSize = 96;
        private const byte Magic = 0x4B; // 'K'
        private const byte Format = 1;
        private const int SourceAt = 22;
        private const int DetailAt = SourceAt + 1 + EventRecord.MaxSourceLength;
        private const int CrcAt = SlotSize - 4;

        /// <summary>Writes <paramref name="record"/> into <paramref name="slot"/> (SlotSize bytes, reused by the caller).</summary>
        public static void Encode(EventRecord record, byte[] slot)
        {
            for (int i = 0; i < SlotSize; i++)
                slot[i] = 0;
            slot[0] = Magic;
            slot[1] = Format;
            PutUInt32(slot, 2, (uint)record.Sequence);
            PutUInt32(slot, 6, (uint)record.BootId);
            PutInt64(slot, 10, record.UnixMillis);
            slot[18] = record.TimeSynced ? (byte)1 : (byte)0;
            slot[19] = (byte)record.Type;
            slot[20] = (byte)(record.Code & 0xFF);
            slot[21] = (byte)((record.Code >> 8) & 0xFF);
            PutText(slot, SourceAt, record.Source, EventRecord.MaxSourceLength);
            PutText(slot, DetailAt, record.Detail, EventRecord.MaxDetailLength);
            PutUInt32(slot, CrcAt, Crc32.Compute(slot, 0, CrcAt));
        }

        /// <summary>Reads a slot into <paramref name="record"/>; false when it is empty, torn or not ours.</summary>
        public static bool Decode(byte[] slot, EventRecord record)
        {
            if (slot[0] != Magic || slot[1] != Format)
                return false;
            if (GetUInt32(slot, CrcAt) != Crc32.Compute(slot, 0, CrcAt))
                return false;
            record.Sequence = GetUInt32(slot, 2);
            record.BootId = (int)GetUInt32(slot, 6);
            record.UnixMillis = GetInt64(slot, 10);
            record.TimeSynced = slot[18] == 1;
            record.Type = (EventType)slot[19];
            record.Code = (short)(slot[20] | (slot[21] << 8));
            record.Source = GetText(slot, SourceAt);
            record.Detail = GetText(slot, DetailAt);
            return record.Sequence > 0;
        }

        private static void PutText(byte[] slot, int at, string text, int max)
        {
            if (text == null)
                text = "";
            int length = text.Length < max ? text.Length : max;
            slot[at] = (byte)length;
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                // Records hold printable ASCII: names come from the config, which is ASCII-only.
                slot[at + 1 + i] = c >= ' ' && c <= '~' ? (byte)c : (byte)'?';
            }
        }

        private static string GetText(byte[] slot, int at)
        {
            return Ascii.Decode(slot, at + 1, slot[at]);
        }

        internal static void PutUInt32(byte[] b, int at, uint v)
        {
            b[at] = (byte)v;
            b[at + 1] = (byte)(v >> 8);
            b[at + 2] = (byte)(v >> 16);
            b[at + 3] = (byte)(v >> 24);
        }

        internal static uint GetUInt32(byte[] b, int at)
        {
            return (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));
        }

        private static void PutInt64(byte[] b, int at, long v)
        {
            PutUInt32(b, at, (uint)(v & 0xFFFFFFFF));
            PutUInt32(b, at + 4, (uint)((v >> 32) & 0xFFFFFFFF));
        }

        private static long GetInt64(byte[] b, int at)
        {
            return (long)GetUInt32(b, at) | ((long)GetUInt32(b, at + 4) << 32);
        }
    }
}
