using System;
using Kiosk.Core;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Link;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;
using Kiosk.Core.Protocol;
using Kiosk.Core.Security;
using Kiosk.HostSim.Adapters;

namespace Kiosk.HostSim.Simulation;

/// <summary>
/// A board stepped by hand on the calling thread, with the device's own transport code
/// (BlockingClientTransport) over a broker client that accepts and acknowledges at once
/// (<see cref="InstantBrokerClient"/>). This is for counting what the core allocates (bench
/// -- alloc, VisitorCallAllocationTests): with a runner thread or a real broker, allocations
/// would happen on other threads and blur the count.
/// </summary>
public sealed class HandDrivenBoard
{
    /// <summary>The input queue's length (the benchmark's board; the device's default is smaller).</summary>
    public const int QueueLength = 256;

    private readonly byte[] _key = new byte[32];
    private readonly CommandWriter _commands = new();
    private readonly BclHmacSha256 _hmac = new();
    private long _counter;

    /// <summary>Boots the board and runs it five seconds, by which time it is connected.</summary>
    public HandDrivenBoard(ControllerConfig config)
    {
        Config = config;
        Clock = new VirtualClock(new DateTime(2026, 11, 24, 18, 0, 0, DateTimeKind.Utc), synced: true);
        var queue = new InputQueue(QueueLength);
        Pins = new SimulatedPins(config, queue);
        // The ring blob at its full size from the start, as flash is: otherwise the desktop storage
        // double grows it by one slot per record, copying it each time, and that copy would be counted.
        var storage = new MemoryStorage();
        var blank = new byte[config.EventCapacity * EventRecordCodec.SlotSize];
        storage.Write(EventStore.BlobName, 0, blank, 0, blank.Length);
        var ports = Pins.Ports(Clock, storage);
        Controller = new EntranceController(config, ports);
        var listener = new QueueingTransportListener(queue, Clock);
        var transport = new BlockingClientTransport(Client, new InlineWorker());
        transport.SetListener(listener);
        Node = new KioskNode(Controller, transport, new TransportConnectOptions { Host = "broker", ClientId = Topics.ClientId(config.Site, config.DeviceId) },
            _key, _hmac, new ProcessSystemInfo(), ports, new NodeLinks { Listener = listener, Worker = new InlineWorker() });
        Loop = new ControllerLoop(queue, Clock, Node, 10);
        Run(5000);
    }

    public ControllerConfig Config { get; }
    public VirtualClock Clock { get; }
    public SimulatedPins Pins { get; }
    public EntranceController Controller { get; }
    public KioskNode Node { get; }
    public ControllerLoop Loop { get; }
    public InstantBrokerClient Client { get; } = new();

    /// <summary>Runs the board's loop for <paramref name="millis"/> of its time.</summary>
    public void Run(long millis) => Loop.RunFor(Clock, millis);

    /// <summary>A command as the console signs it, under this board's key, each counter above the last.</summary>
    public byte[] Signed(string command, string argument, string sender)
    {
        var now = new DateTimeOffset(Clock.UtcNow).ToUnixTimeSeconds();
        return _commands.Write(new SignedCommand
        {
            RequestId = "req-" + _counter, DeviceId = Config.DeviceId, Command = command, Argument = argument, Sender = sender,
            IssuedAt = now, ExpiresAt = now + 30, Counter = new DateTimeOffset(Clock.UtcNow).ToUnixTimeMilliseconds() + ++_counter,
        }, _key, _hmac, null);
    }

    /// <summary>What one visitor call allocated, by <see cref="VisitorCall"/>'s meter.</summary>
    public readonly record struct CallBytes(long Cycle, long Commands, bool Unlocked);

    /// <summary>
    /// One whole visitor call: press, ring, answer, unlock, door open and close, end. The console's
    /// signing of the three commands is its heap, not the board's, and is done outside the count.
    /// </summary>
    /// <param name="allocated">the meter: bytes allocated so far (on this thread, less whatever is not the board's)</param>
    /// <param name="sender">who the console says sent the commands</param>
    public CallBytes VisitorCall(Func<long> allocated, string sender)
    {
        var call = Config.ChannelOf(InputFunction.CallButton);
        var door = Config.ChannelOf(InputFunction.DoorContact);
        var commands = new Topics(Config.Site, Config.DeviceId).Commands;
        var before = allocated();
        Pins.SetChannel(call, true);
        Run(200);
        Pins.SetChannel(call, false);
        Run(1000);
        var ringing = allocated() - before;
        // Signed in the order they are sent: each counter above the last (an unlock signed before
        // the answer was once refused here as a replay).
        var id = Controller.Call.CallId;
        var answer = Signed("answer", id, sender);
        var unlock = Signed("unlock", "", sender);
        var end = Signed("end", id, sender);
        var c0 = allocated();
        Client.Deliver(commands, answer);
        Run(20);
        Client.Deliver(commands, unlock);
        Run(20);
        var c1 = allocated();
        var unlocked = Controller.LockReleased;
        Pins.SetChannel(door, true);
        Run(3000);
        Pins.SetChannel(door, false);
        Run(2000);
        Client.Deliver(commands, end);
        Run(15_000);
        return new CallBytes(ringing + allocated() - c0, c1 - c0, unlocked);
    }
}
