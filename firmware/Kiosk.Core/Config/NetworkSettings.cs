namespace Kiosk.Core.Config
{
    /// <summary>
    /// The board's own network link. DHCP unless <see cref="StaticIp"/> is given. The Wi-Fi password is
    /// not here: it is a secret and lives in the device's secrets file (<see cref="DeviceSecrets.WifiPassword"/>).
    /// </summary>
    public sealed class NetworkSettings
    {
        public NetworkType Type = NetworkType.None;

        /// <summary>Wi-Fi network name (up to 32 bytes of UTF-8: Chinese names are fine).</summary>
        public string Ssid;

        /// <summary>Fixed IPv4 address, or null for DHCP.</summary>
        public string StaticIp;

        public string SubnetMask;
        public string Gateway;

        /// <summary>DNS servers for a fixed address (one or two); empty with DHCP.</summary>
        public string[] DnsServers = new string[0];

        /// <summary>One bring-up attempt (join + address) is abandoned after this long and retried with backoff.</summary>
        public int ConnectTimeoutSeconds = 30;

        public bool Dhcp => StaticIp == null;
    }
}
