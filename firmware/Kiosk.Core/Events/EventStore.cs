using Kiosk.Core.Ports;

namespace Kiosk.Core.Events
{
    /// <summary>
    /// The on-device event store: a bounded ring of fixed slots in one storage blob, record N in
    /// slot (N-1) mod capacity, so it needs no index that could itself be torn. On open it scans
    /// the slots, skips torn ones, and continues from the highest sequence it finds. A separate
    /// "delivered through" mark (two copies, each with a CRC) lets it warn when undelivered
    /// events fill the ring, and keep them: once undelivered records reach the nearly-full mark,
    /// routine records (<see cref="Retention"/>) are counted instead of written, so only a record
    /// that matters can displace an undelivered one (and that is counted too).
    /// </summary>
    public sealed class EventStore
    {
        public const string BlobName = "events.ring";
        public const string DeliveredBlobName = "events.delivered";

        /// <summary>Warn when undelivered events fill this share of the ring (per cent).</summary>
        public const int NearlyFullPercent = 90;

        private readonly IStorage _storage;
        private readonly int _capacity;
        private readonly byte[] _slot = new byte[EventRecordCodec.SlotSize];
        private readonly byte[] _mark = new byte[16];
        private readonly EventRecord _scratch = new EventRecord();
        private long _lastSequence;
        private long _deliveredThrough;
        private long _persistedThrough;
        private int _markCopy;
        private bool _nearlyFullWarned;
        private long _overwrittenUndelivered;
        private long _droppedRoutine;
        private IEventListener _listener;

        public EventStore(IStorage storage, int capacity)
        {
            if (capacity < 1)
                throw new System.ArgumentOutOfRangeException("capacity");
            _storage = storage;
            _capacity = capacity;
        }

        public int Capacity => _capacity;

        /// <summary>The highest sequence number written (0 when empty).</summary>
        public long LastSequence => _lastSequence;

        /// <summary>Everything up to this sequence has reached the broker.</summary>
        public long DeliveredThrough => _deliveredThrough;

        /// <summary>Events written but not yet delivered (capped at what the ring still holds).</summary>
        public long Undelivered
        {
            get
            {
                long pending = _lastSequence - _deliveredThrough;
                return pending > _capacity ? _capacity : pending;
            }
        }

        /// <summary>Undelivered events lost to wrap-around since boot.</summary>
        public long OverwrittenUndelivered => _overwrittenUndelivered;

        /// <summary>Routine records not written since boot because undelivered records had filled the ring to the nearly-full mark.</summary>
        public long DroppedRoutine => _droppedRoutine;

        /// <summary>Undelivered records have reached the nearly-full mark: routine records are no longer written.</summary>
        public bool UnderPressure => Undelivered * 100 >= (long)_capacity * NearlyFullPercent;

        /// <summary>Slots found torn (failed CRC) during the last <see cref="Open"/>.</summary>
        public int TornSlotsFound { get; private set; }

        public void SetListener(IEventListener listener)
        {
            _listener = listener;
        }

        /// <summary>Recovers the ring after boot. Returns how many records it holds.</summary>
        public int Open()
        {
            int found = 0;
            int torn = 0;
            long highest = 0;
            int blobLength = _storage.Length(BlobName);
            int slots = blobLength < 0 ? 0 : blobLength / EventRecordCodec.SlotSize;
            if (slots > _capacity)
                slots = _capacity;
            for (int i = 0; i < slots; i++)
            {
                if (!ReadSlot(i, _scratch))
                {
                    if (!SlotIsBlank())
                        torn++;
                    continue;
                }
                found++;
                if (_scratch.Sequence > highest)
                    highest = _scratch.Sequence;
            }
            _lastSequence = highest;
            _deliveredThrough = ReadDeliveredMark();
            if (_deliveredThrough > _lastSequence)
                _deliveredThrough = _lastSequence;
            _persistedThrough = _deliveredThrough;
            TornSlotsFound = torn;
            return found;
        }

