using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using Kiosk.Core.Config;
using Kiosk.Core.Ports;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>
    /// The board's network: Wi-Fi station on the DevKitC boards, Ethernet on olimex-esp32-poe (its
    /// LAN8720 is set up by the ESP32_OLIMEX runtime image; the app only configures addressing).
    /// A later loss or return of the link is reported from NetworkChange's events.
    /// </summary>
    public sealed class SiteNetwork : INetworkInterface
    {
        private const int PollMillis = 250;

        // Each join stores the Wi-Fi profile in the runtime's flash config block, so retries do not
        // re-join more often than this; between them the radio's automatic reconnection keeps trying.
        private const long RejoinEveryMillis = 10L * 60 * 1000;

        private INetworkListener _listener;
        private NetworkInterface _interface;
        private long _lastJoinAt = -RejoinEveryMillis;

        public SiteNetwork()
        {
            NetworkChange.NetworkAvailabilityChanged += OnAvailabilityChanged;
        }

        public void SetListener(INetworkListener listener)
        {
            _listener = listener;
        }

        public string Address
        {
            get
            {
                NetworkInterface ni = _interface;
                string address = ni == null ? null : ni.IPv4Address;
                return address == null || address.Length == 0 || address == "0.0.0.0" ? null : address;
            }
        }

        public string Connect(NetworkSettings settings, string wifiPassword, int timeoutMillis)
        {
            bool wifi = settings.Type == NetworkType.Wifi;
            NetworkInterface ni = Find(wifi ? NetworkInterfaceType.Wireless80211 : NetworkInterfaceType.Ethernet);
            if (ni == null)
                return "no " + (wifi ? "Wi-Fi" : "Ethernet") + " interface: wrong runtime image for this board?";
            _interface = ni;
            if (Address != null)
                return null; // already up (the radio reconnected by itself)
            ApplyAddressing(ni, settings);
            long started = Environment.TickCount64;
            if (wifi && started - _lastJoinAt >= RejoinEveryMillis)
            {
                _lastJoinAt = started;
                WifiAdapter[] adapters = WifiAdapter.FindAllAdapters();
                if (adapters.Length == 0)
                    return "no Wi-Fi adapter";
                WifiConnectionResult result = adapters[0].Connect(settings.Ssid, WifiReconnectionKind.Automatic, wifiPassword);
                string why = Explain(result.ConnectionStatus, settings.Ssid);
                if (why != null)
                    return why;
            }
            while (Environment.TickCount64 - started < timeoutMillis)
            {
                if (Address != null)
                    return null;
                Thread.Sleep(PollMillis);
            }
            if (wifi && started != _lastJoinAt)
                return "Wi-Fi '" + settings.Ssid + "' not joined yet (radio retrying)";
            return settings.Dhcp ? "no address from DHCP in " + timeoutMillis / 1000 + " s" : "link not up in " + timeoutMillis / 1000 + " s";
        }

        /// <summary>DHCP or the fixed address, written only when it differs (it is kept in flash).</summary>
        private static void ApplyAddressing(NetworkInterface ni, NetworkSettings settings)
        {
            if (settings.Dhcp)
            {
                if (!ni.IsDhcpEnabled)
                    ni.EnableDhcp();
                return;
            }
            if (ni.IsDhcpEnabled || ni.IPv4Address != settings.StaticIp || ni.IPv4SubnetMask != settings.SubnetMask || ni.IPv4GatewayAddress != settings.Gateway)
            {
                ni.EnableStaticIPv4(settings.StaticIp, settings.SubnetMask, settings.Gateway);
                ni.EnableStaticIPv4Dns(settings.DnsServers);
            }
        }

        private static string Explain(WifiConnectionStatus status, string ssid)
        {
            switch (status)
            {
                case WifiConnectionStatus.Success: return null;
                case WifiConnectionStatus.InvalidCredential: return "wrong Wi-Fi password for '" + ssid + "'";
                case WifiConnectionStatus.NetworkNotAvailable: return "Wi-Fi '" + ssid + "' not found";
                case WifiConnectionStatus.Timeout: return "Wi-Fi '" + ssid + "' did not answer";
                case WifiConnectionStatus.AccessRevoked: return "Wi-Fi '" + ssid + "' refused this board";
                case WifiConnectionStatus.UnsupportedAuthenticationProtocol: return "Wi-Fi '" + ssid + "': security not supported (use WPA2)";
                default: return "Wi-Fi '" + ssid + "' join failed";
            }
        }

        private static NetworkInterface Find(NetworkInterfaceType type)
        {
            NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < all.Length; i++)
                if (all[i].NetworkInterfaceType == type)
                    return all[i];
            return null;
        }

        private void OnAvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
        {
            INetworkListener listener = _listener;
            if (listener == null)
                return;
            string address = Address;
            if (e.IsAvailable && address != null)
                listener.OnNetworkUp(address);
            else if (!e.IsAvailable)
                listener.OnNetworkDown("link lost");
        }
    }
}
