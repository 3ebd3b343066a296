namespace Kiosk.Core.Loop
{
    /// <summary>What an <see cref="InputEvent"/> reports.</summary>
    public enum InputKind
    {
        None = 0,

        /// <summary>A digital input changed level. Source = input channel, Value = 1 high / 0 low.</summary>
        DigitalEdge = 1,

        /// <summary>The transport connected. Value = 1 when the broker kept the session.</summary>
        TransportConnected = 2,

        /// <summary>The transport lost its connection (or failed to connect). Payload = reason string.</summary>
        TransportLost = 3,

        /// <summary>A message arrived. Payload = <see cref="ReceivedMessage"/>.</summary>
        MessageReceived = 4,

        /// <summary>The broker acknowledged a QoS 1 publish. Value = message id.</summary>
        PublishAcknowledged = 5,

        /// <summary>An SNTP query answered. Payload = the UTC time (boxed DateTime) at <see cref="InputEvent.AtMillis"/>.</summary>
        ClockSynced = 6,

        /// <summary>The network link came up. Payload = the board's address.</summary>
        NetworkUp = 7,

        /// <summary>The network link went down or could not be brought up. Payload = reason string.</summary>
        NetworkDown = 8,

        /// <summary>An SNTP query failed. Payload = reason string.</summary>
        ClockSyncFailed = 9,
    }
}
