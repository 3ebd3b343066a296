using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Kiosk.Core.Ports;
using Kiosk.Core.Protocol;
using Kiosk.Core.Security;
using Kiosk.HostSim.Adapters;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Kiosk.HostSim.Site;

/// <summary>
/// The duty room's side as a plain MQTTnet client, for scenarios, tests and benchmarks until the
/// console exists: receives everything under kiosk/v1/, de-duplicating events by (device, boot,
/// sequence) the way a consumer must, and sends signed commands.
/// </summary>
public sealed class DutyRoomClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<(string Topic, byte[] Payload, bool Retained, byte[]? Correlation)> _received = new();
    private readonly object _gate = new();
    private readonly Dictionary<(string Dev, long Boot, long Seq), JsonElement> _events = new();
    private readonly CommandWriter _writer = new();
    private long _counter = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public int DuplicatesDropped { get; private set; }

    /// <summary>Raised on MQTTnet's thread for every event message as it arrives (device, payload).</summary>
    public event Action<string, JsonElement>? EventArrived;

    private long _bytesSent;

    /// <summary>Payload bytes of every command sent so far (what an allow-list sync puts on the wire, MQTT's headers aside).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>The bytes of the last command sent, for replaying it.</summary>
    public byte[] LastPayload { get; private set; } = Array.Empty<byte>();

    /// <summary>Every event message in arrival order (duplicates included).</summary>
    public List<(long Boot, long Seq)> Arrivals { get; } = new();

    public static Task<DutyRoomClient> ConnectAsync(int port, MqttProtocolVersion version = MqttProtocolVersion.V500, string clientId = "dutyroom") =>
        ConnectAsync("127.0.0.1", port, version, clientId + "-" + Guid.NewGuid().ToString("N")[..6], null);

    /// <param name="security">TLS, CA and credentials to use (null: plain, anonymous).</param>
    public static async Task<DutyRoomClient> ConnectAsync(string host, int port, MqttProtocolVersion version, string clientId, TransportConnectOptions? security)
    {
        var room = new DutyRoomClient();
        room._client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            room.Take(m.Topic, m.Payload.ToArray(), m.Retain, m.CorrelationData);
            return Task.CompletedTask;
        };
        var builder = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId(clientId).WithProtocolVersion(version);
        if (security?.Username is not null)
            builder.WithCredentials(security.Username, security.Password);
        if (security?.UseTls == true)
            builder.WithTlsOptions(tls => tls.UseTls(true));
        room._options = builder.Build();
        await room.ReconnectAsync();
        return room;
    }

    /// <summary>Connects (again, after a broker restart) and subscribes to everything under kiosk/v1/.</summary>
    public async Task ReconnectAsync()
    {
        if (_client.IsConnected)
            await _client.DisconnectAsync();
        await _client.ConnectAsync(_options);
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("kiosk/v1/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    private MqttClientOptions _options = null!;

    public IMqttClient Client => _client;

    public IReadOnlyList<(string Topic, byte[] Payload, bool Retained, byte[]? Correlation)> Received => _received.ToList();

    /// <summary>How many messages have arrived so far (a mark for "since then" checks).</summary>
    public int ReceivedCount => _received.Count;

    /// <summary>Events from <paramref name="device"/> that arrived after the first <paramref name="since"/> messages, in arrival order.</summary>
    public List<JsonElement> EventsSince(string device, int since) =>
        _received.Skip(since).Where(m => m.Topic.EndsWith("/" + device + "/events", StringComparison.Ordinal))
            .Select(m => JsonDocument.Parse(m.Payload).RootElement.Clone()).ToList();

    public int UniqueEvents
    {
        get { lock (_gate) return _events.Count; }
    }

    public List<JsonElement> Events(string device)
    {
        lock (_gate)
            return _events.Where(e => e.Key.Dev == device).OrderBy(e => e.Key.Boot).ThenBy(e => e.Key.Seq).Select(e => e.Value).ToList();
    }

    public List<JsonElement> Messages(string topicSuffix) =>
        _received.Where(m => m.Topic.EndsWith(topicSuffix, StringComparison.Ordinal))
            .Select(m => JsonDocument.Parse(m.Payload).RootElement.Clone()).ToList();

    /// <summary>Sends a signed command (MQTT 5: with response topic and correlation data) and returns the request id.</summary>
    public async Task<string> SendAsync(string site, string device, byte[] key, string command, string argument = "",
        Action<SignedCommand>? tamper = null, bool retain = false, string? payloadReply = null, byte[]? correlation = null, string sender = "operator:li", int ageSeconds = 0, DateTime? now = null, string data = "")
    {
        var issued = new DateTimeOffset(now ?? DateTime.UtcNow).ToUnixTimeSeconds() - ageSeconds;
        var signed = new SignedCommand
        {
            RequestId = "req-" + Guid.NewGuid().ToString("N")[..12],
            DeviceId = device,
            Command = command,
            Argument = argument,
            Sender = sender,
            IssuedAt = issued,
            ExpiresAt = issued + 30,
            Counter = Interlocked.Increment(ref _counter),
            Data = data,
        };
        CommandSigner.Sign(signed, key, new BclHmacSha256());
        tamper?.Invoke(signed); // altered after signing: the MAC no longer matches, or the fields are stale
        var payload = _writer.WriteSigned(signed, payloadReply);
        LastPayload = payload;
        Interlocked.Add(ref _bytesSent, payload.Length);
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(new Topics(site, device).Commands)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain);
        // The reply comes back on the device's own reply topic: with a broker ACL a device may
        // publish nowhere else, so a forged command cannot make it speak on another topic.
        if (correlation is not null)
            builder.WithResponseTopic(new Topics(site, device).Replies).WithCorrelationData(correlation);
        await _client.PublishAsync(builder.Build());
        return signed.RequestId;
    }

    /// <summary>Publishes raw bytes to a device's command topic (forged, malformed, replayed payloads).</summary>
    public Task PublishRawAsync(string topic, byte[] payload, bool retain = false) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());

    /// <summary>Waits for the reply to <paramref name="requestId"/>; null when none came in time.</summary>
    public async Task<JsonElement?> WaitReplyAsync(string requestId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (ReplyTo(requestId) is JsonElement reply)
                return reply;
            await Task.Delay(10);
        }
        return null;
    }

    /// <summary>The allow-list version <paramref name="device"/> last reported (birth or heartbeat), or -1.</summary>
    public long AccessListVersion(string device)
    {
        var version = -1L;
        foreach (var m in _received)
        {
            if (!m.Topic.EndsWith("/" + device + "/status", StringComparison.Ordinal) && !m.Topic.EndsWith("/" + device + "/heartbeat", StringComparison.Ordinal))
                continue;
            if (m.Payload.Length > 0 && JsonDocument.Parse(m.Payload).RootElement.TryGetProperty("acl", out var acl))
                version = acl.GetInt64();
        }
        return version;
    }

    public JsonElement? ReplyTo(string requestId)
    {
        foreach (var m in _received)
        {
            if (!m.Topic.Contains("repl", StringComparison.Ordinal))
                continue;
            var root = JsonDocument.Parse(m.Payload).RootElement;
            if (root.TryGetProperty("id", out var id) && id.GetString() == requestId)
                return root.Clone();
        }
        return null;
    }

    public (string Topic, byte[]? Correlation)? ReplyMessage(string requestId)
    {
        foreach (var m in _received)
        {
            if (!m.Topic.Contains("repl", StringComparison.Ordinal))
                continue;
            var root = JsonDocument.Parse(m.Payload).RootElement;
            if (root.TryGetProperty("id", out var id) && id.GetString() == requestId)
                return (m.Topic, m.Correlation);
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.DisconnectAsync();
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
        {
            // the broker may already be gone
        }
        _client.Dispose();
    }

    private void Take(string topic, byte[] payload, bool retained, byte[]? correlation)
    {
        _received.Enqueue((topic, payload, retained, correlation));
        if (!topic.EndsWith("/events", StringComparison.Ordinal))
            return;
        var root = JsonDocument.Parse(payload).RootElement.Clone();
        var key = (root.GetProperty("dev").GetString()!, root.GetProperty("boot").GetInt64(), root.GetProperty("seq").GetInt64());
        EventArrived?.Invoke(key.Item1, root);
        lock (_gate)
        {
            Arrivals.Add((key.Item2, key.Item3));
            if (!_events.TryAdd(key, root))
                DuplicatesDropped++;
        }
    }
}
