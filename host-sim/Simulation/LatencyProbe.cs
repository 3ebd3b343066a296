using System;
using System.Diagnostics;
using System.Threading;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Simulation;

/// <summary>
/// Stopwatch timestamps at each hand-over of a simulated board's fast paths, for the benchmark's
/// breakdown: a command arriving from the transport, queued for the loop, taken by the loop; an
/// event handed to the transport, with the start of the loop step that produced it. It sits
/// around the board's transport listener, loop handler and transport as thin decorators, so the
/// core never knows it is timed. Only the latest of each is kept (the benchmark has one command
/// in flight at a time); publishes are kept in a small ring so a subscriber can find its own.
/// </summary>
public sealed class LatencyProbe
{
    private const int PublishRing = 64;
    private readonly object _gate = new();
    private readonly byte[]?[] _published;
    private readonly long[] _publishedAt;
    private readonly long[] _publishedStep;
    private int _next;
    private long _messageArrived;
    private long _messageQueued;
    private long _messageTaken;
    private long _stepStarted;
    private int _unacknowledged;

    /// <param name="keepPublishes">
    /// keep the latest publishes for <see cref="TryFindPublish"/>; off for a fleet, where 1,000 rings
    /// of payloads would hold megabytes that the boards themselves do not
    /// </param>
    public LatencyProbe(bool keepPublishes = true)
    {
        var size = keepPublishes ? PublishRing : 0;
        _published = new byte[]?[size];
        _publishedAt = new long[size];
        _publishedStep = new long[size];
    }

    /// <summary>
    /// QoS 1 publishes the board handed to its transport that the broker has not yet acknowledged:
    /// the outbox's events, and also the replies and the retained state, which bypass it. Zero means
    /// the board's link is quiet, so a measured command races none of its predecessor's traffic.
    /// </summary>
    public int Unacknowledged => Volatile.Read(ref _unacknowledged);

    /// <summary>
    /// True once the transport's receive callback for the latest message has returned (it stamps
    /// <see cref="MessageQueued"/> last). The loop may take the message and write the lock before
    /// that thread runs again, so until then <see cref="MessageQueued"/> still holds the previous one's.
    /// </summary>
    public bool MessageStamped => MessageQueued >= MessageArrived;

    /// <summary>When the transport's receive callback handed over the latest message (before its queueing).</summary>
    public long MessageArrived => Interlocked.Read(ref _messageArrived);

    /// <summary>When that message was on the loop's queue (the hand-off done, the loop signalled).</summary>
    public long MessageQueued => Interlocked.Read(ref _messageQueued);

    /// <summary>When the loop took that message from its queue and began to read it.</summary>
    public long MessageTaken => Interlocked.Read(ref _messageTaken);

    /// <summary>
    /// When the board handed <paramref name="payload"/> (byte for byte) to its transport, and when
    /// the loop step that produced it began (the tick that accepted a debounced press); false when
    /// it is no longer in the ring.
    /// </summary>
    public bool TryFindPublish(ReadOnlySpan<byte> payload, out long publishedAt, out long stepStartedAt)
    {
        lock (_gate)
        {
            for (var i = 0; i < _published.Length; i++)
            {
                var slot = (_next - 1 - i + PublishRing) % PublishRing;
                if (_published[slot] is { } p && payload.SequenceEqual(p))
                {
                    publishedAt = _publishedAt[slot];
                    stepStartedAt = _publishedStep[slot];
                    return true;
                }
            }
        }
        publishedAt = stepStartedAt = 0;
        return false;
    }

    internal ITransportListener Listener(ITransportListener inner) => new ProbedListener(this, inner);

    internal IInputHandler Handler(IInputHandler inner) => new ProbedHandler(this, inner);

    internal IMessageTransport Transport(IMessageTransport inner) => new ProbedTransport(this, inner);

    private void Published(byte[] payload)
    {
        if (_published.Length == 0)
            return;
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _published[_next] = payload;
            _publishedAt[_next] = now;
            _publishedStep[_next] = Interlocked.Read(ref _stepStarted);
            _next = (_next + 1) % PublishRing;
        }
    }

    private sealed class ProbedListener(LatencyProbe probe, ITransportListener inner) : ITransportListener, INetworkListener
    {
        public void OnConnected(bool sessionPresent) => inner.OnConnected(sessionPresent);

        public void OnConnectionLost(string reason)
        {
            Interlocked.Exchange(ref probe._unacknowledged, 0); // what was in flight is never acknowledged now
            inner.OnConnectionLost(reason);
        }

        public void OnPublishAcknowledged(int messageId)
        {
            Interlocked.Decrement(ref probe._unacknowledged);
            inner.OnPublishAcknowledged(messageId);
        }

        public void OnMessage(string topic, byte[] payload, bool retained, string responseTopic, byte[] correlationData)
        {
            Interlocked.Exchange(ref probe._messageArrived, Stopwatch.GetTimestamp());
            inner.OnMessage(topic, payload, retained, responseTopic, correlationData);
            Interlocked.Exchange(ref probe._messageQueued, Stopwatch.GetTimestamp());
        }

        public void OnNetworkUp(string address) => ((INetworkListener)inner).OnNetworkUp(address);

        public void OnNetworkDown(string reason) => ((INetworkListener)inner).OnNetworkDown(reason);
    }

    private sealed class ProbedHandler(LatencyProbe probe, IInputHandler inner) : IInputHandler
    {
        public void OnInput(InputEvent input, long nowMillis)
        {
            if (input.Kind == InputKind.MessageReceived)
                Interlocked.Exchange(ref probe._messageTaken, Stopwatch.GetTimestamp());
            inner.OnInput(input, nowMillis);
        }

        public void OnTick(long nowMillis)
        {
            Interlocked.Exchange(ref probe._stepStarted, Stopwatch.GetTimestamp());
            inner.OnTick(nowMillis);
        }

        public void OnInputsDropped(int dropped, long nowMillis) => inner.OnInputsDropped(dropped, nowMillis);

        public void OnFault(Exception fault, long nowMillis) => inner.OnFault(fault, nowMillis);
    }

    private sealed class ProbedTransport(LatencyProbe probe, IMessageTransport inner) : IMessageTransport
    {
        public bool IsConnected => inner.IsConnected;

        public void SetListener(ITransportListener listener) => inner.SetListener(listener);

        public void BeginConnect(TransportConnectOptions options) => inner.BeginConnect(options);

        public int Publish(string topic, byte[] payload, int qos, bool retain, byte[] correlationData)
        {
            probe.Published(payload);
            if (qos >= 1)
                Interlocked.Increment(ref probe._unacknowledged);
            var id = inner.Publish(topic, payload, qos, retain, correlationData);
            if (qos >= 1 && id < 0)
                Interlocked.Decrement(ref probe._unacknowledged); // refused at once: never to be acknowledged
            return id;
        }

        public void Subscribe(string topicFilter, int qos) => inner.Subscribe(topicFilter, qos);

        public void Disconnect() => inner.Disconnect();
    }
}
