using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Simulation;

/// <summary>
/// A blocking MQTT client (the device's M2Mqtt shape) whose broker accepts every connect and
/// acknowledges every publish at once, on the caller's thread: the device's own transport code
/// runs over it with no network, so what the core allocates on its loop thread can be counted
/// (the allocation benchmark and the budget tests).
/// </summary>
public sealed class InstantBrokerClient : IBlockingMqttClient
{
    private IBlockingClientSink? _sink;
    private int _connection;
    private int _id;

    public int Connects { get; private set; }
    public bool IsConnected { get; private set; }

    public int Connect(TransportConnectOptions options, int connection, IBlockingClientSink sink, out string? failure)
    {
        failure = null;
        _sink = sink;
        _connection = connection;
        Connects++;
        IsConnected = true;
        return 0;
    }

    public int Publish(string topic, byte[] payload, int qos, bool retain)
    {
        var id = ++_id & 0xFFFF;
        if (qos == 1)
            _sink!.Acknowledged(_connection, id);
        return id;
    }

    public void Subscribe(string topicFilter, int qos)
    {
    }

    public void Close() => IsConnected = false;

    /// <summary>A command from the duty room, as the broker would hand it over.</summary>
    public void Deliver(string topic, byte[] payload) => _sink!.Received(_connection, topic, payload, false, null, null);

    /// <summary>The broker drops the connection.</summary>
    public void Drop()
    {
        IsConnected = false;
        _sink!.Closed(_connection, "dropped");
    }
}
