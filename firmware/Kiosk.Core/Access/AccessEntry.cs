using Kiosk.Core.Events;

namespace Kiosk.Core.Access
{
    /// <summary>
    /// One credential on the board's allow-list, as a fixed 28-byte record sorted by its hash:
    /// hash (8), credential id (4), valid from (4), valid until (4), door groups (4), schedule (1),
    /// kind (1), reserved (2). The hash is keyed (<see cref="CredentialHash"/>): the list on flash
    /// holds no card number or PIN, and a copy of it is useless without the device's key.
    /// </summary>
    public sealed class AccessEntry
    {
        public const int Size = 28;
        public const int HashBytes = 8;

        /// <summary>Kind 0 in a delta: remove this hash from the list.</summary>
        public const byte Removed = 0;
        public const byte Card = 1;
        public const byte Pin = 2;

        public readonly byte[] Hash = new byte[HashBytes];

        /// <summary>The console's id for this credential: what decisions are recorded under (never the card number).</summary>
        public uint Id;

        /// <summary>Unix seconds; 0 = no start.</summary>
        public uint ValidFrom;

        /// <summary>Unix seconds, exclusive; 0 = no end.</summary>
        public uint ValidUntil;

        /// <summary>Bit g-1 set: the credential opens doors of group g (1..32).</summary>
        public uint Groups;

        /// <summary>Weekly schedule 1..15 from the list's table; 0 = at any time.</summary>
        public int Schedule;

        public byte Kind;

        public void Encode(byte[] into, int at)
        {
            System.Array.Copy(Hash, 0, into, at, HashBytes);
            EventRecordCodec.PutUInt32(into, at + 8, Id);
            EventRecordCodec.PutUInt32(into, at + 12, ValidFrom);
            EventRecordCodec.PutUInt32(into, at + 16, ValidUntil);
            EventRecordCodec.PutUInt32(into, at + 20, Groups);
            into[at + 24] = (byte)Schedule;
            into[at + 25] = Kind;
            into[at + 26] = 0;
            into[at + 27] = 0;
        }

        public void Decode(byte[] from, int at)
        {
            System.Array.Copy(from, at, Hash, 0, HashBytes);
            Id = EventRecordCodec.GetUInt32(from, at + 8);
            ValidFrom = EventRecordCodec.GetUInt32(from, at + 12);
            ValidUntil = EventRecordCodec.GetUInt32(from, at + 16);
            Groups = EventRecordCodec.GetUInt32(from, at + 20);
            Schedule = from[at + 24];
            Kind = from[at + 25];
        }

        /// <summary>Orders hashes as unsigned big-endian numbers: negative when a &lt; b.</summary>
        public static int Compare(byte[] a, int aAt, byte[] b, int bAt)
        {
            for (int i = 0; i < HashBytes; i++)
            {
                int d = a[aAt + i] - b[bAt + i];
                if (d != 0)
                    return d;
            }
            return 0;
        }
    }
}
