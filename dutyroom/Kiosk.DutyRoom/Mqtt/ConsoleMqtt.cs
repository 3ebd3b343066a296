using System;
using System.Buffers;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Kiosk.DutyRoom.Mqtt;

/// <summary>
/// The console's MQTT client (MQTTnet 5, MQTT 5): its own credentials, TLS with the site's CA,
/// a persistent session so QoS 1 events queued while it was away are delivered when it returns,
/// and a reconnect loop (1 s doubling to 30 s). Subscribes to everything the entrances publish and
/// hands each message to its lane (<see cref="MessageLanes"/>): its own thread only reads.
/// </summary>
public sealed class ConsoleMqtt(ConsoleOptions options, LiveSite live, IServiceProvider services, ILogger<ConsoleMqtt> log) : BackgroundService, IMessageBus
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private MessageRouter? _router;

    public bool IsConnected => _client.IsConnected;

    public async Task<bool> PublishAsync(string topic, byte[] payload, string? responseTopic, byte[]? correlation)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(false);
        // MQTT 3.1.1 has no response topic or correlation data; the board's reply topic carries the id anyway.
        if (responseTopic is not null && !options.Mqtt311)
            message.WithResponseTopic(responseTopic);
        if (correlation is not null && !options.Mqtt311)
            message.WithCorrelationData(correlation);
        try
        {
            var result = await _client.PublishAsync(message.Build());
            return result.IsSuccess;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException)
        {
            log.LogWarning("publish to {Topic} failed: {Reason}", topic, e.Message);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not injected: the router's Commander publishes through this very client.
        _router = (MessageRouter)services.GetService(typeof(MessageRouter))!;
        var stores = (Stores)services.GetService(typeof(Stores))!;
        var clock = (ConsoleClock)services.GetService(typeof(ConsoleClock))!;
        var archive = (ArchiveLane)services.GetService(typeof(ArchiveLane))!;
        live.SyncRegistry(stores.Devices, stores.Archive);
        var liveLane = (LiveLane)services.GetService(typeof(LiveLane))!;
        var archiving = archive.RunAsync(stoppingToken);
        var living = liveLane.RunAsync(stoppingToken);
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var topic = e.ApplicationMessage.Topic;
            var payload = e.ApplicationMessage.Payload.ToArray();
            var now = clock.Now;
            // Acknowledged once handled (archived, for the archive lane), so a console that stops first gets it again.
            Func<CancellationToken, Task>? ack = null;
            if (e.ApplicationMessage.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
            {
                e.AutoAcknowledge = false;
                ack = e.AcknowledgeAsync;
            }
            if (MessageLanes.Of(topic, payload, now) == MessageLane.Archive)
                archive.Enqueue(new Data.IncomingMessage(topic, payload, now), ack);
            else
                liveLane.Enqueue(topic, payload, ack);
            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                Interlocked.Increment(ref _disconnects);
                LastDisconnect = $"{e.Reason}: {e.Exception?.Message ?? e.ReasonString}";
                log.LogWarning("lost the broker ({Reason})", LastDisconnect);
            }
            live.SetBroker(false);
            return Task.CompletedTask;
        };
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_client.IsConnected)
            {
                try
                {
                    var connected = await _client.ConnectAsync(BuildOptions(), stoppingToken);
                    SharedEvents = options.ShareGroup is not null && connected.SharedSubscriptionAvailable;
                    await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                        .WithTopicFilter("kiosk/v1/+/+/status", MqttQualityOfServiceLevel.AtLeastOnce)
                        .WithTopicFilter("kiosk/v1/+/+/state", MqttQualityOfServiceLevel.AtLeastOnce)
                        .WithTopicFilter(EventsFilter(options.ShareGroup, SharedEvents), MqttQualityOfServiceLevel.AtLeastOnce)
                        .WithTopicFilter("kiosk/v1/+/+/heartbeat", MqttQualityOfServiceLevel.AtMostOnce)
                        .WithTopicFilter("kiosk/v1/+/+/reply", MqttQualityOfServiceLevel.AtLeastOnce)
                        .Build(), stoppingToken);
                    live.SetBroker(true);
                    log.LogInformation("connected to the broker at {Host}:{Port}", Broker.Host, Broker.Port);
                    delay = TimeSpan.FromSeconds(1);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    var (host, port) = Broker;
                    NextBroker();
                    // A cluster's next node at once; the back-off only once every broker has been tried.
                    var wait = _broker == 0 ? delay : TimeSpan.Zero;
                    log.LogWarning("broker {Host}:{Port} not reachable ({Reason}); next {Next} in {Delay} s", host, port, e.Message, $"{Broker.Host}:{Broker.Port}", wait.TotalSeconds);
                    await Task.Delay(wait, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                    if (_broker == 0)
                        delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
                    continue;
                }
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        if (_client.IsConnected)
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        await archiving;
        await living;
    }

    private long _disconnects;

    // Which of options.Brokers this console uses now: a lost broker is tried again first, and the
    // connect loop moves to the next when it does not answer (the boards' failover, docs/deployment.md).
    private volatile int _broker;

    /// <summary>The broker this console is connected to, or tries next.</summary>
    public (string Host, int Port) Broker => options.Brokers[_broker];

    private void NextBroker() => _broker = (_broker + 1) % options.Brokers.Count;

    /// <summary>Connections to the broker lost since start, and why the last one was (the outage benchmark prints them).</summary>
    public long Disconnects => Interlocked.Read(ref _disconnects);

    public string? LastDisconnect { get; private set; }

    /// <summary>Whether this console takes events through a shared subscription (its share of them) or all of them.</summary>
    public bool SharedEvents { get; private set; }

    /// <summary>
    /// Consoles on one database (scale-out) in one share group split the events between them where
    /// the broker offers MQTT 5 shared subscriptions (Mosquitto does; MQTTnet's broker 5.2 does not
    /// and says so in CONNACK, nor has RabbitMQ's MQTT 3.1.1 plugin them). Where it does not, every
    /// console takes every event and the archive's (device, boot, seq) key keeps each once: the
    /// insert that stores it is the one whose console acts on it. Status, state and replies are never
    /// shared: every console keeps its own live picture, and a device's reply goes to whoever asked.
    /// </summary>
    public static string EventsFilter(string? shareGroup, bool shared) =>
        shared ? $"$share/{shareGroup}/kiosk/v1/+/+/events" : "kiosk/v1/+/+/events";

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    private MqttClientOptions BuildOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(Broker.Host, Broker.Port)
            .WithClientId(options.ClientId)
            .WithProtocolVersion(options.Mqtt311 ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500)
            .WithCleanStart(false) // on 3.1.1: clean session false, the broker keeps the session until the console returns
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (!options.Mqtt311)
            builder.WithSessionExpiryInterval(24 * 3600);
        if (options.BrokerUsername is not null)
            builder.WithCredentials(options.BrokerUsername, options.BrokerPassword);
        if (options.BrokerTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls(true);
                if (options.BrokerCaFile is not null)
                {
                    var ca = X509Certificate2.CreateFromPem(File.ReadAllText(options.BrokerCaFile));
                    tls.WithCertificateValidationHandler(args => SiteCa.Trusts(ca, args.Certificate));
                }
            });
        }
        return builder.Build();
    }
}
