using Kiosk.Core.Events;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Access
{
    /// <summary>
    /// Writes a new allow-list into the spare copy: records strictly ascending by hash, buffered
    /// sixteen to a flash write; <see cref="Commit"/> writes the header last and switches the list
    /// over. Until then the old list stays in force, whatever happens to the power.
    /// </summary>
    public sealed class AllowListWriter
    {
        private const int BufferedRecords = 16;

        private readonly IStorage _storage;
        private readonly AllowList _list;
        private readonly byte[] _buffer = new byte[BufferedRecords * AccessEntry.Size];
        private readonly byte[] _last = new byte[AccessEntry.HashBytes];
        private string _target;
        private uint _version;
        private uint _crc;
        private int _count;
        private int _buffered;

        public AllowListWriter(IStorage storage, AllowList list)
        {
            _storage = storage;
            _list = list;
        }

        public bool Open => _target != null;

        public int Count => _count;

        /// <summary>Starts list <paramref name="version"/> with its schedule table (<see cref="AccessSchedule.TableSize"/> bytes).</summary>
        public void Begin(uint version, byte[] schedules)
        {
            _target = _list.SpareBlob;
            _version = version;
            _count = 0;
            _buffered = 0;
            _storage.Delete(_target);
            _storage.Write(_target, AllowList.HeaderSize, schedules, 0, AccessSchedule.TableSize);
            _crc = Crc32.Continue(Crc32.Start, schedules, 0, AccessSchedule.TableSize);
        }

        /// <summary>Appends one 28-byte record; returns the reason when it cannot (out of order, a removal, the list full).</summary>
        public string Append(byte[] record, int at)
        {
            if (_target == null)
                return "no list being written";
            if (record[at + 25] == AccessEntry.Removed)
                return "a removal in a full list";
            if (_count > 0 && AccessEntry.Compare(record, at, _last, 0) <= 0)
                return "records out of order (each hash must be above the one before)";
            if (_count >= AllowList.MaxEntries)
                return "more than " + AllowList.MaxEntries + " credentials";
            System.Array.Copy(record, at, _last, 0, AccessEntry.HashBytes);
            System.Array.Copy(record, at, _buffer, _buffered * AccessEntry.Size, AccessEntry.Size);
            _buffered++;
            _count++;
            if (_buffered == BufferedRecords)
                Flush();
            return null;
        }

        /// <summary>Writes the header: from here on this is the list in force.</summary>
        public void Commit()
        {
            Flush();
            byte[] header = new byte[AllowList.HeaderSize];
            AllowList.PutHeader(header, _version, _count, Crc32.Finish(_crc));
            _storage.Write(_target, 0, header, 0, header.Length);
            _list.Committed(_target, _version, _count);
            _target = null;
        }

        /// <summary>Gives up the list being written; the one in force stays.</summary>
        public void Abandon()
        {
            _target = null;
            _buffered = 0;
        }

        private void Flush()
        {
            if (_buffered == 0)
                return;
            int bytes = _buffered * AccessEntry.Size;
            _storage.Write(_target, AllowList.RecordsAt + (_count - _buffered) * AccessEntry.Size, _buffer, 0, bytes);
            _crc = Crc32.Continue(_crc, _buffer, 0, bytes);
            _buffered = 0;
        }
    }
}
