using Kiosk.Core.Ports;

namespace Kiosk.Core.Storage
{
    /// <summary>
    /// Keeps one large blob that is rewritten record by record (the event ring) as a row of segment
    /// files of one flash block each; every other blob passes through to the storage underneath.
    /// Why: the ESP32's internal drive under nanoFramework is LittleFS, and LittleFS is copy-on-write.
    /// A write in the middle of a file rewrites the file from the modified block to its end. In a
    /// 96 KB ring that is up to 24 blocks erased and programmed for one 96-byte event, most of a
    /// second and a flash wear of a dozen blocks per event. In a segment of one block it is that
    /// block (littlefs DESIGN.md; nf-interpreter targets/ESP32, drive I: on LittleFS since 1.10).
    /// A segment holds a whole number of records, so no record spans two files and each record's
    /// write is one file commit, which is what <see cref="Events.EventStore"/>'s torn-write
    /// reasoning needs. A blob left whole by earlier firmware is moved into segments at first use:
    /// copied, then deleted, so a restart part way through copies it again from the start. A drive too
    /// full to hold it twice keeps it whole (<see cref="KeptWhole"/>): the board runs as before.
    /// </summary>
    public sealed class SegmentedStorage : IStorage
    {
        /// <summary>LittleFS's block on the ESP32's flash (esp_littlefs: "ESP32 can only operate at 4kb").</summary>
        public const int FlashBlockBytes = 4096;

        private const int ZeroChunk = 512;

        private readonly IStorage _inner;
        private readonly string _name;
        private readonly int _segmentBytes;
        private byte[] _zeros;
        private int _segments; // segment files that exist, counted once (Prepare): only this class writes them
        private bool _prepared;

        /// <param name="inner">storage with one file per blob</param>
        /// <param name="name">the blob kept in segments</param>
        /// <param name="recordBytes">the size of its records: a segment is the most whole records one block holds</param>
        public SegmentedStorage(IStorage inner, string name, int recordBytes)
        {
            if (recordBytes < 1 || recordBytes > FlashBlockBytes)
                throw new System.ArgumentOutOfRangeException("recordBytes");
            _inner = inner;
            _name = name;
            _segmentBytes = SegmentBytesFor(recordBytes);
        }

        /// <summary>The event ring (<see cref="Events.EventStore"/>) kept in segments over <paramref name="inner"/>: the device's layout.</summary>
        public static SegmentedStorage ForEventRing(IStorage inner)
        {
            return new SegmentedStorage(inner, Events.EventStore.BlobName, Events.EventRecordCodec.SlotSize);
        }

        /// <summary>The bytes in a segment of records of <paramref name="recordBytes"/>: the most whole records one block holds.</summary>
        public static int SegmentBytesFor(int recordBytes)
        {
            return FlashBlockBytes / recordBytes * recordBytes;
        }

        /// <summary>Bytes in each segment but perhaps the last.</summary>
        public int SegmentBytes => _segmentBytes;

        /// <summary>The file that holds segment <paramref name="index"/> of the blob (its name and "@" and the index).</summary>
        public string SegmentName(int index)
        {
            return _name + "@" + index;
        }

        // The last segment name read and written, kept: the ring is written and read back on every
        // event, moving to the next segment only every few dozen records, and a string made per access
        // is garbage on the board. A name per segment kept for good would be a kilobyte per 1,000 slots.
        private int _readIndex = -1;
        private string _readName;
        private int _writeIndex = -1;
        private string _writeName;

        private string ReadName(int index)
        {
            if (index != _readIndex)
            {
                _readName = index == _writeIndex ? _writeName : SegmentName(index);
                _readIndex = index;
            }
            return _readName;
        }

        private string WriteName(int index)
        {
            if (index != _writeIndex)
            {
                _writeName = index == _readIndex ? _readName : SegmentName(index);
                _writeIndex = index;
            }
            return _writeName;
        }

