using System;
using System.Threading;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Link;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Time
{
    /// <summary>
    /// Sets the wall clock from network time: as soon as the network is up, then every
    /// <see cref="TimeSettings.SyncHours"/> (GB 50396: drift under 10 s a day, synced daily). Every
    /// setting is recorded as a clock-set event with its offset, so records made before it (flagged
    /// "synced": false) can be read for what they are. Failures are recorded through
    /// <see cref="FailureNotes"/> and retried with backoff.
    /// </summary>
    public sealed class ClockKeeper
    {
        public const int QueryTimeoutMillis = 10000;

        /// <summary>An answer older than this when the loop sees it is stale (the board was busy): ask again.</summary>
        public const int MaxAnswerAgeMillis = 2000;

        private readonly ITimeSource _source;
        private readonly TimeSettings _settings;
        private readonly IWorker _worker;
        private readonly QueueingTransportListener _listener;
        private readonly EntranceController _controller;
        private readonly Backoff _backoff;
        private readonly FailureNotes _notes = new FailureNotes();
        private bool _querying;
        private long _queryStartedAt;
        private long _nextSyncAt;
        private int _query;
        private int _workerBusy; // 1 while a query blocks on the worker

        public ClockKeeper(ITimeSource source, TimeSettings settings, IWorker worker, QueueingTransportListener listener,
            EntranceController controller, Backoff backoff)
        {
            _source = source;
            _settings = settings;
            _worker = worker;
            _listener = listener;
            _controller = controller;
            _backoff = backoff;
        }

        /// <summary>Loop time the running query started, or -1 when none is blocking.</summary>
        public long BusySince => Interlocked.CompareExchange(ref _workerBusy, 0, 0) == 1 ? _queryStartedAt : -1;

        public void Tick(long nowMillis, bool networkUp)
        {
            if (_querying && nowMillis - _queryStartedAt >= QueryTimeoutMillis * 2)
                Failed("no answer from the time source", nowMillis);
            if (_querying || !networkUp || nowMillis < _nextSyncAt || Interlocked.CompareExchange(ref _workerBusy, 1, 0) != 0)
                return;
            _querying = true;
            _queryStartedAt = nowMillis;
            _worker.Run(QueryNow);
        }

        /// <summary>The source answered with <paramref name="utc"/> at loop time <paramref name="atMillis"/>.</summary>
        public void Answered(DateTime utc, long atMillis, long nowMillis)
        {
            if (!_querying)
                return;
            long age = nowMillis - atMillis;
            if (age > MaxAnswerAgeMillis)
            {
                Failed("answer too old when handled (" + age + " ms)", nowMillis);
                return;
            }
            long answer = EventLog.ToUnixMillis(utc);
            if (answer < EventLog.PlausibleFromMillis || answer >= EventLog.PlausibleUntilMillis - 86400000L)
            {
                Failed("implausible time from the time source", nowMillis);
                return;
            }
            _querying = false;
            _backoff.Reset();
            _notes.Recovered(nowMillis);
            _controller.SetClock(utc.AddTicks(age * TimeSpan.TicksPerMillisecond), "sntp");
            _nextSyncAt = nowMillis + _settings.SyncHours * 3600000L;
        }

        public void FailedQuery(string reason, long nowMillis)
        {
            if (_querying)
                Failed(reason, nowMillis);
        }

        private void Failed(string reason, long nowMillis)
        {
            _querying = false;
            _query++; // a query still blocking answers for nobody
            if (_notes.Failed(reason, nowMillis))
                _controller.Log.Record(EventType.Link, LinkEvent.TimeFailed, "sntp", reason);
            _nextSyncAt = nowMillis + _backoff.Next();
        }

        private void QueryNow()
        {
            int query = _query;
            DateTime utc;
            string why;
            try
            {
                why = _source.Query(_settings.NtpServers, QueryTimeoutMillis, out utc);
            }
            catch (Exception e)
            {
                why = "time query failed: " + e.Message;
                utc = DateTime.MinValue;
            }
            finally
            {
                Interlocked.Exchange(ref _workerBusy, 0);
            }
            if (query != _query)
                return;
            if (why == null)
                _listener.OnClockAnswered(utc);
            else
                _listener.OnClockFailed(why);
        }
    }
}
