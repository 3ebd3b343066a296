using Kiosk.Core.Events;

namespace Kiosk.Core.Security
{
    /// <summary>
    /// Security refusals are evidence, but a flood of them must not become the event log: the first
    /// <see cref="RecordedPerWindow"/> in a minute are recorded one by one (who claimed to send what,
    /// and why it was refused); the rest are counted and summarised when the minute ends, with the
    /// first and last reasons. So 10,000 forged commands in a second cost six records, not 10,000.
    /// </summary>
    public sealed class RefusalLog
    {
        public const int RecordedPerWindow = 5;
        public const int WindowMillis = 60000;

        private readonly EventLog _log;
        private long _windowStart = long.MinValue;
        private int _recorded;
        private int _suppressed;
        private string _first;
        private string _last;
        private string _lastSource;

        public RefusalLog(EventLog log)
        {
            _log = log;
        }

        /// <summary>Records or counts a refusal. Returns true when it was recorded one by one (and may be answered: a flood gets no flood of replies).</summary>
        public bool Refused(int result, string source, string detail, long nowMillis)
        {
            Roll(nowMillis);
            if (_recorded < RecordedPerWindow)
            {
                _recorded++;
                _log.Record(EventType.Command, result, source, detail);
                return true;
            }
            _suppressed++;
            if (_first == null)
                _first = detail;
            _last = detail;
            _lastSource = source;
            return false;
        }

        /// <summary>Closes a window that has ended (its summary is recorded then). Allocates nothing when there is nothing to say.</summary>
        public void Tick(long nowMillis)
        {
            if (_windowStart != long.MinValue && nowMillis - _windowStart >= WindowMillis)
                Roll(nowMillis);
        }

        private void Roll(long nowMillis)
        {
            if (_windowStart != long.MinValue && nowMillis - _windowStart < WindowMillis)
                return;
            if (_suppressed > 0)
                _log.Record(EventType.RefusalSummary, _suppressed > short.MaxValue ? short.MaxValue : _suppressed, _lastSource,
                    "first: " + Short(_first) + "; last: " + Short(_last));
            _windowStart = nowMillis;
            _recorded = 0;
            _suppressed = 0;
            _first = null;
            _last = null;
            _lastSource = null;
        }

        /// <summary>Both reasons must fit the record's 40 characters.</summary>
        private static string Short(string detail)
        {
            return detail.Length > 13 ? detail.Substring(0, 13) : detail;
        }
    }
}
