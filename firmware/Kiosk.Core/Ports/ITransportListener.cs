namespace Kiosk.Core.Ports
{
    /// <summary>Called by a transport adapter, from any thread. Implementations only queue.</summary>
    public interface ITransportListener
    {
        void OnConnected(bool sessionPresent);

        void OnConnectionLost(string reason);

        /// <summary>
        /// A message on a subscribed topic. <paramref name="retained"/> matters: commands are never
        /// retained, and a retained one is dropped ("ghost switching" on reconnect).
        /// <paramref name="responseTopic"/> and <paramref name="correlationData"/> are null on MQTT 3.1.1.
        /// </summary>
        void OnMessage(string topic, byte[] payload, bool retained, string responseTopic, byte[] correlationData);

        /// <summary>The broker acknowledged a QoS 1 publish (PUBACK).</summary>
        void OnPublishAcknowledged(int messageId);
    }
}
