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
    }
}