        /// <summary>
        /// Stamps <paramref name="record"/> with the next sequence number and writes it. The caller
        /// fills everything else. Returns the sequence number, or 0 when a routine record was left
        /// unwritten because the ring is under pressure (<see cref="DroppedRoutine"/> counts it).
        /// </summary>
        public long Append(EventRecord record)
        {
            if (UnderPressure && Retention.IsRoutine(record.Type, record.Code))
            {
                _droppedRoutine++;
                return 0;
            }
            long sequence = _lastSequence + 1;
            long evicted = sequence - _capacity;
            bool overwritesUndelivered = evicted > _deliveredThrough;
            record.Sequence = sequence;
            EventRecordCodec.Encode(record, _slot);
            _storage.Write(BlobName, SlotOf(sequence) * EventRecordCodec.SlotSize, _slot, 0, EventRecordCodec.SlotSize);
            _lastSequence = sequence;
            if (overwritesUndelivered)
            {
                _overwrittenUndelivered++;
                _deliveredThrough = evicted; // that one is gone: nobody can deliver it now
            }
            if (_listener != null)
                _listener.OnAppended(record);
            return sequence;
        }

        /// <summary>True (once per episode) when undelivered events have reached the nearly-full mark; the caller records the warning.</summary>
        public bool TakeNearlyFullWarning()
        {
            if (!UnderPressure)
            {
                _nearlyFullWarned = false;
                return false;
            }
            if (_nearlyFullWarned)
                return false;
            _nearlyFullWarned = true;
            return true;
        }

        /// <summary>Reads record <paramref name="sequence"/> into <paramref name="into"/>; false when it was overwritten or torn.</summary>
        public bool TryRead(long sequence, EventRecord into)
        {
            if (sequence < 1 || sequence > _lastSequence || sequence <= _lastSequence - _capacity)
                return false;
            return ReadSlot(SlotOf(sequence), into) && into.Sequence == sequence;
        }

        /// <summary>The oldest sequence still in the ring (1 until the ring has wrapped).</summary>
        public long OldestSequence => _lastSequence > _capacity ? _lastSequence - _capacity + 1 : 1;

        /// <summary>Records that everything through <paramref name="sequence"/> reached the broker. Never moves backwards.</summary>
        public void MarkDelivered(long sequence)
        {
            MarkDelivered(sequence, true);
        }

        /// <summary>
        /// As <see cref="MarkDelivered(long)"/>; with <paramref name="persist"/> false only in memory,
        /// to spare the flash while a backlog drains. A mark lost to power failure only means some
        /// events are sent twice, which consumers de-duplicate.
        /// </summary>
        public void MarkDelivered(long sequence, bool persist)
        {
            if (sequence > _lastSequence)
                sequence = _lastSequence;
            if (sequence > _deliveredThrough)
                _deliveredThrough = sequence;
            if (!persist || _deliveredThrough <= _persistedThrough)
                return;
            sequence = _deliveredThrough;
            _persistedThrough = sequence;
            // Two copies written alternately: a torn write spoils one, the other still holds.
            for (int i = 0; i < 8; i++)
                _mark[i] = 0;
            EventRecordCodec.PutUInt32(_mark, 0, (uint)sequence);
            EventRecordCodec.PutUInt32(_mark, 4, Crc32.Compute(_mark, 0, 4));
            _storage.Write(DeliveredBlobName, _markCopy * 8, _mark, 0, 8);
            _markCopy = 1 - _markCopy;
        }

        private long ReadDeliveredMark()
        {
            long best = 0;
            int read = _storage.Read(DeliveredBlobName, 0, _mark, 0, 16);
            for (int copy = 0; copy + 8 <= read; copy += 8)
            {
                if (EventRecordCodec.GetUInt32(_mark, copy + 4) != Crc32.Compute(_mark, copy, 4))
                    continue;
                long value = EventRecordCodec.GetUInt32(_mark, copy);
                if (value > best)
                {
                    best = value;
                    _markCopy = copy == 0 ? 1 : 0; // next write goes to the other copy
                }
            }
            return best;
        }

        private int SlotOf(long sequence)
        {
            return (int)((sequence - 1) % _capacity);
        }

        private bool ReadSlot(int slot, EventRecord into)
        {
            int read = _storage.Read(BlobName, slot * EventRecordCodec.SlotSize, _slot, 0, EventRecordCodec.SlotSize);
            return read == EventRecordCodec.SlotSize && EventRecordCodec.Decode(_slot, into);
        }

        private bool SlotIsBlank()
        {
            for (int i = 0; i < _slot.Length; i++)
                if (_slot[i] != 0 && _slot[i] != 0xFF)
                    return false;
            return true;
        }
    }
}
