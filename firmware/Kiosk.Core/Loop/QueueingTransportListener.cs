using System;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Loop
{
    /// <summary>
    /// The listener of the transport, the network link and the time source on both device and
    /// desktop: turns callbacks from their threads into input events on the loop's queue, so all
    /// protocol handling runs on the loop.
    /// </summary>
    public sealed class QueueingTransportListener : ITransportListener, INetworkListener
    {
        private readonly InputQueue _queue;
        private readonly IMonotonicClock _clock;

        public QueueingTransportListener(InputQueue queue, IMonotonicClock clock)
        {
            _queue = queue;
            _clock = clock;
        }

        public void OnConnected(bool sessionPresent)
        {
            _queue.Enqueue(InputKind.TransportConnected, 0, sessionPresent ? 1 : 0, _clock.NowMillis);
        }

        public void OnConnectionLost(string reason)
        {
            _queue.Enqueue(new InputEvent(InputKind.TransportLost, 0, 0, _clock.NowMillis, reason));
        }

        public void OnMessage(string topic, byte[] payload, bool retained, string responseTopic, byte[] correlationData)
        {
            _queue.Enqueue(new InputEvent(InputKind.MessageReceived, 0, 0, _clock.NowMillis,
                new ReceivedMessage(topic, payload, retained, responseTopic, correlationData)));
        }

        public void OnPublishAcknowledged(int messageId)
        {
            _queue.Enqueue(InputKind.PublishAcknowledged, 0, messageId, _clock.NowMillis);
        }

        public void OnNetworkUp(string address)
        {
            _queue.Enqueue(new InputEvent(InputKind.NetworkUp, 0, 0, _clock.NowMillis, address));
        }

        public void OnNetworkDown(string reason)
        {
            _queue.Enqueue(new InputEvent(InputKind.NetworkDown, 0, 0, _clock.NowMillis, reason));
        }

        /// <summary>An SNTP answer: the time it gave, stamped with when it was read.</summary>
        public void OnClockAnswered(DateTime utc)
        {
            _queue.Enqueue(new InputEvent(InputKind.ClockSynced, 0, 0, _clock.NowMillis, utc));
        }

        public void OnClockFailed(string reason)
        {
            _queue.Enqueue(new InputEvent(InputKind.ClockSyncFailed, 0, 0, _clock.NowMillis, reason));
        }
    }
}
