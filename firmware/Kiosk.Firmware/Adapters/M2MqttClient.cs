using System;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Core;
using Kiosk.Core.Link;
using Kiosk.Core.Ports;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>
    /// nanoFramework.M2Mqtt behind the core's blocking-client port: one line per call, a new client
    /// per connection (so nothing of a dead connection's state is carried into the next), TLS 1.2
    /// with only the site CA trusted. Every decision (when to connect, what a refusal means, which
    /// callbacks are stale) is the core's BlockingClientTransport's.
    /// </summary>
    public sealed class M2MqttClient : IBlockingMqttClient
    {
        private MqttClient _client;

        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && client.IsConnected;
            }
        }

        public int Connect(TransportConnectOptions o, int connection, IBlockingClientSink sink, out string failure)
        {
            failure = null;
            MqttClient client;
            try
            {
                X509Certificate ca = o.UseTls && o.CaCertificatePem != null ? new X509Certificate(o.CaCertificatePem) : null;
                client = new MqttClient(o.Host, o.Port, o.UseTls, ca, null, o.UseTls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            }
            catch (Exception e)
            {
                failure = "broker CA unreadable: " + e.Message;
                return -1;
            }
            client.ProtocolVersion = o.ProtocolVersion == 5 ? MqttProtocolVersion.Version_5 : MqttProtocolVersion.Version_3_1_1;
            new ConnectionEvents(connection, sink).Attach(client);
            _client = client;
            try
            {
                string will = o.WillPayload == null ? null : Ascii.Decode(o.WillPayload, 0, o.WillPayload.Length);
                MqttReasonCode code = client.Connect(o.ClientId, o.Username, o.Password, o.WillRetain, Qos(o.WillQos),
                    o.WillTopic != null, o.WillTopic, will, true, (ushort)o.KeepAliveSeconds);
                return (int)code;
            }
            catch (Exception e)
            {
                failure = Explain(e, o.Host);
                return -1;
            }
        }

        public int Publish(string topic, byte[] payload, int qos, bool retain)
        {
            MqttClient client = _client;
            return client == null ? -1 : client.Publish(topic, payload, null, null, Qos(qos), retain);
        }

        public void Subscribe(string topicFilter, int qos)
        {
            MqttClient client = _client;
            if (client != null)
                client.Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { Qos(qos) });
        }

        public void Close()
        {
            MqttClient client = _client;
            _client = null;
            if (client != null)
                client.Close(); // no DISCONNECT packet: the broker publishes the will, as for a dead link
        }

        private static MqttQoSLevel Qos(int qos)
        {
            return qos >= 1 ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce;
        }

        /// <summary>Socket errors in the core's words; TLS and anything else by the innermost message.</summary>
        private static string Explain(Exception e, string host)
        {
            Exception innermost = e;
            for (Exception inner = e; inner != null; inner = inner.InnerException)
            {
                SocketException socket = inner as SocketException;
                if (socket != null)
                    return SocketFailures.Describe(socket.ErrorCode, host);
                innermost = inner;
            }
            // A broker certificate the site CA did not sign fails in the TLS handshake, before MQTT.
            return "connect failed (TLS or network): " + innermost.Message;
        }

        /// <summary>One connection's callbacks, tagged with its number so the core can drop a stale one's.</summary>
        private sealed class ConnectionEvents
        {
            private readonly int _connection;
            private readonly IBlockingClientSink _sink;

            public ConnectionEvents(int connection, IBlockingClientSink sink)
            {
                _connection = connection;
                _sink = sink;
            }

            public void Attach(MqttClient client)
            {
                client.MqttMsgPublishReceived += OnPublishReceived;
                client.MqttMsgPublished += OnPublished;
                client.ConnectionClosed += OnClosed;
            }

            private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
            {
                // M2Mqtt 5.1 exposes neither response topic nor correlation data on received messages:
                // replies are correlated by the payload's "id" (docs/protocol.md).
                _sink.Received(_connection, e.Topic, e.Message, e.Retain, null, null);
            }

            private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
            {
                if (e.IsPublished)
                    _sink.Acknowledged(_connection, e.MessageId);
            }

            private void OnClosed(object sender, EventArgs e)
            {
                _sink.Closed(_connection, "connection closed");
            }
        }
    }
}
