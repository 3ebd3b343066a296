using System.Text;

namespace Kiosk.Core.Events
{
    /// <summary>
    /// The fixed 96-byte slot an <see cref="EventRecord"/> occupies on flash:
    /// magic, format, sequence, boot id, time, flags, type, code, source, detail (length-prefixed
    /// UTF-8; format 1 held ASCII, a subset, so older slots read the same), CRC-32 over the rest.
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

        /// <summary>UTF-8 of one text field: three bytes at most per character of the longest field. Shared by every store (host-sim runs many boards), hence the lock.</summary>
        private static readonly byte[] Scratch = new byte[3 * EventRecord.MaxDetailLength];

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
            if (record.SourceText == null)
            {
                record.SourceText = new DecodedText(EventRecord.MaxSourceLength);
                record.DetailText = new DecodedText(EventRecord.MaxDetailLength);
            }
            record.Source = record.SourceText.Read(slot, SourceAt, record.Source);
            record.Detail = record.DetailText.Read(slot, DetailAt, record.Detail);
            return record.Sequence > 0;
        }

        /// <summary>
        /// Text as UTF-8, cut to <paramref name="max"/> bytes at a character boundary (a name in
        /// Chinese is three bytes a character), control characters stored as '?'. The string is
        /// handed to Encoding.UTF8 once, never indexed char by char: that is O(n) per index on nanoCLR.
        /// </summary>
        private static void PutText(byte[] slot, int at, string text, int max)
        {
            int length = 0;
            if (text != null && text.Length > 0)
            {
                lock (Scratch)
                {
                    // Every character is at least one byte, so the first max characters cover max bytes.
                    int chars = text.Length < max ? text.Length : max;
                    if (chars < text.Length && IsHighSurrogate(text[chars - 1]))
                        chars--; // never split a surrogate pair
                    int count = Encoding.UTF8.GetBytes(text, 0, chars, Scratch, 0);
                    length = count;
                    if (length > max)
                    {
                        length = max;
                        while (length > 0 && (Scratch[length] & 0xC0) == 0x80)
                            length--;
                    }
                    for (int i = 0; i < length; i++)
                    {
                        byte b = Scratch[i];
                        slot[at + 1 + i] = b < 0x20 || b == 0x7F ? (byte)'?' : b;
                    }
                }
            }
            slot[at] = (byte)length;
        }

        private static bool IsHighSurrogate(char c)
        {
            return c >= '\uD800' && c <= '\uDBFF';
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
