using System;
using System.Collections.Generic;
using System.Linq;
using Kiosk.Core;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Link;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;
using Kiosk.Core.Protocol;
using Kiosk.HostSim.Adapters;

namespace Kiosk.HostSim.Simulation;

/// <summary>
/// One simulated entrance board on the network: pins through System.Device.Gpio over a simulated
/// driver, storage that survives its reboots, the real controller and protocol
/// (<see cref="KioskNode"/>) and an MQTTnet transport: either the desktop one, or (with
/// <c>deviceTransport</c>) the device's own <see cref="BlockingClientTransport"/> over an
/// M2Mqtt-shaped MQTTnet client, so the code the flashed board runs meets real brokers here. A <see cref="BoardRunner"/> steps its loop
/// on its own virtual clock; <see cref="PowerCycle"/> gives the board that comes back after a power cut.
/// </summary>
public sealed class SimulatedBoard : IDisposable
{
    public const int TickMillis = 10;
    private readonly TransportConnectOptions _connect;
    private readonly byte[] _key;
    private readonly bool _deviceTransport;
    private readonly MqttNetTransport? _desktop;
    private readonly MqttNetBlockingClient? _blocking;

    public SimulatedBoard(ControllerConfig config, TransportConnectOptions connect, byte[] commandKey,
        IStorage? storage = null, VirtualClock? clock = null, SimulatedPins? world = null, bool deviceTransport = false,
        LatencyProbe? probe = null)
    {
        Probe = probe;
        _deviceTransport = deviceTransport;
        Config = config;
        _connect = connect;
        _key = commandKey;
        Storage = storage as FaultyStorage ?? new FaultyStorage(storage ?? new MemoryStorage());
        Clock = clock ?? new VirtualClock(DateTime.UtcNow, synced: true);
        Queue = new InputQueue(512);
        Pins = new SimulatedPins(config, Queue, world);
        var ports = Pins.Ports(Clock, Storage);
        Controller = new EntranceController(config, ports);
        if (deviceTransport)
            Transport = new BlockingClientTransport(_blocking = new MqttNetBlockingClient(), new TaskWorker());
        else
            Transport = _desktop = new MqttNetTransport();
        ITransportListener listener = new QueueingTransportListener(Queue, Clock);
        Transport.SetListener(probe is null ? listener : probe.Listener(listener));
        Node = new KioskNode(Controller, probe is null ? Transport : probe.Transport(Transport), connect, commandKey, new BclHmacSha256(), new ProcessSystemInfo(), ports);
        Loop = new ControllerLoop(Queue, Clock, probe is null ? Node : probe.Handler(Node), TickMillis);
    }

    public ControllerConfig Config { get; }
    public FaultyStorage Storage { get; }
    public VirtualClock Clock { get; }
    public InputQueue Queue { get; }
    public SimulatedPins Pins { get; }
    public SimOutput Lock => Pins.Lock;
    public EntranceController Controller { get; }
    public IMessageTransport Transport { get; }

    /// <summary>Simulates pulling the board's network cable (the broker sends the will; connects fail until plugged back).</summary>
    public bool NetworkDown
    {
        get => _desktop?.NetworkDown ?? _blocking!.NetworkDown;
        set
        {
            if (_desktop is not null)
                _desktop.NetworkDown = value;
            else
                _blocking!.NetworkDown = value;
        }
    }
    public KioskNode Node { get; }
    public ControllerLoop Loop { get; }

    /// <summary>Timestamps at the fast paths' hand-overs, when the board was built with one (benchmarks).</summary>
    public LatencyProbe? Probe { get; }

    /// <summary>The runner this board was started with by <see cref="Start"/>, if any.</summary>
    public BoardRunner? Runner { get; private set; }

    internal InvariantMonitor.BoardWatcher? Watcher { get; set; }

    private readonly object _recordedGate = new();
    private readonly List<(EventType Type, string? Name, string Source, string Detail)> _recorded = new();

    /// <summary>How many events this board has recorded since it booted (a mark for "since then" checks).</summary>
    public int RecordedCount
    {
        get
        {
            lock (_recordedGate)
                return _recorded.Count;
        }
    }

    /// <summary>Events this board recorded after the first <paramref name="since"/>, as (type, name, source, detail); safe from any thread.</summary>
    public List<(EventType Type, string? Name, string Source, string Detail)> RecordedSince(int since)
    {
        lock (_recordedGate)
            return _recorded.Skip(since).ToList();
    }

    internal void Recorded(EventRecord record)
    {
        lock (_recordedGate)
            _recorded.Add((record.Type, Names.CodeName(record.Type, record.Code), record.Source, record.Detail));
    }

    /// <summary>The lock pin is at its release level.</summary>
    public bool LockReleased => Pins.LockReleased;

    /// <summary>Runs this board alone on its own runner thread.</summary>
    public SimulatedBoard Start(double speed = 1)
    {
        Runner = new BoardRunner(speed);
        Runner.Add(this);
        Runner.Start();
        return this;
    }

    /// <summary>Sets an input's condition (door open, button pressed), from any thread.</summary>
    public void Set(InputFunction function, bool active) => Pins.Set(function, active);

    /// <summary>
    /// The board after its power comes back: same config, key and storage; a new monotonic clock
    /// from zero; wall time where it was (SNTP is assumed to answer at once). Nothing else survives.
    /// </summary>
    public SimulatedBoard PowerCycle()
    {
        DisposeTransport();
        Pins.PowerOff();
        var clock = new VirtualClock(Clock.UtcNow, Clock.IsSynced);
        return new SimulatedBoard(Config, _connect, _key, Storage, clock, Pins, _deviceTransport, Probe);
    }

    public void Dispose()
    {
        Runner?.Dispose();
        DisposeTransport();
    }

    private void DisposeTransport()
    {
        _desktop?.Dispose();
        _blocking?.Dispose();
    }
}
