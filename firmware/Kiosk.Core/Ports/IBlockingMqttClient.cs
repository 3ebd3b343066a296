namespace Kiosk.Core.Ports
{
    /// <summary>
    /// The calls of a blocking MQTT client library, shaped after nanoFramework.M2Mqtt so the device's
    /// adapter is one line per call. <see cref="Kiosk.Core.Link.BlockingClientTransport"/> turns it
    /// into the non-blocking <see cref="IMessageTransport"/> the core uses, and owns every decision:
    /// one connect at a time, callbacks from a closed client ignored, refusals explained.
    /// </summary>
    public interface IBlockingMqttClient
    {
        /// <summary>
        /// Opens a new connection (TLS and will as <paramref name="options"/> say), blocking until the
        /// broker answers. Returns the CONNACK reason code (0 = accepted); throws when the network, DNS
        /// or TLS fails. Everything that happens on this connection afterwards is reported to
        /// <paramref name="sink"/> with <paramref name="connection"/>, so a late callback from an
        /// older connection can be told apart.
        /// </summary>
        int Connect(TransportConnectOptions options, int connection, IBlockingClientSink sink, out string failure);

        /// <summary>Queues a publish on the open connection; returns its packet id, or -1 when it cannot.</summary>
        int Publish(string topic, byte[] payload, int qos, bool retain);

        void Subscribe(string topicFilter, int qos);

        /// <summary>Drops the connection without DISCONNECT, as a dead link would (the broker sends the will).</summary>
        void Close();

        bool IsConnected { get; }
    }

    /// <summary>Where a <see cref="IBlockingMqttClient"/> reports, from its own threads.</summary>
    public interface IBlockingClientSink
    {
        void Received(int connection, string topic, byte[] payload, bool retained, string responseTopic, byte[] correlationData);

        void Acknowledged(int connection, int packetId);

        void Closed(int connection, string reason);
    }
}
