namespace Kiosk.Core.Config
{
    /// <summary>Where the controller reports. Credentials and keys are not here: they are in the device's secrets file.</summary>
    public sealed class MqttSettings
    {
        /// <summary>Broker host name or address; null when the config has no mqtt section (the controller then runs offline).</summary>
        public string Host;

        public int Port = 8883;

        /// <summary>TLS to the broker, with the CA from the secrets file. Off only for a lab broker.</summary>
        public bool Tls = true;

        /// <summary>3 (config \"3.1.1\") or 5 (config \"5\").</summary>
        public int Protocol = 5;

        public int KeepAliveSeconds = 30;

        /// <summary>
        /// QoS of the board's own subscriptions (commands, its status): 1, or 0 on a RabbitMQ 3.x
        /// cluster, where a QoS 1 subscription is a durable queue on one node that no other node will
        /// declare while that node is down (docs/deployment.md). Commands carry their own expiry and
        /// reply, so one lost at most once is seen by the console as a timeout, never run twice.
        /// </summary>
        public int SubscribeQos = 1;

        /// <summary>A broker cluster (or a standby broker) offers more than one address.</summary>
        public const int MaxFailover = 3;

        /// <summary>
        /// Further brokers of the same cluster ("failover": ["host", "host:port"]), tried in turn after
        /// the current one fails; same TLS, credentials and protocol. Empty when there is one broker.
        /// </summary>
        public string[] FailoverHosts = new string[0];

        /// <summary>Port of each <see cref="FailoverHosts"/> entry (<see cref="Port"/> where the entry names none).</summary>
        public int[] FailoverPorts = new int[0];
    }
}
