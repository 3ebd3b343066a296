using System.Threading;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Link
{
    /// <summary>
    /// Brings the board's network up and keeps it up: one bring-up attempt at a time on the worker,
    /// abandoned after the configured timeout, retried with jittered backoff. Failures are recorded
    /// through <see cref="FailureNotes"/> (so a week without Wi-Fi does not flood the store) and
    /// delivered once the link is back. With no network interface (a desktop host whose network is
    /// simply there) it reports up from the start.
    /// </summary>
    public sealed class NetworkSupervisor
    {
        /// <summary>Slack over the adapter's own timeout before an attempt counts as hung.</summary>
        public const int HangSlackMillis = 5000;

        private const int Down = 0;
        private const int Connecting = 1;
        private const int Up = 2;

        private readonly INetworkInterface _network;
        private readonly NetworkSettings _settings;
        private readonly string _password;
        private readonly IWorker _worker;
        private readonly INetworkListener _listener;
        private readonly EventLog _log;
        private readonly Backoff _backoff;
        private readonly FailureNotes _notes = new FailureNotes();
        private readonly string _kind;
        private int _state;
        private long _nextAttemptAt;
        private long _attemptStartedAt;
        private int _attempt;
        private int _workerBusy; // 1 while an attempt blocks on the worker (Interlocked: nanoFramework has no volatile)
        private long _busySince = -1;

        public NetworkSupervisor(INetworkInterface network, NetworkSettings settings, string wifiPassword, IWorker worker,
            INetworkListener listener, EventLog log, Backoff backoff)
        {
            _network = network;
            _settings = settings;
            _password = wifiPassword;
            _worker = worker;
            _listener = listener;
            _log = log;
            _backoff = backoff;
            _kind = settings.Type == NetworkType.Wifi ? "wifi" : "ethernet";
            _state = network == null ? Up : Down;
        }

        public bool IsUp => _state == Up;

        /// <summary>Loop time the running bring-up attempt started, or -1 when none is blocking.</summary>
        public long BusySince => Interlocked.CompareExchange(ref _workerBusy, 0, 0) == 1 ? _busySince : -1;

        public void Tick(long nowMillis)
        {
            // A hung attempt is given up on, but its thread is not doubled: the next one starts when it returns.
            if (_state == Down && nowMillis >= _nextAttemptAt && Interlocked.CompareExchange(ref _workerBusy, 1, 0) == 0)
            {
                _state = Connecting;
                _attemptStartedAt = nowMillis;
                _busySince = nowMillis;
                _worker.Run(ConnectNow);
            }
            else if (_state == Connecting && nowMillis - _attemptStartedAt >= _settings.ConnectTimeoutSeconds * 1000L + HangSlackMillis)
            {
                Failed("no answer from the network adapter in " + _settings.ConnectTimeoutSeconds + " s", nowMillis);
            }
        }

        /// <summary>The adapter reports the link up (an attempt succeeded, or it reconnected by itself).</summary>
        public void NetworkUp(string address, long nowMillis)
        {
            if (_state == Up)
                return;
            _state = Up;
            _backoff.Reset();
            string after = _notes.Recovered(nowMillis);
            _log.Record(EventType.Link, LinkEvent.NetworkUp, _kind, after == null ? address : address + " " + after);
        }

        /// <summary>The adapter reports the link down, or an attempt failed.</summary>
        public void NetworkDown(string reason, long nowMillis)
        {
            if (_state == Up)
            {
                _log.Record(EventType.Link, LinkEvent.NetworkLost, _kind, reason);
                _notes.Failed(reason, nowMillis); // recorded just now as "lost"
                Retry(nowMillis);
            }
            else if (_state == Connecting)
            {
                Failed(reason, nowMillis);
            }
        }

        private void Failed(string reason, long nowMillis)
        {
            if (_notes.Failed(reason, nowMillis))
                _log.Record(EventType.Link, LinkEvent.NetworkFailed, _kind, reason);
            Retry(nowMillis);
        }

        private void Retry(long nowMillis)
        {
            _attempt++; // an attempt still blocking on the worker answers for nobody now
            _state = Down;
            _nextAttemptAt = nowMillis + _backoff.Next();
        }

        private void ConnectNow()
        {
            int attempt = _attempt;
            string why;
            try
            {
                why = _network.Connect(_settings, _password, _settings.ConnectTimeoutSeconds * 1000);
            }
            catch (System.Exception e)
            {
                why = "network adapter failed: " + e.Message;
            }
            finally
            {
                Interlocked.Exchange(ref _workerBusy, 0);
            }
            if (attempt != _attempt)
                return; // abandoned as hung; a later attempt owns the link now
            if (why == null)
                _listener.OnNetworkUp(_network.Address);
            else
                _listener.OnNetworkDown(why);
        }
    }
}
