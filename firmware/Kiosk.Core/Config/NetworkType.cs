namespace Kiosk.Core.Config
{
    /// <summary>How the board reaches the site network. The board profile says which its hardware has.</summary>
    public enum NetworkType
    {
        /// <summary>No network section: the controller runs the door alone and keeps every event on flash.</summary>
        None = 0,

        /// <summary>Wi-Fi station (the DevKitC boards). SSID here, password in the secrets file.</summary>
        Wifi = 1,

        /// <summary>Wired Ethernet (olimex-esp32-poe: LAN8720, set up by the runtime image).</summary>
        Ethernet = 2,
    }
}
