using System;
using Kiosk.Core;
using Kiosk.Core.Config;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;
using Kiosk.HostSim.Adapters;

namespace Kiosk.HostSim.Simulation;

/// <summary>
/// One simulated entrance board on the network: simulated pins and storage, the real controller
/// and protocol (<see cref="KioskNode"/>), an MQTTnet transport, and its loop on a virtual clock
/// run by a <see cref="BoardRunner"/>. Storage can be handed to a new board to simulate a power cycle.
/// </summary>
public sealed class SimulatedBoard : IDisposable
{
    public const int TickMillis = 10;

    public SimulatedBoard(ControllerConfig config, TransportConnectOptions connect, byte[] commandKey,
        MemoryStorage? storage = null, VirtualClock? clock = null, double speed = 1)
    {
        Config = config;
        Storage = storage ?? new MemoryStorage();
        Clock = clock ?? new VirtualClock(DateTime.UtcNow, synced: true);
        Queue = new InputQueue(512);
        Pins = new SimulatedPins(config, Queue);
        var ports = Pins.Ports(Clock, Storage);
        Controller = new EntranceController(config, ports);
        Transport = new MqttNetTransport();
        Transport.SetListener(new QueueingTransportListener(Queue, Clock));
        Node = new KioskNode(Controller, Transport, connect, commandKey, new BclHmacSha256(), new ProcessSystemInfo(), ports);
        Loop = new ControllerLoop(Queue, Clock, Node, TickMillis);
        Runner = new BoardRunner(Loop, Clock, speed);
    }

    public ControllerConfig Config { get; }
    public MemoryStorage Storage { get; }
    public VirtualClock Clock { get; }
    public InputQueue Queue { get; }
    public SimulatedPins Pins { get; }
    public SimOutput Lock => Pins.Lock;
    public EntranceController Controller { get; }
    public MqttNetTransport Transport { get; }
    public KioskNode Node { get; }
    public ControllerLoop Loop { get; }
    public BoardRunner Runner { get; }

    /// <summary>The lock pin is at its release level.</summary>
    public bool LockReleased => Pins.LockReleased;

    public SimulatedBoard Start()
    {
        Runner.Start();
        return this;
    }

    /// <summary>Sets an input's condition (door open, button pressed), from any thread.</summary>
    public void Set(InputFunction function, bool active) => Pins.Set(function, active);

    public void Dispose()
    {
        Runner.Dispose();
        Transport.Dispose();
    }
}
