using System.Threading.Tasks;
using MQTTnet.Server;

namespace Kiosk.HostSim.Brokers;

/// <summary>MQTTnet's broker, in-process on a free loopback port. A restart is a new server: retained messages are gone, as after a real broker restart without persistence.</summary>
public sealed class MqttNetBroker : IBroker
{
    private MqttServer? _server;

    public MqttNetBroker() => Port = FreePort.Next();

    public string Name => "MQTTnet";
    public int Port { get; }

    public async Task StartAsync()
    {
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(System.Net.IPAddress.Loopback)
            .WithDefaultEndpointPort(Port)
            .Build();
        _server = factory.CreateMqttServer(options);
        await _server.StartAsync();
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
