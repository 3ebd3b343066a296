using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Tests.Support;

/// <summary>A transport that records what the core publishes and lets the test play the broker (connect, ack, deliver).</summary>
internal sealed class FakeTransport : IMessageTransport
{
    public ITransportListener? Listener { get; private set; }
    public List<(int Id, string Topic, byte[] Payload, int Qos, bool Retain, byte[]? Correlation)> Published { get; } = new();
    public List<string> Subscriptions { get; } = new();
    public int ConnectAttempts { get; private set; }
    public TransportConnectOptions? LastOptions { get; private set; }
    public bool Refuse { get; set; }
    private int _nextId;

    public bool IsConnected { get; set; }

    public void SetListener(ITransportListener listener) => Listener = listener;

    public void BeginConnect(TransportConnectOptions options)
    {
        ConnectAttempts++;
        LastOptions = options;
    }

    public int Publish(string topic, byte[] payload, int qos, bool retain, byte[]? correlationData)
    {
        if (Refuse)
            return -1;
        var id = ++_nextId;
        Published.Add((id, topic, payload, qos, retain, correlationData));
        return id;
    }

    public void Subscribe(string topicFilter, int qos)
    {
        Subscriptions.Add(topicFilter);
        SubscribedQos.Add(qos);
    }

    /// <summary>The QoS asked for with each of <see cref="Subscriptions"/>, in the same order.</summary>
    public List<int> SubscribedQos { get; } = new();

    public void Disconnect() => IsConnected = false;

    public List<JsonElement> Json(string topicSuffix) =>
        Published.Where(p => p.Topic.EndsWith(topicSuffix, System.StringComparison.Ordinal))
            .Select(p => JsonDocument.Parse(p.Payload).RootElement.Clone()).ToList();

    public string Text(int index) => Encoding.ASCII.GetString(Published[index].Payload);
}