        public int Length(string name)
        {
            if (!Segmented(name))
                return _inner.Length(name);
            if (_segments == 0)
                return -1;
            int last = _inner.Length(SegmentName(_segments - 1));
            return (_segments - 1) * _segmentBytes + (last < 0 ? 0 : last);
        }

        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            if (!Segmented(name))
                return _inner.Read(name, position, buffer, offset, count);
            int total = 0;
            while (count > 0)
            {
                int segment = position / _segmentBytes;
                if (segment >= _segments)
                    break;
                int within = position - segment * _segmentBytes;
                int part = _segmentBytes - within < count ? _segmentBytes - within : count;
                int read = _inner.Read(ReadName(segment), within, buffer, offset, part);
                total += read;
                if (read < part)
                    break; // the end of the last segment
                position += part;
                offset += part;
                count -= part;
            }
            return total;
        }

        public void Write(string name, int position, byte[] buffer, int offset, int count)
        {
            if (!Segmented(name))
            {
                _inner.Write(name, position, buffer, offset, count);
                return;
            }
            WriteSegments(position, buffer, offset, count);
        }

        public void Delete(string name)
        {
            if (!Segmented(name))
            {
                _inner.Delete(name);
                return;
            }
            DeleteSegments();
        }

        private void WriteSegments(int position, byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                int segment = position / _segmentBytes;
                if (segment >= _segments)
                    Extend(segment);
                int within = position - segment * _segmentBytes;
                int part = _segmentBytes - within < count ? _segmentBytes - within : count;
                _inner.Write(WriteName(segment), within, buffer, offset, part);
                position += part;
                offset += part;
                count -= part;
            }
        }

        /// <summary>
        /// Before the first write into <paramref name="segment"/>: the segments before it are filled
        /// to full size with zeros, as a file written past its end reads zeros in between, so the
        /// segments always run without a gap and the blob's length is the last one's end.
        /// </summary>
        private void Extend(int segment)
        {
            for (int i = _segments > 0 ? _segments - 1 : 0; i < segment; i++)
            {
                int length = _inner.Length(SegmentName(i));
                if (length < 0)
                    length = 0;
                while (length < _segmentBytes)
                {
                    if (_zeros == null)
                        _zeros = new byte[ZeroChunk];
                    int part = _segmentBytes - length < ZeroChunk ? _segmentBytes - length : ZeroChunk;
                    _inner.Write(SegmentName(i), length, _zeros, 0, part);
                    length += part;
                }
            }
            _segments = segment + 1;
        }

        /// <summary>
        /// False for every other blob, and for this one when it could not be moved out of its whole
        /// file (<see cref="KeptWhole"/>); the first call counts the segments and moves the blob.
        /// </summary>
        private bool Segmented(string name)
        {
            if (name != _name)
                return false;
            Prepare();
            return !_keptWhole;
        }

        private bool _keptWhole;

        /// <summary>
        /// The blob stays in the whole file earlier firmware left, because moving it failed: the drive
        /// holds it twice while it is moved, and a full drive refuses the copy. The board then runs on
        /// the whole file as before (slower on LittleFS) rather than not starting.
        /// </summary>
        public bool KeptWhole
        {
            get
            {
                Prepare();
                return _keptWhole;
            }
        }

        /// <summary>Once: counts the segments, and moves a blob that earlier firmware kept whole.</summary>
        private void Prepare()
        {
            if (_prepared)
                return;
            _prepared = true;
            while (_inner.Length(SegmentName(_segments)) >= 0)
                _segments++;
            int whole = _inner.Length(_name);
            if (whole < 0)
                return;
            try
            {
                // A copy cut short by a restart is started again: the whole blob is still there. A
                // segment at a time, so each segment file is written once (in smaller pieces,
                // LittleFS would rewrite its block for each).
                DeleteSegments();
                byte[] chunk = new byte[_segmentBytes];
                for (int at = 0; at < whole; at += _segmentBytes)
                {
                    int read = _inner.Read(_name, at, chunk, 0, whole - at < _segmentBytes ? whole - at : _segmentBytes);
                    if (read <= 0)
                        break;
                    WriteSegments(at, chunk, 0, read);
                }
                _inner.Delete(_name);
            }
            catch (System.IO.IOException)
            {
                _keptWhole = true;
                try
                {
                    DeleteSegments(); // the room they took, back for the whole file's own writes
                }
                catch (System.IO.IOException)
                {
                    // what is left is counted again and deleted at the next start's attempt
                }
            }
        }

        private void DeleteSegments()
        {
            for (int i = _segments - 1; i >= 0; i--)
                _inner.Delete(SegmentName(i));
            _segments = 0;
        }
    }
}
