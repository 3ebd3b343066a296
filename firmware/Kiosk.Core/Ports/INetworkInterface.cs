using Kiosk.Core.Config;

namespace Kiosk.Core.Ports
{
    /// <summary>
    /// The board's network link: Wi-Fi station or Ethernet (nanoFramework's WifiNetworkHelper /
    /// NetworkHelper on the device). <see cref="Connect"/> blocks, so the core calls it through an
    /// <see cref="IWorker"/>; a link that goes away later is reported through <see cref="INetworkListener"/>.
    /// </summary>
    public interface INetworkInterface
    {
        void SetListener(INetworkListener listener);

        /// <summary>
        /// Brings the link up (join, then DHCP or the fixed address) within <paramref name="timeoutMillis"/>.
        /// Returns null with the link up, or why not ("wrong Wi-Fi password", "no IP address from DHCP").
        /// </summary>
        string Connect(NetworkSettings settings, string wifiPassword, int timeoutMillis);

        /// <summary>The board's IPv4 address while up, else null.</summary>
        string Address { get; }
    }
}
