using Kiosk.Core.Loop;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Link
{
    /// <summary>
    /// What a <see cref="KioskNode"/> needs beyond its transport on a board that owns its own
    /// network, clock and power. On a desktop host each may stay null: the host's network is simply
    /// there, the host keeps the clock, and nothing restarts the process.
    /// </summary>
    public sealed class NodeLinks
    {
        /// <summary>Queues the answers of the network and the time source for the loop.</summary>
        public QueueingTransportListener Listener;

        /// <summary>Runs blocking bring-up work off the loop.</summary>
        public IWorker Worker;

        public INetworkInterface Network;

        /// <summary>From the secrets file; null on Ethernet.</summary>
        public string WifiPassword;

        public ITimeSource TimeSource;

        public IPower Power;
    }
}
