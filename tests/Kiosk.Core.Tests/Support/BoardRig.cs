using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiosk.Core.Events;
using Kiosk.Core.Link;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;
using Kiosk.Core.Protocol;
using Kiosk.Core.Security;
using Kiosk.HostSim.Adapters;

namespace Kiosk.Core.Tests.Support;

/// <summary>
/// A board put together as firmware/Kiosk.Firmware/Program.cs puts it: the node with its own
/// network, SNTP, power and a blocking MQTT client behind <see cref="BlockingClientTransport"/>, on
/// a virtual clock whose wall time starts unset (1970), as an ESP32's does after power-up.
/// </summary>
internal sealed class BoardRig
{
    public static readonly DateTime Unset = new(1970, 1, 1, 0, 0, 5, DateTimeKind.Utc);
    public static readonly DateTime RealNow = new(2026, 11, 24, 18, 0, 0, DateTimeKind.Utc);

    public BoardRig(Action<JsonObject>? edit = null, IWorker? worker = null, MemoryStorage? storage = null, bool clockSet = false)
    {
        var config = SampleConfig.Node();
        config["mqtt"] = new JsonObject { ["host"] = "broker.maple-court.lan", ["port"] = 8883 };
        config["network"] = new JsonObject { ["type"] = "wifi", ["ssid"] = "东门岗亭-IoT" };
        edit?.Invoke(config);
        Rig = new EntranceRig(config.ToJsonString(), storage, clock: new VirtualClock(clockSet ? RealNow : Unset, synced: clockSet));
        Listener = new QueueingTransportListener(Rig.Queue, Rig.Clock);
        Worker = worker ?? new InlineWorker();
        Transport = new BlockingClientTransport(Client, Worker);
        Transport.SetListener(Listener);
        Network.SetListener(Listener);
        var ports = new ControllerPorts { Clock = Rig.Clock, WallClock = Rig.Clock, Storage = Rig.Storage };
        var links = new NodeLinks
        {
            Listener = Listener, Worker = Worker, Network = Network, WifiPassword = "correct horse battery",
            TimeSource = Time, Power = Power,
        };
        Node = new KioskNode(Rig.Controller, Transport, new TransportConnectOptions
        {
            Host = "broker.maple-court.lan", ClientId = Topics.ClientId("maple-court", "main-gate"), Username = "maple-court.main-gate",
        }, NodeRig.Key, new BclHmacSha256(), System, ports, links);
        Loop = new ControllerLoop(Rig.Queue, Rig.Clock, Node, EntranceRig.TickMillis);
    }

    public EntranceRig Rig { get; }
    public QueueingTransportListener Listener { get; }
    public IWorker Worker { get; }
    public ScriptedNetwork Network { get; } = new();
    public ScriptedTimeSource Time { get; } = new();
    public ScriptedMqttClient Client { get; } = new();
    public RecordingPower Power { get; } = new();
    public SettableSystemInfo System { get; } = new();
    public BlockingClientTransport Transport { get; }
    public KioskNode Node { get; }
    public ControllerLoop Loop { get; }
    private readonly HashSet<int> _acked = new();

    public void Run(long millis) => Loop.RunFor(Rig.Clock, millis);

    public void RunMinutes(double minutes) => Run((long)(minutes * 60_000));

    public void AckAll()
    {
        Client.AckAll(_acked);
        Run(50);
    }

    /// <summary>Link events the board recorded, as "NAME: detail".</summary>
    public List<string> LinkRecords() =>
        Rig.History.Where(e => e.Type == EventType.Link).Select(e => Names.CodeName(e.Type, e.Code) + ": " + e.Detail).ToList();

    /// <summary>Event payloads the board published, parsed.</summary>
    public List<JsonElement> PublishedEvents() =>
        Client.Published.Where(p => p.Topic.EndsWith("/events", StringComparison.Ordinal))
            .Select(p => JsonDocument.Parse(p.Payload).RootElement.Clone()).ToList();

    public List<JsonElement> Published(string leaf) =>
        Client.Published.Where(p => p.Topic.EndsWith("/" + leaf, StringComparison.Ordinal))
            .Select(p => JsonDocument.Parse(p.Payload).RootElement.Clone()).ToList();

    /// <summary>Sends a command signed with the device key, as the duty room would.</summary>
    public void Command(string cmd, string arg, string from = "operator:li")
    {
        var now = Rig.Clock.UtcNow;
        var iat = new DateTimeOffset(now).ToUnixTimeSeconds();
        var command = new SignedCommand
        {
            RequestId = "req-" + (++_requests), DeviceId = "main-gate", Command = cmd, Argument = arg, Sender = from,
            IssuedAt = iat, ExpiresAt = iat + 30, Counter = new DateTimeOffset(now).ToUnixTimeMilliseconds() + _requests,
        };
        var payload = new CommandWriter().Write(command, NodeRig.Key, new BclHmacSha256(), null);
        Client.Sink!.Received(Client.Connection, "kiosk/v1/maple-court/main-gate/cmd", payload, false, null, null);
        Run(50);
    }

    private int _requests;

    public string Text(byte[] payload) => Encoding.UTF8.GetString(payload);
}
