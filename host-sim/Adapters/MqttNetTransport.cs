using System;
using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Kiosk.Core.Ports;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Kiosk.HostSim.Adapters;

/// <summary>
/// The message transport on desktop, over MQTTnet 5: MQTT 3.1.1 or 5, plain or TLS (with a pinned
/// CA when one is given). Nothing blocks the caller: connects and publishes run on MQTTnet's
/// tasks and report back through the listener, which queues them for the controller's loop.
/// </summary>
public sealed class MqttNetTransport : IMessageTransport, IDisposable
{
    private readonly IMqttClient _client;
    private ITransportListener? _listener;
    private int _nextId;
    private int _connecting;
    private bool _protocol5;

    public MqttNetTransport()
    {
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            _listener?.OnMessage(m.Topic, m.Payload.ToArray(), m.Retain, m.ResponseTopic, m.CorrelationData);
            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
                _listener?.OnConnectionLost(e.Reason.ToString());
            return Task.CompletedTask;
        };
    }

    public bool IsConnected => _client.IsConnected && !_networkDown;

    /// <summary>
    /// Simulates pulling the board's network cable: the connection drops without a DISCONNECT (the
    /// broker sends the will), and connects fail until it is plugged back in.
    /// </summary>
    public bool NetworkDown
    {
        get => _networkDown;
        set
        {
            _networkDown = value;
            if (value)
                Disconnect();
        }
    }

    private volatile bool _networkDown;

    public void SetListener(ITransportListener listener) => _listener = listener;

    public void BeginConnect(TransportConnectOptions options)
    {
        if (_networkDown)
        {
            _listener?.OnConnectionLost("network down");
            return;
        }
        if (Interlocked.Exchange(ref _connecting, 1) == 1)
            return;
        _protocol5 = options.ProtocolVersion == 5;
        _ = Task.Run(async () =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                var result = await _client.ConnectAsync(Build(options), timeout.Token).ConfigureAwait(false);
                _listener?.OnConnected(result.IsSessionPresent);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _listener?.OnConnectionLost("connect failed: " + e.Message);
            }
            finally
            {
                Interlocked.Exchange(ref _connecting, 0);
            }
        });
    }

    public int Publish(string topic, byte[] payload, int qos, bool retain, byte[]? correlationData)
    {
        if (!_client.IsConnected || _networkDown)
            return -1;
        var id = Interlocked.Increment(ref _nextId) & int.MaxValue;
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qos >= 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
            .WithRetainFlag(retain)
            .WithCorrelationData(correlationData)
            .Build();
        _ = PublishAsync(message, id, qos);
        return id;
    }

    public void Subscribe(string topicFilter, int qos)
    {
        // Retain-As-Published (MQTT 5; ignored on 3.1.1): a broker otherwise clears the retain flag
        // on live delivery, and a retained command would be executed while the board is online.
        var options = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(topicFilter).WithRetainAsPublished(_protocol5)
                .WithQualityOfServiceLevel(qos >= 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce))
            .Build();
        _ = Guard(_client.SubscribeAsync(options));
    }

    public void Disconnect()
    {
        // Drop the connection without DISCONNECT, as a dead link would: the broker sends the will.
        _ = Guard(_client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build()));
    }

    public void Dispose() => _client.Dispose();

    private async Task PublishAsync(MqttApplicationMessage message, int id, int qos)
    {
        try
        {
            var result = await _client.PublishAsync(message).ConfigureAwait(false);
            if (qos >= 1 && result.IsSuccess)
                _listener?.OnPublishAcknowledged(id);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // No PUBACK: the outbox sends it again after reconnecting.
        }
    }

    private async Task Guard(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _listener?.OnConnectionLost(e.Message);
        }
    }

    /// <summary>MQTTnet options from the core's connect options; shared with <see cref="MqttNetBlockingClient"/>.</summary>
    internal static MqttClientOptions Build(TransportConnectOptions o)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(o.Host, o.Port)
            .WithClientId(o.ClientId)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(o.KeepAliveSeconds))
            .WithProtocolVersion(o.ProtocolVersion == 5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (o.Username != null)
            builder.WithCredentials(o.Username, o.Password);
        if (o.WillTopic != null)
        {
            builder.WithWillTopic(o.WillTopic).WithWillPayload(o.WillPayload).WithWillRetain(o.WillRetain)
                .WithWillQualityOfServiceLevel(o.WillQos >= 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce);
        }
        if (o.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls(true);
                if (o.CaCertificatePem != null)
                {
                    var ca = X509Certificate2.CreateFromPem(o.CaCertificatePem);
                    // Trust only the configured CA, as the device does: the platform store is not consulted.
                    tls.WithCertificateValidationHandler(args => Kiosk.DutyRoom.Mqtt.SiteCa.Trusts(ca, args.Certificate));
                }
            });
        }
        return builder.Build();
    }
}
