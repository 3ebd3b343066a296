using System;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Events
{
    /// <summary>
    /// Where the controller's parts record what happened: stamps each record with wall time, the
    /// synced flag and the boot id, appends it to the store, and records the store's own
    /// warnings. One record object is reused, so recording allocates no record.
    /// </summary>
    public sealed class EventLog
    {
        private const long UnixEpochTicks = 621355968000000000L;
        private readonly EventStore _store;
        private readonly IWallClock _clock;
        private readonly int _bootId;
        private readonly EventRecord _record = new EventRecord();
        private long _overwrittenReported;
        private long _droppedReported;

        public EventLog(EventStore store, IWallClock clock, int bootId)
        {
            _store = store;
            _clock = clock;
            _bootId = bootId;
        }

        public int BootId => _bootId;

        public EventStore Store => _store;

        /// <summary>Records an event; returns its sequence number, or 0 when the store left a routine record unwritten.</summary>
        public long Record(EventType type, int code, string source, string detail)
        {
            long sequence = Append(type, code, source, detail);
            if (_store.DroppedRoutine > _droppedReported && !_store.UnderPressure)
            {
                // Said once the pressure is off, not with every record while it lasts.
                Append(EventType.StoreWarning, 4, "event-store", "routine records not kept while full: " + (_store.DroppedRoutine - _droppedReported));
                _droppedReported = _store.DroppedRoutine;
            }
            if (_store.OverwrittenUndelivered > _overwrittenReported)
            {
                _overwrittenReported = _store.OverwrittenUndelivered;
                Append(EventType.StoreWarning, 2, "event-store", "overwrote undelivered: " + _overwrittenReported);
            }
            else if (_store.TakeNearlyFullWarning())
            {
                Append(EventType.StoreWarning, 1, "event-store", "undelivered " + _store.Undelivered + " of " + _store.Capacity);
            }
            return sequence;
        }

        /// <summary>2020-01-01: a clock before this has not been set.</summary>
        public const long PlausibleFromMillis = 1577836800000L;

        /// <summary>3000-01-01: nanoCLR's DateTime ends here (desktop .NET goes to 9999), so no wall time may pass it.</summary>
        public const long PlausibleUntilMillis = 32503680000000L;

        /// <summary>1601-01-01, where nanoCLR's DateTime begins.</summary>
        public const long EarliestMillis = -11644473600000L;

        public static long ToUnixMillis(DateTime utc)
        {
            return (utc.Ticks - UnixEpochTicks) / TimeSpan.TicksPerMillisecond;
        }

        /// <summary>The UTC time, held to 1601..2999 so it can be built on the device whatever the input.</summary>
        public static DateTime FromUnixMillis(long unixMillis)
        {
            if (unixMillis < EarliestMillis)
                unixMillis = EarliestMillis;
            else if (unixMillis >= PlausibleUntilMillis)
                unixMillis = PlausibleUntilMillis - 1;
            return new DateTime(UnixEpochTicks + unixMillis * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        }

        private long Append(EventType type, int code, string source, string detail)
        {
            _record.BootId = _bootId;
            _record.UnixMillis = ToUnixMillis(_clock.UtcNow);
            _record.TimeSynced = _clock.IsSynced;
            _record.Type = type;
            _record.Code = code;
            _record.Source = source == null ? "" : source;
            _record.Detail = detail == null ? "" : detail;
            return _store.Append(_record);
        }
    }
}
