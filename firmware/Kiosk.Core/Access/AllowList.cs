using Kiosk.Core.Events;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Access
{
    /// <summary>
    /// The board's allow-list on flash, so doors open for residents with no network. Two copies
    /// (A and B); a new list is written whole into the copy not in use and becomes the list only
    /// when its header, written last, is good (CRC over header and body): power lost mid-write
    /// leaves the old list in force, the same safety the event store gets from its slot CRCs.
    /// Records are sorted by hash and looked up by binary search with one 28-byte read per probe
    /// (14 reads for 10,000 credentials), never loaded into the heap.
    /// </summary>
    /// <remarks>
    /// Layout of a copy: header (32 bytes: "KACL", format, version, count, body CRC, header CRC),
    /// the schedule table (<see cref="AccessSchedule.TableSize"/> bytes), then the records.
    /// </remarks>
    public sealed class AllowList
    {
        public const string BlobA = "access-a.bin";
        public const string BlobB = "access-b.bin";
        public const int HeaderSize = 32;
        public const int RecordsAt = HeaderSize + AccessSchedule.TableSize;
        /// <summary>More than GB 50396 needs at one door and 5x the 10,000; 1.4 MB of flash at most.</summary>
        public const int MaxEntries = 50000;
        private const uint Magic = 0x4C43414B; // "KACL"
        private const byte Format = 1;

        private readonly IStorage _storage;
        private readonly byte[] _probe = new byte[AccessEntry.Size];
        private readonly byte[] _schedules = new byte[AccessSchedule.TableSize];
        private string _active;

        public AllowList(IStorage storage)
        {
            _storage = storage;
        }

        /// <summary>Version of the list in force (0: none yet).</summary>
        public uint Version { get; private set; }

        public int Count { get; private set; }

        /// <summary>The copy in force, or null.</summary>
        public string ActiveBlob => _active;

        /// <summary>The copy a new list is written into.</summary>
        public string SpareBlob => _active == BlobA ? BlobB : BlobA;

        public byte[] Schedules => _schedules;

        /// <summary>Picks the good copy with the higher version. A torn or missing copy is ignored.</summary>
        public void Open()
        {
            uint versionA;
            int countA;
            uint versionB;
            int countB;
            bool a = Check(BlobA, out versionA, out countA);
            bool b = Check(BlobB, out versionB, out countB);
            if (a && (!b || versionA >= versionB))
                Use(BlobA, versionA, countA);
            else if (b)
                Use(BlobB, versionB, countB);
            else
            {
                _active = null;
                Version = 0;
                Count = 0;
            }
        }

        /// <summary>Finds the credential with <paramref name="hash"/>; false when it is not on the list.</summary>
        public bool Find(byte[] hash, AccessEntry into)
        {
            if (_active == null)
                return false;
            int low = 0;
            int high = Count - 1;
            while (low <= high)
            {
                int mid = (low + high) >> 1;
                ReadAt(mid, _probe);
                int c = AccessEntry.Compare(_probe, 0, hash, 0);
                if (c == 0)
                {
                    into.Decode(_probe, 0);
                    return true;
                }
                if (c < 0)
                    low = mid + 1;
                else
                    high = mid - 1;
            }
            return false;
        }

        /// <summary>Reads record <paramref name="index"/> of the list in force into <paramref name="buffer"/> (28 bytes).</summary>
        public void ReadAt(int index, byte[] buffer)
        {
            _storage.Read(_active, RecordsAt + index * AccessEntry.Size, buffer, 0, AccessEntry.Size);
        }

        /// <summary>Switches to the copy <paramref name="writer"/> just committed.</summary>
        internal void Committed(string blob, uint version, int count)
        {
            Use(blob, version, count);
        }

        internal static void PutHeader(byte[] header, uint version, int count, uint bodyCrc)
        {
            for (int i = 0; i < HeaderSize; i++)
                header[i] = 0;
            EventRecordCodec.PutUInt32(header, 0, Magic);
            header[4] = Format;
            EventRecordCodec.PutUInt32(header, 8, version);
            EventRecordCodec.PutUInt32(header, 12, (uint)count);
            EventRecordCodec.PutUInt32(header, 16, bodyCrc);
            EventRecordCodec.PutUInt32(header, 28, Crc32.Compute(header, 0, 28));
        }

        private void Use(string blob, uint version, int count)
        {
            _active = blob;
            Version = version;
            Count = count;
            _storage.Read(blob, HeaderSize, _schedules, 0, _schedules.Length);
        }

        /// <summary>A copy is good when its header's CRC holds and its body's CRC, read through in chunks, matches.</summary>
        private bool Check(string blob, out uint version, out int count)
        {
            version = 0;
            count = 0;
            byte[] header = new byte[HeaderSize];
            if (_storage.Read(blob, 0, header, 0, HeaderSize) != HeaderSize)
                return false;
            if (EventRecordCodec.GetUInt32(header, 0) != Magic || header[4] != Format
                || EventRecordCodec.GetUInt32(header, 28) != Crc32.Compute(header, 0, 28))
                return false;
            uint n = EventRecordCodec.GetUInt32(header, 12);
            if (n > MaxEntries)
                return false;
            int bodyLength = AccessSchedule.TableSize + (int)n * AccessEntry.Size;
            if (_storage.Length(blob) < HeaderSize + bodyLength)
                return false;
            byte[] chunk = new byte[1024]; // each read opens the file on the board: few, larger reads
            uint crc = Crc32.Start;
            for (int done = 0; done < bodyLength;)
            {
                int take = bodyLength - done < chunk.Length ? bodyLength - done : chunk.Length;
                int read = _storage.Read(blob, HeaderSize + done, chunk, 0, take);
                if (read != take)
                    return false;
                crc = Crc32.Continue(crc, chunk, 0, take);
                done += take;
            }
            if (Crc32.Finish(crc) != EventRecordCodec.GetUInt32(header, 16))
                return false;
            version = EventRecordCodec.GetUInt32(header, 8);
            count = (int)n;
            return true;
        }
    }
}
