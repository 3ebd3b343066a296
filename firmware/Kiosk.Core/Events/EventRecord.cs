namespace Kiosk.Core.Events
{
    /// <summary>
    /// One event as kept on the device and reported to the centre: what GB 50396 asks of an event
    /// record (time with a four-digit year, target, location, action), plus what delivery needs
    /// (sequence number and boot id, so the centre can order and de-duplicate).
    /// </summary>
    public sealed class EventRecord
    {
        /// <summary>Longest Source kept on flash, in UTF-8 bytes; longer text is cut at a character boundary.</summary>
        public const int MaxSourceLength = 24;

        /// <summary>Longest Detail kept on flash, in UTF-8 bytes; longer text is cut at a character boundary.</summary>
        public const int MaxDetailLength = 40;

        /// <summary>1, 2, 3 ... across reboots: the store continues from the highest it finds.</summary>
        public long Sequence;

        /// <summary>Which boot wrote it (counts up on every start).</summary>
        public int BootId;

        /// <summary>Wall time, ms since 1970-01-01 UTC.</summary>
        public long UnixMillis;

        /// <summary>Whether the wall clock had been synced when this was recorded.</summary>
        public bool TimeSynced;

        public EventType Type;

        /// <summary>Type-specific number (new state, alarm kind, result code, circuit).</summary>
        public int Code;

        /// <summary>Who or what: input name, call id, command source.</summary>
        public string Source = "";

        /// <summary>Free text: reason, result detail, counters.</summary>
        public string Detail = "";

        // What EventRecordCodec.Decode last read into Source and Detail: made at the first decode
        // into this record, so a scratch record read per event reuses its names' strings.
        internal DecodedText SourceText;
        internal DecodedText DetailText;

        public void CopyFrom(EventRecord other)
        {
            Sequence = other.Sequence;
            BootId = other.BootId;
            UnixMillis = other.UnixMillis;
            TimeSynced = other.TimeSynced;
            Type = other.Type;
            Code = other.Code;
            Source = other.Source;
            Detail = other.Detail;
        }
    }
}
