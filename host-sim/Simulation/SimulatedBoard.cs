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
        Inputs = new SimInput[config.Inputs.Length];
        for (var i = 0; i < Inputs.Length; i++)
            Inputs[i] = new SimInput(Queue, i, !config.Inputs[i].ActiveHigh);
        Outputs = new SimOutput[config.Outputs.Length];
        for (var i = 0; i < Outputs.Length; i++)
            Outputs[i] = new SimOutput();
        var ports = new ControllerPorts
        {
            Lock = Lock,
            Inputs = Inputs,
            Outputs = Outputs,
            LightSensor = config.Lights.SensorChannel >= 0 ? Light : null,
            Clock = Clock,
            WallClock = Clock,
            Storage = Storage,
        };
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
    public SimInput[] Inputs { get; }
    public SimOutput[] Outputs { get; }
    public SimOutput Lock { get; } = new();
    public SimAnalog Light { get; } = new();
    public EntranceController Controller { get; }
    public MqttNetTransport Transport { get; }
    public KioskNode Node { get; }
    public ControllerLoop Loop { get; }
    public BoardRunner Runner { get; }

    /// <summary>The lock pin is at its release level.</summary>
    public bool LockReleased => Lock.Level == Config.Lock.ReleaseLevel;

    public SimulatedBoard Start()
    {
        Runner.Start();
        return this;
    }

    /// <summary>Sets an input's condition (door open, button pressed) at its electrical level, from any thread.</summary>
    public void Set(InputFunction function, bool active)
    {
        var channel = Config.ChannelOf(function);
        Inputs[channel].Set(active == Config.Inputs[channel].ActiveHigh, Clock.NowMillis);
    }

    public void Dispose()
    {
        Runner.Dispose();
        Transport.Dispose();
    }
}
