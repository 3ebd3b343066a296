using System;
using System.Collections.Generic;
using System.Threading;
using Kiosk.Core.Config;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Tests.Support;

/// <summary>A worker whose work never finishes: a network stack that hangs.</summary>
internal sealed class HangingWorker : IWorker
{
    public int Started { get; private set; }

    public void Run(ThreadStart work) => Started++;
}

/// <summary>Runs everything inline except the MQTT connect, which never returns: a client stuck in its TLS handshake.</summary>
internal sealed class StuckMqttWorker : IWorker
{
    public int Stuck { get; private set; }

    public void Run(ThreadStart work)
    {
        if (work.Target is Kiosk.Core.Link.BlockingClientTransport)
            Stuck++;
        else
            work();
    }
}

/// <summary>The board's network adapter, answering each bring-up with the next scripted reason (null = up).</summary>
internal sealed class ScriptedNetwork : INetworkInterface
{
    private readonly Queue<string?> _answers = new();
    public INetworkListener? Listener { get; private set; }
    public int Attempts { get; private set; }
    public string? Address { get; private set; }

    /// <summary>What every attempt answers once the script has run out.</summary>
    public string? Otherwise { get; set; }

    public ScriptedNetwork Answer(params string?[] answers)
    {
        foreach (var a in answers)
            _answers.Enqueue(a);
        return this;
    }

    public void SetListener(INetworkListener listener) => Listener = listener;

    public string? Connect(NetworkSettings settings, string wifiPassword, int timeoutMillis)
    {
        Attempts++;
        var answer = _answers.Count > 0 ? _answers.Dequeue() : Otherwise;
        Address = answer == null ? "192.168.10.21" : null;
        return answer;
    }

    /// <summary>The link drops by itself (cable pulled, access point gone).</summary>
    public void Drop(string reason)
    {
        Address = null;
        Listener!.OnNetworkDown(reason);
    }
}

/// <summary>SNTP that answers each query with the next scripted result.</summary>
internal sealed class ScriptedTimeSource : ITimeSource
{
    private readonly Queue<(string? Why, DateTime Utc)> _answers = new();
    public int Queries { get; private set; }
    public List<string[]> ServersAsked { get; } = new();

    public ScriptedTimeSource Fail(string why, int times = 1)
    {
        for (var i = 0; i < times; i++)
            _answers.Enqueue((why, default));
        return this;
    }

    public ScriptedTimeSource Answer(DateTime utc)
    {
        _answers.Enqueue((null, utc));
        return this;
    }

    public string? Query(string[] servers, int timeoutMillis, out DateTime utc)
    {
        Queries++;
        ServersAsked.Add(servers);
        var (why, answer) = _answers.Count > 0 ? _answers.Dequeue() : ("no answer (script ran out)", default(DateTime));
        utc = answer;
        return why;
    }
}

internal sealed class RecordingPower : IPower
{
    public int Reboots { get; private set; }

    public void Reboot() => Reboots++;
}

internal sealed class SettableSystemInfo : ISystemInfo
{
    public long FreeMemory { get; set; } = 60_000;
    public int SignalDbm => -61;
}

/// <summary>
/// An M2Mqtt-shaped blocking client the test plays broker with: each connect answers with the next
/// scripted CONNACK code or failure; publishes are recorded and acknowledged on request.
/// </summary>
internal sealed class ScriptedMqttClient : IBlockingMqttClient
{
    private readonly Queue<(int Code, string? Failure)> _answers = new();
    private int _nextId;
    public IBlockingClientSink? Sink { get; private set; }
    public int Connection { get; private set; }
    public int Connects { get; private set; }
    public int Closes { get; private set; }
    public TransportConnectOptions? LastOptions { get; private set; }
    public List<(int Id, string Topic, byte[] Payload, int Qos, bool Retain)> Published { get; } = new();
    public List<string> Subscriptions { get; } = new();
    public bool IsConnected { get; private set; }

    /// <summary>A broker that acknowledges every QoS 1 publish at once (the usual case).</summary>
    public bool AutoAck { get; set; } = true;

    public ScriptedMqttClient Refuse(int code, int times = 1)
    {
        for (var i = 0; i < times; i++)
            _answers.Enqueue((code, null));
        return this;
    }

    public ScriptedMqttClient FailBeforeBroker(string failure, int times = 1)
    {
        for (var i = 0; i < times; i++)
            _answers.Enqueue((-1, failure));
        return this;
    }

    public int Connect(TransportConnectOptions options, int connection, IBlockingClientSink sink, out string? failure)
    {
        Connects++;
        LastOptions = options;
        Sink = sink;
        Connection = connection;
        var (code, why) = _answers.Count > 0 ? _answers.Dequeue() : (0, null);
        failure = why;
        IsConnected = code == 0;
        return code;
    }

    public int Publish(string topic, byte[] payload, int qos, bool retain)
    {
        var id = ++_nextId;
        Published.Add((id, topic, payload, qos, retain));
        if (AutoAck && qos == 1)
            Sink!.Acknowledged(Connection, id);
        return id;
    }

    public void Subscribe(string topicFilter, int qos) => Subscriptions.Add(topicFilter);

    public void Close()
    {
        Closes++;
        IsConnected = false;
    }

    /// <summary>The broker's PUBACK for every QoS 1 publish so far.</summary>
    public void AckAll(HashSet<int> acked)
    {
        foreach (var p in Published)
            if (p.Qos == 1 && acked.Add(p.Id))
                Sink!.Acknowledged(Connection, p.Id);
    }

    /// <summary>The broker (or the path to it) drops the connection.</summary>
    public void Drop(string reason)
    {
        IsConnected = false;
        Sink!.Closed(Connection, reason);
    }
}
