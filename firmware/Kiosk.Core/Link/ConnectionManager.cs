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
    /// With a broker cluster (config mqtt.failover) each failed attempt or lost connection moves on
    /// to the next broker in the list, wrapping round; a working broker is kept (docs/deployment.md:
    /// when a cluster node dies its boards are on another within seconds, and installers give each
    /// board the list in a different order so they spread over the nodes).
    /// </summary>
    public sealed class ConnectionManager
    {
        /// <summary>An attempt with no answer after this long is abandoned and retried.</summary>
        public const int ConnectTimeoutMillis = 20000;

        private readonly IMessageTransport _transport;
        private readonly TransportConnectOptions[] _brokers;
        private int _current;
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
            _brokers = BrokersOf(options);
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

        /// <summary>Which broker of the list the link uses or tries next: 0 is mqtt.host, 1.. the failover entries.</summary>
        public int BrokerIndex => _current;

        /// <summary>"host:port" of the broker in use or tried next.</summary>
        public string Broker => _brokers[_current].Host + ":" + _brokers[_current].Port;

        /// <summary>Attempts in a row that got no answer at all from the transport (a connect still blocking).</summary>
        public int ConsecutiveTimeouts => _consecutiveTimeouts;

        public void Tick(long nowMillis)
        {
            if (_state == LinkState.Waiting && nowMillis >= _nextAttemptAt)
            {
                _state = LinkState.Connecting;
                _attemptStartedAt = nowMillis;
                TransportConnectOptions options = _brokers[_current];
                options.WillTopic = _topics.Status;
                options.WillPayload = _writer.Status(false, _bootId, _connection + 1, EventLog.ToUnixMillis(_wallClock.UtcNow));
                options.WillRetain = true;
                options.WillQos = 1;
                _transport.BeginConnect(options);
            }
            else if (_state == LinkState.Connecting && nowMillis - _attemptStartedAt >= ConnectTimeoutMillis)
            {
                _consecutiveTimeouts++;
                _transport.Disconnect();
                Failed("no answer from " + _brokers[_current].Host + " in " + ConnectTimeoutMillis / 1000 + " s", nowMillis);
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
                _log.Record(EventType.Link, LinkEvent.BrokerConnected, "mqtt", _brokers.Length > 1 ? BrokerLabel() + after : after);
            PublishBirth();
            int qos = _brokers[_current].SubscribeQos;
            _transport.Subscribe(_topics.Commands, qos);
            _transport.Subscribe(_topics.Status, qos);
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
            if (_brokers.Length > 1)
            {
                why = BrokerLabel() + why;
                _current = (_current + 1) % _brokers.Length; // a cluster node that failed is likely still down: try the next
            }
            if (_notes.Failed(why, nowMillis))
                _log.Record(EventType.Link, LinkEvent.BrokerFailed, "mqtt", why); // the store cuts it to fit
            _state = LinkState.Waiting;
            _nextAttemptAt = nowMillis + _backoff.Next();
        }

        /// <summary>"broker 2 ": the position in the config's list (1 = mqtt.host), short enough to leave the reason room in a 40-character record.</summary>
        private string BrokerLabel()
        {
            return "broker " + (_current + 1) + " ";
        }

        /// <summary>The configured broker first, then one copy of its options per failover entry (built once: no allocation per attempt).</summary>
        private static TransportConnectOptions[] BrokersOf(TransportConnectOptions first)
        {
            int extra = first.FailoverHosts == null ? 0 : first.FailoverHosts.Length;
            TransportConnectOptions[] brokers = new TransportConnectOptions[1 + extra];
            brokers[0] = first;
            for (int i = 0; i < extra; i++)
            {
                TransportConnectOptions o = new TransportConnectOptions();
                o.Host = first.FailoverHosts[i];
                o.Port = first.FailoverPorts != null && i < first.FailoverPorts.Length ? first.FailoverPorts[i] : first.Port;
                o.UseTls = first.UseTls;
                o.CaCertificatePem = first.CaCertificatePem;
                o.ClientId = first.ClientId;
                o.Username = first.Username;
                o.Password = first.Password;
                o.KeepAliveSeconds = first.KeepAliveSeconds;
                o.ProtocolVersion = first.ProtocolVersion;
                o.SubscribeQos = first.SubscribeQos;
                brokers[1 + i] = o;
            }
            return brokers;
        }

        /// <summary>Drops a connection that has stopped acknowledging (or whose network went away), and reconnects.</summary>
        public void Dead(string reason, long nowMillis)
        {
            _transport.Disconnect();
            Failed(reason, nowMillis);
        }
    }
}
