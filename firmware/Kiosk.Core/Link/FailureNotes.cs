namespace Kiosk.Core.Link
{
    /// <summary>
    /// Decides which failures of one link (network, broker, time) become event records. A board
    /// that cannot reach its broker for a week retries thousands of times; recording each would
    /// overwrite the door events the store is for. So: the first failure of an outage, then only a
    /// changed reason, at most <see cref="MaxRecordedPerOutage"/>; the recovery says how many there were.
    /// </summary>
    public sealed class FailureNotes
    {
        public const int MaxRecordedPerOutage = 5;

        private string _lastRecorded;
        private int _recorded;
        private int _failures;
        private long _firstFailureAt;

        /// <summary>Failures since the link last worked.</summary>
        public int Failures => _failures;

        /// <summary>Counts a failure; true when it should be recorded.</summary>
        public bool Failed(string reason, long nowMillis)
        {
            if (_failures == 0)
                _firstFailureAt = nowMillis;
            _failures++;
            if (_recorded >= MaxRecordedPerOutage || reason == _lastRecorded)
                return false;
            _lastRecorded = reason;
            _recorded++;
            return true;
        }

        /// <summary>The link works again: "after N failures over S s", or null when nothing had failed.</summary>
        public string Recovered(long nowMillis)
        {
            string summary = _failures == 0 ? null
                : "after " + _failures + " failed, " + (nowMillis - _firstFailureAt) / 1000 + " s";
            _failures = 0;
            _recorded = 0;
            _lastRecorded = null;
            return summary;
        }
    }
}
