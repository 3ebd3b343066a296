using System;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Kiosk.Core;
using Kiosk.Core.Ports;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>
    /// The message transport on the device, over nanoFramework.M2Mqtt: MQTT 3.1.1 or 5, TLS 1.2 with
    /// the broker's CA pinned from the device config. M2Mqtt's Connect blocks, so it runs on its own
    /// thread; every callback is handed to the listener, which queues it for the controller's loop.
    /// M2Mqtt 5.1 exposes neither response topic nor correlation data on received messages, nor
    /// correlation data on publish: replies from the device are correlated by the payload's "id"
    /// (docs/protocol.md), which is why every reply carries it.
    /// </summary>
    public sealed class M2MqttTransport : IMessageTransport
    {
        private readonly object _gate = new object();
        private MqttClient _client;
        private ITransportListener _listener;
        private bool _connecting;

        public void SetListener(ITransportListener listener)
        {
            _listener = listener;
        }

        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && client.IsConnected;
            }
        }

        public void BeginConnect(TransportConnectOptions options)
        {
            lock (_gate)
            {
                if (_connecting)
                    return;
                _connecting = true;
            }
            TransportConnectOptions o = options;
            new Thread(() => Connect(o)).Start();
        }

        public int Publish(string topic, byte[] payload, int qos, bool retain, byte[] correlationData)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
                return -1;
            try
            {
                return client.Publish(topic, payload, null, null, qos >= 1 ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce, retain);
            }
            catch (Exception)
            {
                return -1; // the outbox sends it again once connected
            }
        }

        public void Subscribe(string topicFilter, int qos)
        {
            MqttClient client = _client;
            if (client == null)
                return;
            client.Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { qos >= 1 ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce });
        }

        public void Disconnect()
        {
            MqttClient client = _client;
            _client = null;
            if (client == null)
                return;
            try
            {
                client.Close(); // no DISCONNECT packet: the broker publishes the will, as for a dead link
            }
            catch (Exception)
            {
                // already gone
            }
        }

        private void Connect(TransportConnectOptions o)
        {
            try
            {
                X509Certificate ca = o.UseTls && o.CaCertificatePem != null ? new X509Certificate(o.CaCertificatePem) : null;
                MqttClient client = new MqttClient(o.Host, o.Port, o.UseTls, ca, null, o.UseTls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
                client.ProtocolVersion = o.ProtocolVersion == 5 ? MqttProtocolVersion.Version_5 : MqttProtocolVersion.Version_3_1_1;
                client.MqttMsgPublishReceived += OnPublishReceived;
                client.MqttMsgPublished += OnPublished;
                client.ConnectionClosed += OnClosed;
                string will = o.WillPayload == null ? null : Ascii.Decode(o.WillPayload, 0, o.WillPayload.Length);
                MqttReasonCode code = client.Connect(o.ClientId, o.Username, o.Password, o.WillRetain,
                    o.WillQos >= 1 ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce, o.WillTopic != null, o.WillTopic, will,
                    true, (ushort)o.KeepAliveSeconds);
                if (code != MqttReasonCode.Success)
                {
                    client.Close();
                    Report(false, "broker refused: reason " + (int)code);
                    return;
                }
                _client = client;
                Report(true, null);
            }
            catch (Exception e)
            {
                Report(false, "connect failed: " + e.Message);
            }
        }

        private void Report(bool connected, string reason)
        {
            lock (_gate)
            {
                _connecting = false;
            }
            ITransportListener listener = _listener;
            if (listener == null)
                return;
            if (connected)
                listener.OnConnected(false);
            else
                listener.OnConnectionLost(reason);
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            ITransportListener listener = _listener;
            if (listener != null)
                listener.OnMessage(e.Topic, e.Message, e.Retain, null, null);
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            ITransportListener listener = _listener;
            if (listener != null && e.IsPublished)
                listener.OnPublishAcknowledged(e.MessageId);
        }

        private void OnClosed(object sender, EventArgs e)
        {
            ITransportListener listener = _listener;
            if (listener != null)
                listener.OnConnectionLost("connection closed");
        }

    }
}
