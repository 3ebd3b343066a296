using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Loop;

namespace Kiosk.Core.Tests.Support;

/// <summary>
/// One entrance controller on a virtual clock with simulated pins and storage: the same code the
/// firmware runs, driven the way the adapters drive it (edges on the queue, the loop ticking).
/// </summary>
internal sealed class EntranceRig
{
    public const int TickMillis = 10;

    public EntranceRig(string? configJson = null, MemoryStorage? storage = null, Action<EntranceRig>? beforeBoot = null, VirtualClock? clock = null)
    {
        _configJson = configJson ?? SampleConfig.Json;
        var errors = new ConfigErrors();
        Config = ConfigReader.Read(_configJson, errors)
            ?? throw new InvalidOperationException("test config rejected:\n" + errors);
        Storage = storage ?? new MemoryStorage();
        Clock = clock ?? new VirtualClock(new DateTime(2026, 11, 24, 18, 0, 0, DateTimeKind.Utc), synced: true);
        Queue = new InputQueue(256);
        Pins = new SimulatedPins(Config, Queue);
        beforeBoot?.Invoke(this);
        Controller = new EntranceController(Config, Pins.Ports(Clock, Storage));
        Loop = new ControllerLoop(Queue, Clock, Controller, TickMillis);
        Controller.Store.SetListener(new HistoryRecorder(History));
    }

    /// <summary>Every record appended since this rig booted, including ones the ring has since overwritten.</summary>
    public List<EventRecord> History { get; } = new();

    private sealed class HistoryRecorder(List<EventRecord> history) : IEventListener
    {
        public void OnAppended(EventRecord record)
        {
            var copy = new EventRecord();
            copy.CopyFrom(record);
            history.Add(copy);
        }
    }

    public static EntranceRig With(Action<JsonObject> edit, MemoryStorage? storage = null, Action<EntranceRig>? beforeBoot = null)
    {
        var node = SampleConfig.Node();
        edit(node);
        return new EntranceRig(node.ToJsonString(), storage, beforeBoot);
    }

    public ControllerConfig Config { get; }
    public MemoryStorage Storage { get; }
    public VirtualClock Clock { get; }
    public InputQueue Queue { get; }
    public SimulatedPins Pins { get; }
    public SimOutput Lock => Pins.Lock;
    public SimAnalog Light => Pins.Light;
    public EntranceController Controller { get; }
    public ControllerLoop Loop { get; }

    public long Now => Clock.NowMillis;

    /// <summary>The lock pin is at the level that releases the lock.</summary>
    public bool LockPinReleased => Pins.LockReleased;

    public SimOutput Output(OutputFunction function) => Pins.Output(function);

    /// <summary>Makes the condition of <paramref name="function"/> active or not (door open, button pressed), at the pin's electrical level.</summary>
    public void Set(InputFunction function, bool active) => Pins.Set(function, active);

    public void SetChannel(int channel, bool active) => Pins.SetChannel(channel, active);

    public void Run(long millis) => Loop.RunFor(Clock, millis);

    public void RunSeconds(double seconds) => Run((long)(seconds * 1000));

    /// <summary>Boots past the settle time.</summary>
    public EntranceRig Settled()
    {
        Run(Config.BootSettleMillis + 200);
        return this;
    }

    public void Press(InputFunction button, int holdMillis = 200)
    {
        Set(button, true);
        Run(holdMillis);
        Set(button, false);
        Run(200);
    }

    public void Online() => Queue.Enqueue(InputKind.TransportConnected, 0, 0, Now);

    public void Offline() => Queue.Enqueue(InputKind.TransportLost, 0, 0, Now);

    /// <summary>Every record in the store, oldest first.</summary>
    public List<EventRecord> Events()
    {
        var store = Controller.Store;
        var list = new List<EventRecord>();
        for (var seq = store.OldestSequence; seq <= store.LastSequence; seq++)
        {
            var r = new EventRecord();
            if (store.TryRead(seq, r))
                list.Add(r);
        }
        return list;
    }

    public List<EventRecord> Events(EventType type) => Events().Where(e => e.Type == type).ToList();

    /// <summary>A new controller on the same storage, as after a power cycle (the lock pin starts undriven).</summary>
    public EntranceRig Reboot(Action<EntranceRig>? beforeBoot = null) =>
        new(_configJson, Storage, beforeBoot, Clock);

    private readonly string _configJson;

    /// <summary>Sets an input's level before the controller is built (the state the board powers up into).</summary>
    public void SetAtBoot(InputFunction function, bool active) => Pins.Set(function, active);
}
