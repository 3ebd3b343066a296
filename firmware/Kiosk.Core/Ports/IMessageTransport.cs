namespace Kiosk.Core.Ports
{
    /// <summary>
    /// An MQTT-like message transport (M2Mqtt on the device, MQTTnet on desktop). Nothing here
    /// blocks the controller loop: connecting and acknowledgements are reported to the
    /// <see cref="ITransportListener"/>, whose adapter-side implementation queues them as input
    /// events, so the door keeps working while the network is slow or gone.
    /// </summary>
    public interface IMessageTransport
    {
        /// <summary>Where connection changes, messages and acknowledgements are reported.</summary>
        void SetListener(ITransportListener listener);

        /// <summary>Starts connecting (with the will in <paramref name="options"/>); the result arrives as OnConnected or OnConnectionLost.</summary>
        void BeginConnect(TransportConnectOptions options);

        bool IsConnected { get; }

        /// <summary>
        /// Queues a publish. Returns a message id that OnPublishAcknowledged reports for QoS 1, or -1
        /// if it could not be queued. <paramref name="correlationData"/> (MQTT 5 only; null otherwise)
        /// goes with replies so the sender can match them to its request.
        /// </summary>
        int Publish(string topic, byte[] payload, int qos, bool retain, byte[] correlationData);

        void Subscribe(string topicFilter, int qos);

        void Disconnect();
    }
}
