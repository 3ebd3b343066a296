using System;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Loop
{
    /// <summary>
    /// A clock that moves only when told to: monotonic and wall time together. Tests and the
    /// simulator's faster-than-real-time mode run the real controller on it.
    /// </summary>
    public sealed class VirtualClock : IMonotonicClock, IWallClock
    {
        private long _nowMillis;
        private DateTime _wallAtZero;
        private bool _synced;

        /// <param name="wallAtStart">Wall time at monotonic zero (UTC).</param>
        /// <param name="synced">Whether the wall clock starts synced; a board fresh from power-up is not.</param>
        public VirtualClock(DateTime wallAtStart, bool synced)
        {
            _wallAtZero = wallAtStart;
            _synced = synced;
        }

        public long NowMillis => _nowMillis;

        public DateTime UtcNow => _wallAtZero.AddTicks(_nowMillis * TimeSpan.TicksPerMillisecond);

        public bool IsSynced => _synced;

        public void Advance(long millis)
        {
            if (millis < 0)
                throw new ArgumentOutOfRangeException("millis", "A monotonic clock never goes back.");
            _nowMillis += millis;
        }

        public void Set(DateTime utc)
        {
            _wallAtZero = utc.AddTicks(-_nowMillis * TimeSpan.TicksPerMillisecond);
            _synced = true;
        }

        /// <summary>Moves wall time only (a skewed or drifting RTC), leaving monotonic time alone.</summary>
        public void SkewWall(TimeSpan by)
        {
            _wallAtZero = _wallAtZero.Add(by);
        }
    }
}
