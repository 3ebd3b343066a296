using System;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Link
{
    /// <summary>
    /// The message transport over a blocking MQTT client (M2Mqtt on the device). The connect, which
    /// blocks for as long as DNS, TCP, TLS and the broker take, runs on an <see cref="IWorker"/>;
    /// the loop never waits on it. Decisions that are the same for every client library live here,
    /// tested on the virtual clock and against real brokers: one connect at a time; a connection the
    /// core has given up on (<see cref="Disconnect"/>) is closed and its late callbacks ignored; a
    /// broker's refusal is put in words. What happens to unacknowledged publishes is the outbox's
    /// business: they are simply sent again on the next connection.
    /// </summary>
    public sealed class BlockingClientTransport : IMessageTransport, IBlockingClientSink
    {
        private readonly IBlockingMqttClient _client;
        private readonly IWorker _worker;
        private readonly object _gate = new object();
        private ITransportListener _listener;
        private TransportConnectOptions _pending;
        private int _connection;
        private bool _connecting;
        private bool _connected;

        public BlockingClientTransport(IBlockingMqttClient client, IWorker worker)
        {
            _client = client;
            _worker = worker;
        }

        public void SetListener(ITransportListener listener)
        {
            _listener = listener;
        }

        public bool IsConnected
        {
            get
            {
                lock (_gate)
                    return _connected && _client.IsConnected;
            }
        }

        public void BeginConnect(TransportConnectOptions options)
        {
            lock (_gate)
            {
                // A connect still blocking (a dead DNS server can hold one for a minute) is not
                // doubled; the connection manager's attempt timeout brings the next try.
                if (_connecting)
                    return;
                _connecting = true;
                _connected = false;
                _connection++;
                _pending = options;
            }
            _worker.Run(ConnectNow);
        }

        public int Publish(string topic, byte[] payload, int qos, bool retain, byte[] correlationData)
        {
            // The blocking client speaks MQTT 3.1.1-style publishes only: replies are correlated by
            // the payload's "id" (docs/protocol.md), so correlation data is not needed here.
            if (!IsConnected)
                return -1;
            try
            {
                return _client.Publish(topic, payload, qos, retain);
            }
            catch (Exception)
            {
                return -1; // the outbox sends it again once connected
            }
        }

        public void Subscribe(string topicFilter, int qos)
        {
            if (!IsConnected)
                return;
            try
            {
                _client.Subscribe(topicFilter, qos);
            }
            catch (Exception)
            {
                Lost(CurrentConnection(), "subscribe failed");
            }
        }

        public void Disconnect()
        {
            lock (_gate)
            {
                _connected = false;
                _connection++; // whatever the old connection still reports is stale now
            }
            CloseQuietly();
        }

        // ---- the client's callbacks (its threads) ------------------------------------------

        public void Received(int connection, string topic, byte[] payload, bool retained, string responseTopic, byte[] correlationData)
        {
            ITransportListener listener = _listener;
            if (listener != null && IsCurrent(connection))
                listener.OnMessage(topic, payload, retained, responseTopic, correlationData);
        }

        public void Acknowledged(int connection, int packetId)
        {
            ITransportListener listener = _listener;
            if (listener != null && IsCurrent(connection))
                listener.OnPublishAcknowledged(packetId);
        }

        public void Closed(int connection, string reason)
        {
            Lost(connection, reason == null ? "connection closed" : reason);
        }

        // ---- internals ----------------------------------------------------------------------

        private void ConnectNow()
        {
            TransportConnectOptions options;
            int connection;
            lock (_gate)
            {
                options = _pending;
                connection = _connection;
            }
            string failure = null;
            int code;
            try
            {
                code = _client.Connect(options, connection, this, out failure);
            }
            catch (Exception e)
            {
                code = -1;
                failure = "connect failed: " + e.Message;
            }
            bool current;
            lock (_gate)
            {
                _connecting = false;
                current = connection == _connection;
                if (current && code == 0)
                    _connected = true;
            }
            if (code == 0 && current)
            {
                ITransportListener listener = _listener;
                if (listener != null)
                    listener.OnConnected(false);
                return;
            }
            // Refused, failed, or given up on while it was blocking: close whatever half-opened.
            CloseQuietly();
            if (!current)
                return;
            ITransportListener l = _listener;
            if (l != null)
                l.OnConnectionLost(code > 0 ? ConnackReasons.Describe(code) : failure == null ? "connect failed" : failure);
        }

        private void Lost(int connection, string reason)
        {
            lock (_gate)
            {
                if (connection != _connection || !_connected)
                    return;
                _connected = false;
            }
            CloseQuietly();
            ITransportListener listener = _listener;
            if (listener != null)
                listener.OnConnectionLost(reason);
        }

        private bool IsCurrent(int connection)
        {
            lock (_gate)
                return connection == _connection && _connected;
        }

        private int CurrentConnection()
        {
            lock (_gate)
                return _connection;
        }

        private void CloseQuietly()
        {
            try
            {
                _client.Close();
            }
            catch (Exception)
            {
                // already gone
            }
        }
    }
}
