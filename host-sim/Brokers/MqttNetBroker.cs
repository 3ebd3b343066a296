using System.Threading.Tasks;
using MQTTnet.Server;

namespace Kiosk.HostSim.Brokers;

/// <summary>MQTTnet's broker, in-process on a free loopback port. A restart is a new server: retained messages are gone, as after a real broker restart without persistence.</summary>
public sealed class MqttNetBroker : IBroker
{
    private MqttServer? _server;

    public MqttNetBroker() => Port = FreePort.Next();

    /// <summary>Messages MQTTnet queues for one client before it drops the oldest.</summary>
    public const int MaxPendingPerClient = 500_000;

    public string Name => "MQTTnet";
    public int Port { get; }

    public async Task StartAsync()
    {
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(System.Net.IPAddress.Loopback)
            .WithDefaultEndpointPort(Port)
            // MQTTnet listens with a backlog of 100: 5,000 boards connecting at once (host-sim
            // --boards 5000, a site after a power cut) overflowed it, and the dropped SYNs came back
            // one to seven seconds later, past MQTTnet's connect timeouts.
            .WithConnectionBacklog(4096)
            // The duty room is one client receiving every board's events: after an outage a thousand boards
            // drain their backlogs at once, and MQTTnet's default (1,000 queued, then the oldest dropped,
            // already PUBACKed to the board) would lose events. Sized for 1,000 boards × 500 events.
            .WithMaxPendingMessagesPerClient(MaxPendingPerClient)
            .Build();
        _server = factory.CreateMqttServer(options);
        _server.ValidatingConnectionAsync += AssignIdToAnonymousClient;
        await _server.StartAsync();
    }

    /// <summary>
    /// MQTT 5 §3.1.3.1: a client may send an empty client id with a clean start, and the server then
    /// gives it one. MQTTnet 5 asks this handler for that id on MQTT 5 only; on 3.1.1 it refuses an
    /// empty id whatever the handler says (MqttClientSessionsManager.ValidateConnection), which is
    /// why the watch line host-sim prints names its own id prefix (mosquitto_sub -I).
    /// </summary>
    private static Task AssignIdToAnonymousClient(ValidatingConnectionEventArgs e)
    {
        if (string.IsNullOrEmpty(e.ClientId) && e.CleanSession == true)
            e.AssignedClientIdentifier = "auto-" + System.Guid.NewGuid().ToString("N");
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        if (_server is null)
            return;
        await _server.StopAsync();
        _server.Dispose();
        _server = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
