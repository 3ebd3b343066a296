namespace Kiosk.Core.Link
{
    /// <summary>Codes of <see cref="Kiosk.Core.Events.EventType.Link"/> records. Stored on flash: never renumber.</summary>
    public static class LinkEvent
    {
        /// <summary>The network came up. Source = "wifi"/"ethernet"; Detail = address (and the failures before it).</summary>
        public const int NetworkUp = 1;

        /// <summary>Bringing the network up failed. Detail = why (wrong password, no DHCP answer, ...).</summary>
        public const int NetworkFailed = 2;

        /// <summary>A working network went away. Detail = why.</summary>
        public const int NetworkLost = 3;

        /// <summary>Connected to the broker after failures. Detail = how many and how long.</summary>
        public const int BrokerConnected = 4;

        /// <summary>The broker could not be reached or refused. Detail = why (DNS, TLS, bad credentials, ...).</summary>
        public const int BrokerFailed = 5;

        /// <summary>No network time. Detail = why.</summary>
        public const int TimeFailed = 6;

        /// <summary>A network call has not returned for ten minutes: a restart is planned for the next quiet moment. Detail = which.</summary>
        public const int StackHung = 7;
    }
}
