namespace Kiosk.Core.Config
{
    /// <summary>
    /// One device's secrets, from a file of its own (never in the shareable config): its broker
    /// credentials, its command key, and the CA that signed the broker's certificate. Made per device
    /// by the provisioning tool; there is no default and nothing is shared between devices.
    /// </summary>
    public sealed class DeviceSecrets
    {
        public const int KeyBytes = 32;
        public const int MinPasswordLength = 16;

        public string DeviceId;
        public string MqttUsername;
        public string MqttPassword;

        /// <summary>The HMAC-SHA256 key commands to this device are signed with.</summary>
        public byte[] CommandKey;

        /// <summary>WPA2 passphrase of the site's Wi-Fi (8..63 characters); null on Ethernet.</summary>
        public string WifiPassword;

        /// <summary>PEM of the broker's CA; null when TLS is off.</summary>
        public string CaCertificatePem;
    }
}
