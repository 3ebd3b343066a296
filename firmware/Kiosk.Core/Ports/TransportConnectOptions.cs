namespace Kiosk.Core.Ports
{
    /// <summary>Everything a transport needs to connect, built once from the device config.</summary>
    public sealed class TransportConnectOptions
    {
        public string Host;
        public int Port = 8883;
        public bool UseTls = true;

        /// <summary>PEM of the CA that signed the broker's certificate; null trusts the platform store (desktop only).</summary>
        public string CaCertificatePem;

        public string ClientId;
        public string Username;
        public string Password;
        public int KeepAliveSeconds = 30;

        /// <summary>3 = MQTT 3.1.1, 5 = MQTT 5. Commands carry their reply fields in the payload so both work.</summary>
        public int ProtocolVersion = 5;

        /// <summary>Other brokers of the cluster (config mqtt.failover), with their ports; null or empty for one broker.</summary>
        public string[] FailoverHosts;
        public int[] FailoverPorts;

        /// <summary>QoS of the board's subscriptions (config mqtt.subscribeQos).</summary>
        public int SubscribeQos = 1;

        public string WillTopic;
        public byte[] WillPayload;
        public bool WillRetain = true;
        public int WillQos = 1;
    }
}
