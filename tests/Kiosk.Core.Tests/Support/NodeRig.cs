using System;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;
using Kiosk.HostSim.Adapters;

namespace Kiosk.Core.Tests.Support;

/// <summary>An <see cref="EntranceRig"/> with the protocol layer on top, over a fake transport the test plays broker with.</summary>
internal sealed class NodeRig
{
    public static readonly byte[] Key = Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    public NodeRig(EntranceRig? rig = null, TransportConnectOptions? options = null)
    {
        Rig = rig ?? new EntranceRig();
        Transport = new FakeTransport();
        Transport.SetListener(new QueueingTransportListener(Rig.Queue, Rig.Clock));
        var ports = new ControllerPorts { Clock = Rig.Clock, WallClock = Rig.Clock, Storage = Rig.Storage };
        Node = new KioskNode(Rig.Controller, Transport, options ?? new TransportConnectOptions { Host = "broker", ClientId = "kiosk-main-gate" },
            Key, new BclHmacSha256(), new ProcessSystemInfo(), ports);
        Loop = new ControllerLoop(Rig.Queue, Rig.Clock, Node, EntranceRig.TickMillis);
    }

    /// <summary>
    /// A board that recorded <paramref name="checkIns"/> patrol check-ins while it had no broker
    /// (flap limit raised, store room for 2000), now connected: its outbox has that backlog to drain.
    /// </summary>
    public static NodeRig ConnectedWithBacklog(int checkIns)
    {
        var rig = EntranceRig.With(n => { n["flapLimitPerMinute"] = 600; n["eventCapacity"] = 2000; });
        var node = new NodeRig(rig);
        node.Run(2000);
        for (var i = 0; i < checkIns; i++)
            rig.Press(Kiosk.Core.Config.InputFunction.Patrol, holdMillis: 100);
        node.Run(1500);
        node.Connect();
        return node;
    }

    public EntranceRig Rig { get; }
    public FakeTransport Transport { get; }
    public KioskNode Node { get; }
    public ControllerLoop Loop { get; }

    public void Run(long millis) => Loop.RunFor(Rig.Clock, millis);

    /// <summary>The broker accepts the connection attempt.</summary>
    public void Connect()
    {
        Transport.IsConnected = true;
        Transport.Listener!.OnConnected(false);
        Run(20);
    }

    public void Drop()
    {
        Transport.IsConnected = false;
        Transport.Listener!.OnConnectionLost("test");
        Run(20);
    }

    /// <summary>PUBACKs every QoS 1 publish not yet acknowledged, then lets <paramref name="runMillis"/> pass.</summary>
    public int AckAll(long runMillis = 20)
    {
        var n = 0;
        foreach (var p in Transport.Published)
            if (p.Qos == 1 && _acked.Add(p.Id))
            {
                Transport.Listener!.OnPublishAcknowledged(p.Id);
                n++;
            }
        Run(runMillis);
        return n;
    }

    private readonly System.Collections.Generic.HashSet<int> _acked = new();
}
