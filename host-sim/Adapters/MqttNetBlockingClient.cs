using System;
using System.Buffers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using Kiosk.Core.Link;
using Kiosk.Core.Ports;
using MQTTnet;
using MQTTnet.Protocol;

namespace Kiosk.HostSim.Adapters;

/// <summary>
/// The device's blocking-client port on desktop, over MQTTnet, behaving as M2Mqtt does for the
/// core: a connect that blocks and returns the CONNACK code, a new client per connection, no
/// response topic or correlation data on received messages (M2Mqtt 5.1 exposes neither). It lets
/// the core's <see cref="BlockingClientTransport"/>, which the flashed board runs over M2Mqtt, be
/// driven against real brokers (MQTTnet's and Mosquitto) in the desktop tests.
/// </summary>
public sealed class MqttNetBlockingClient : IBlockingMqttClient, IDisposable
{
    private readonly object _gate = new();
    private IMqttClient? _client;
    private IBlockingClientSink? _sink;
    private int _connection;
    private int _nextId;
    private volatile bool _networkDown;

    /// <summary>A pulled cable: the connection drops without DISCONNECT and connects fail until it is back.</summary>
    public bool NetworkDown
    {
        get => _networkDown;
        set
        {
            _networkDown = value;
            if (value)
                Close();
        }
    }

    public bool IsConnected
    {
        get
        {
            lock (_gate)
                return _client is { IsConnected: true } && !_networkDown;
        }
    }

    public int Connect(TransportConnectOptions options, int connection, IBlockingClientSink sink, out string? failure)
    {
        failure = null;
        if (_networkDown)
        {
            failure = "network down";
            return -1;
        }
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            sink.Received(connection, m.Topic, m.Payload.ToArray(), m.Retain, null, null);
            return Task.CompletedTask;
        };
        client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
                sink.Closed(connection, "connection closed: " + e.Reason);
            return Task.CompletedTask;
        };
        lock (_gate)
        {
            _client?.Dispose();
            _client = client;
            _sink = sink;
            _connection = connection;
        }
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var result = client.ConnectAsync(MqttNetTransport.Build(options), timeout.Token).GetAwaiter().GetResult();
            return (int)result.ResultCode;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failure = Explain(e, options.Host);
            return -1;
        }
    }

    public int Publish(string topic, byte[] payload, int qos, bool retain)
    {
        IMqttClient? client;
        IBlockingClientSink? sink;
        int connection;
        lock (_gate)
        {
            client = _client;
            sink = _sink;
            connection = _connection;
        }
        if (client is null || !client.IsConnected || _networkDown)
            return -1;
        var id = Interlocked.Increment(ref _nextId) & 0xFFFF; // an MQTT packet id, as M2Mqtt's
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(qos >= 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce).Build();
        _ = Task.Run(async () =>
        {
            try
            {
                var result = await client.PublishAsync(message).ConfigureAwait(false);
                if (qos >= 1 && result.IsSuccess)
                    sink!.Acknowledged(connection, id);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // no PUBACK: the outbox sends it again on the next connection
            }
        });
        return id;
    }

    public void Subscribe(string topicFilter, int qos)
    {
        IMqttClient? client;
        lock (_gate)
            client = _client;
        if (client is null)
            return;
        var options = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(topicFilter, qos >= 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce).Build();
        client.SubscribeAsync(options).GetAwaiter().GetResult();
    }

    public void Close()
    {
        IMqttClient? client;
        lock (_gate)
        {
            client = _client;
            _client = null;
        }
        if (client is null)
            return;
        try
        {
            // No DISCONNECT: the broker publishes the will, as for a dead link.
            client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build())
                .Wait(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // already gone
        }
        client.Dispose();
    }

    public void Dispose() => Close();

    /// <summary>Socket errors in the core's words (the same as the device's), TLS refusals by name.</summary>
    private static string Explain(Exception e, string host)
    {
        Exception innermost = e;
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
                return SocketFailures.Describe((int)socket.SocketErrorCode, host);
            if (inner is AuthenticationException)
                return "TLS: " + host + "'s certificate is not from the site CA";
            innermost = inner;
        }
        return "connect failed (TLS or network): " + innermost.Message;
    }
}
