using System;
using System.IO;
using System.Threading;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Link;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;
using Kiosk.Core.Protocol;
using Kiosk.Core.Security;
using Kiosk.HostSim.Adapters;
using Kiosk.HostSim.Simulation;
using Xunit;

namespace Kiosk.Core.Tests.Link;

/// <summary>
/// The heap a whole visitor call costs the board, with the device's own transport code
/// (BlockingClientTransport) over a client that answers at once: press, ring, answer, unlock, door
/// open and close, end. The budgets are the ones the benchmark prints (bench -- alloc) with some
/// room; bytes are counted on the loop's thread, never time. The desktop GPIO underneath is taken
/// off, as in the benchmark: it is not the board's.
/// </summary>
public sealed class VisitorCallAllocationTests
{
    /// <summary>
    /// Measured 7.2 KB: 23.6 KB at first, 13.9 KB once the command path stopped allocating per field,
    /// 7.2 KB once the desktop GPIO was counted apart and the outbox stopped making new strings of
    /// the names of every event it reads back. The rest is mostly payloads the transport keeps until PUBACK.
    /// </summary>
    private const long CycleBudget = 10 * 1024;

    /// <summary>Read, verify, execute, reply: measured 1.6 KB (it was 4.8 KB).</summary>
    private const long CommandBudget = 2 * 1024;

    /// <summary>This thread's allocations less the desktop GPIO stack's (System.Device.Gpio's node per pin write, the simulated wires), which the device's native GPIO does not make.</summary>
    private static long CoreBytes() => GC.GetAllocatedBytesForCurrentThread() - DesktopGpioBytes.OnThisThread;

    [Fact]
    public void A_visitor_call_and_its_commands_stay_within_their_heap_budgets()
    {
        var config = ConfigReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "site", "main-gate.json")), new ConfigErrors())!;
        var clock = new VirtualClock(new DateTime(2026, 11, 24, 18, 0, 0, DateTimeKind.Utc), synced: true);
        var queue = new InputQueue(256);
        var pins = new SimulatedPins(config, queue);
        var storage = new MemoryStorage();
        var blank = new byte[config.EventCapacity * EventRecordCodec.SlotSize]; // the ring at full size, as flash is
        storage.Write(EventStore.BlobName, 0, blank, 0, blank.Length);
        var ports = pins.Ports(clock, storage);
        var controller = new EntranceController(config, ports);
        var listener = new QueueingTransportListener(queue, clock);
        var client = new InstantBrokerClient();
        var transport = new BlockingClientTransport(client, new InlineWorker());
        transport.SetListener(listener);
        var key = new byte[32];
        var node = new KioskNode(controller, transport, new TransportConnectOptions { Host = "broker", ClientId = Topics.ClientId(config.Site, config.DeviceId) },
            key, new BclHmacSha256(), new ProcessSystemInfo(), ports, new NodeLinks { Listener = listener, Worker = new InlineWorker() });
        var loop = new ControllerLoop(queue, clock, node, 10);
        loop.RunFor(clock, 5000);
        Assert.Equal(LinkState.Connected, node.LinkState);

        var hmac = new BclHmacSha256();
        var writer = new CommandWriter();
        var counter = 0L;
        byte[] Signed(string command, string argument)
        {
            var now = new DateTimeOffset(clock.UtcNow).ToUnixTimeSeconds();
            return writer.Write(new SignedCommand
            {
                RequestId = "req-" + counter, DeviceId = config.DeviceId, Command = command, Argument = argument, Sender = "operator:李明",
                IssuedAt = now, ExpiresAt = now + 30, Counter = new DateTimeOffset(clock.UtcNow).ToUnixTimeMilliseconds() + ++counter,
            }, key, hmac, null);
        }
        var commands = new Topics(config.Site, config.DeviceId).Commands;
        var call = config.ChannelOf(InputFunction.CallButton);
        var door = config.ChannelOf(InputFunction.DoorContact);
        const int Cycles = 12, Warm = 2;
        long cycleBytes = 0, commandBytes = 0;
        var unlocked = 0;
        for (var i = 0; i < Cycles; i++)
        {
            var before = CoreBytes();
            pins.SetChannel(call, true);
            loop.RunFor(clock, 200);
            pins.SetChannel(call, false);
            loop.RunFor(clock, 1000);
            var ringing = CoreBytes() - before;
            // The console signs its answer and end (its heap, not the board's) outside the count.
            var id = controller.Call.CallId;
            // In the order they are sent: each counter above the last, or the board refuses a replay.
            var answer = Signed("answer", id);
            var unlock = Signed("unlock", "");
            var end = Signed("end", id);
            var c0 = CoreBytes();
            client.Deliver(commands, answer);
            loop.RunFor(clock, 20);
            client.Deliver(commands, unlock);
            loop.RunFor(clock, 20);
            var c1 = CoreBytes();
            if (controller.LockReleased)
                unlocked++;
            pins.SetChannel(door, true);
            loop.RunFor(clock, 3000);
            pins.SetChannel(door, false);
            loop.RunFor(clock, 2000);
            client.Deliver(commands, end);
            loop.RunFor(clock, 15_000);
            var after = CoreBytes();
            if (i >= Warm)
            {
                cycleBytes += ringing + (after - c0);
                commandBytes += c1 - c0;
            }
        }

        Assert.Equal(Cycles, unlocked);
        Assert.InRange(cycleBytes / (Cycles - Warm), 0, CycleBudget);
        Assert.InRange(commandBytes / (2 * (Cycles - Warm)), 0, CommandBudget);
    }
}

