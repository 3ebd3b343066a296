using Kiosk.Core.Events;
using Kiosk.Core.Ports;
using Kiosk.Core.Protocol;

namespace Kiosk.Core.Link
{
    /// <summary>
    /// Keeps the device connected: connects with a last will ("offline", this boot and connection
    /// number, retained), reconnects with jittered exponential backoff, and gives up on an attempt
    /// that hangs. Why an attempt failed (DNS, TLS, refused credentials) is recorded through
    /// <see cref="FailureNotes"/> and delivered once connected. Nothing here blocks the loop: the transport reports back through input events,
    /// and the door keeps working whatever the network does.
    /// </summary>
    public sealed class ConnectionManager
    {
        /// <summary>An attempt with no answer after this long is abandoned and retried.</summary>
        public const int ConnectTimeoutMillis = 20000;

        private readonly IMessageTransport _transport;
        private readonly TransportConnectOptions _options;
        private readonly Topics _topics;
        private readonly MessageWriter _writer;
        private readonly IWallClock _wallClock;
        private readonly int _bootId;
        private readonly Backoff _backoff;
        private readonly EventLog _log;
        private readonly FailureNotes _notes = new FailureNotes();
        private LinkState _state = LinkState.Waiting;
        private long _nextAttemptAt;
        private long _attemptStartedAt;
        private int _connection;
        private int _consecutiveTimeouts;

        public ConnectionManager(IMessageTransport transport, TransportConnectOptions options, Topics topics, MessageWriter writer,
            IWallClock wallClock, int bootId, Backoff backoff, EventLog log)
        {
            _log = log;
            _transport = transport;
            _options = options;
            _topics = topics;
            _writer = writer;
            _wallClock = wallClock;
            _bootId = bootId;
            _backoff = backoff;
        }

        public LinkState State => _state;

        /// <summary>Connections made since boot; goes into birth and will so a late will from an older one is recognised.</summary>
        public int Connection => _connection;

        public int FailedAttempts => _backoff.Attempt;

        /// <summary>Attempts in a row that got no answer at all from the transport (a connect still blocking).</summary>
        public int ConsecutiveTimeouts => _consecutiveTimeouts;

        public void Tick(long nowMillis)
        {
            if (_state == LinkState.Waiting && nowMillis >= _nextAttemptAt)
            {
                _state = LinkState.Connecting;
                _attemptStartedAt = nowMillis;
                _options.WillTopic = _topics.Status;
                _options.WillPayload = _writer.Status(false, _bootId, _connection + 1, EventLog.ToUnixMillis(_wallClock.UtcNow));
                _options.WillRetain = true;
                _options.WillQos = 1;
                _transport.BeginConnect(_options);
            }
            else if (_state == LinkState.Connecting && nowMillis - _attemptStartedAt >= ConnectTimeoutMillis)
            {
                _consecutiveTimeouts++;
                _transport.Disconnect();
                Failed("no answer from " + _options.Host + " in " + ConnectTimeoutMillis / 1000 + " s", nowMillis);
            }
        }

        /// <summary>The transport connected: publish the birth and (re-)subscribe.</summary>
        public void Connected(long nowMillis)
        {
            _state = LinkState.Connected;
            _consecutiveTimeouts = 0;
            _connection++;
            _backoff.Reset();
            string after = _notes.Recovered(nowMillis);
            if (after != null)
                _log.Record(EventType.Link, LinkEvent.BrokerConnected, "mqtt", after);
            PublishBirth();
            _transport.Subscribe(_topics.Commands, 1);
            _transport.Subscribe(_topics.Status, 1);
        }

        public void PublishBirth()
        {
            _transport.Publish(_topics.Status, _writer.Status(true, _bootId, _connection, EventLog.ToUnixMillis(_wallClock.UtcNow)), 1, true, null);
        }

        /// <summary>The connection dropped, an attempt failed, or the link was found dead: wait, then try again.</summary>
        public void Lost(string reason, long nowMillis)
        {
            _consecutiveTimeouts = 0; // the transport answered
            Failed(reason, nowMillis);
        }

        private void Failed(string reason, long nowMillis)
        {
            if (_state == LinkState.Waiting)
                return;
            string why = reason == null ? "connection lost" : reason;
            if (_state == LinkState.Connected)
                why = "lost: " + why;
            if (_notes.Failed(why, nowMillis))
                _log.Record(EventType.Link, LinkEvent.BrokerFailed, "mqtt", why); // the store cuts it to fit
            _state = LinkState.Waiting;
            _nextAttemptAt = nowMillis + _backoff.Next();
        }

        /// <summary>Drops a connection that has stopped acknowledging (or whose network went away), and reconnects.</summary>
        public void Dead(string reason, long nowMillis)
        {
            _transport.Disconnect();
            Failed(reason, nowMillis);
        }
    }
}
