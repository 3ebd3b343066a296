using Kiosk.Core.Boot;
using Kiosk.Core.Events;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Health
{
    /// <summary>
    /// Restarts the board cleanly when it can no longer heal itself: free heap under the configured
    /// floor (a client library that leaks a little per reconnect), or a network call that never
    /// returned. Only at a quiet moment: door closed and locked (not in lock-down or fire release,
    /// which a restart would lift), no call, nothing awaiting the broker's acknowledgement; never in
    /// the middle of an unlock or a call. The reason is written before the restart, so the next
    /// boot's record says "planned: ...". A heap floor hit right after boot is reported, not acted
    /// on: restarting would only loop.
    /// </summary>
    public sealed class QuietRestart
    {
        /// <summary>Two heap readings in a row under the floor (one can catch a burst in flight).</summary>
        public const int ReadingsBelow = 2;

        /// <summary>No memory restart sooner than this after boot.</summary>
        public const long MinUptimeMillis = 10L * 60 * 1000;

        private readonly int _floorBytes;
        private readonly IPower _power;
        private readonly IStorage _storage;
        private readonly EventLog _log;
        private int _below;
        private bool _reportedTooSoon;
        private string _reason;
        private bool _restarted;

        /// <param name="power">null where the host cannot restart the controller (desktop): nothing is then planned.</param>
        public QuietRestart(int floorBytes, IPower power, IStorage storage, EventLog log)
        {
            _floorBytes = floorBytes;
            _power = power;
            _storage = storage;
            _log = log;
        }

        /// <summary>A restart is decided and waits for a quiet moment.</summary>
        public bool Pending => _reason != null;

        /// <summary>A heap reading (after a collection), taken with the heartbeat.</summary>
        public void Reading(long freeBytes, long uptimeMillis)
        {
            if (_floorBytes == 0 || _power == null || Pending || _restarted || freeBytes < 0)
                return;
            if (freeBytes >= _floorBytes)
            {
                _below = 0;
                return;
            }
            _below++;
            if (_below < ReadingsBelow)
                return;
            if (uptimeMillis < MinUptimeMillis)
            {
                if (!_reportedTooSoon)
                    _log.Record(EventType.LowMemory, 2, "heap", freeBytes + " B free < " + _floorBytes + " after boot");
                _reportedTooSoon = true;
                return;
            }
            _reason = "low-memory: " + freeBytes + " B free";
            _log.Record(EventType.LowMemory, 1, "heap", freeBytes + " B free < " + _floorBytes + ": restart when quiet");
        }

        /// <summary>Plans a restart for another reason (already recorded by the caller).</summary>
        public void Request(string reason)
        {
            if (_power != null && !Pending && !_restarted)
                _reason = reason;
        }

        /// <summary>Restarts now if a restart is pending and the entrance is quiet. Returns whether it did.</summary>
        public bool Tick(bool quiet)
        {
            if (!Pending || !quiet)
                return false;
            RebootReason.RecordPlanned(_storage, _reason);
            _reason = null;
            // A board does not come back from this; a host whose restart returns is not asked twice.
            _restarted = true;
            _power.Reboot();
            return true;
        }
    }
}
