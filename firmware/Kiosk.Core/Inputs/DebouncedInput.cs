namespace Kiosk.Core.Inputs
{
    /// <summary>What <see cref="DebouncedInput.Update"/> found.</summary>
    public enum InputChange
    {
        None = 0,

        /// <summary>The debounced condition became active (door opened, button pressed).</summary>
        Activated = 1,

        /// <summary>The debounced condition became inactive.</summary>
        Deactivated = 2,

        /// <summary>The input changed more often than the flap limit allows: a wiring fault, reported once.</summary>
        Faulted = 3,

        /// <summary>A faulted input has been quiet for a full window and is trusted again.</summary>
        Recovered = 4,
    }

    /// <summary>
    /// Debounce and edge detection for one digital input, on loop time. Raw edges carry the time
    /// the adapter saw them; the condition changes only once the raw level has held for the
    /// debounce time. An input that flaps past its limit (a loose wire, a failing contact) stops
    /// producing changes and is reported once as faulted, rather than flooding the event store.
    /// </summary>
    public sealed class DebouncedInput
    {
        /// <summary>The window the flap limit is counted over.</summary>
        public const int FlapWindowMillis = 60000;

        private readonly bool _activeHigh;
        private readonly int _debounceMillis;
        private readonly int _flapLimit;
        private bool _rawHigh;
        private long _rawSince;
        private bool _active;
        private bool _faulted;
        private long _windowStart;
        private int _edgesInWindow;
        private long _lastEdgeAt;

        public DebouncedInput(bool activeHigh, int debounceMillis, int flapLimitPerMinute, bool initialHigh, long nowMillis)
        {
            _activeHigh = activeHigh;
            _debounceMillis = debounceMillis;
            _flapLimit = flapLimitPerMinute;
            _rawHigh = initialHigh;
            _rawSince = nowMillis;
            _active = initialHigh == activeHigh;
            _windowStart = nowMillis;
        }

        /// <summary>The debounced condition: true = active (door open, button pressed, fire).</summary>
        public bool IsActive => _active;

        public bool IsFaulted => _faulted;

        /// <summary>Time of the last debounced change (or of construction).</summary>
        public long ChangedAt { get; private set; }

        /// <summary>The raw level has been stable for at least the debounce time.</summary>
        public bool IsSettled(long nowMillis)
        {
            return !_faulted && _rawHigh == (_active == _activeHigh) && nowMillis - _rawSince >= _debounceMillis;
        }

        /// <summary>A raw level seen by the adapter at <paramref name="atMillis"/>.</summary>
        public void Edge(bool high, long atMillis)
        {
            if (high == _rawHigh)
                return;
            _rawHigh = high;
            _rawSince = atMillis;
            _lastEdgeAt = atMillis;
            if (atMillis - _windowStart >= FlapWindowMillis)
            {
                _windowStart = atMillis;
                _edgesInWindow = 0;
            }
            _edgesInWindow++;
        }

        /// <summary>Re-reads the level after the input queue overflowed and edges may have been lost.</summary>
        public void Resample(bool high, long nowMillis)
        {
            Edge(high, nowMillis);
        }

        /// <summary>Runs debounce and the flap check; at most one change per call.</summary>
        public InputChange Update(long nowMillis)
        {
            if (_faulted)
            {
                if (nowMillis - _lastEdgeAt < FlapWindowMillis)
                    return InputChange.None;
                _faulted = false;
                _windowStart = nowMillis;
                _edgesInWindow = 0;
                _active = _rawHigh == _activeHigh;
                ChangedAt = nowMillis;
                return InputChange.Recovered;
            }
            if (_edgesInWindow > _flapLimit)
            {
                _faulted = true;
                return InputChange.Faulted;
            }
            bool rawActive = _rawHigh == _activeHigh;
            if (rawActive == _active || nowMillis - _rawSince < _debounceMillis)
                return InputChange.None;
            _active = rawActive;
            ChangedAt = nowMillis;
            return _active ? InputChange.Activated : InputChange.Deactivated;
        }
    }
}
