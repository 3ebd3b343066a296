using System;
using System.IO;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Protocol;
using Kiosk.HostSim.Adapters;
using Kiosk.HostSim.Simulation;

namespace Kiosk.Bench;

/// <summary>
/// What the core's side of the device's network path allocates, measured on the loop thread with
/// the device's own transport code (BlockingClientTransport) over a client that answers at once:
/// per reconnect (drop, backoff, connect, birth, subscriptions, state), per event published in a
/// burst, and per hour connected and idle. The baseline is the bare payload the codec writes for
/// one event, in the same process. M2Mqtt's own allocations cannot be measured here (no
/// nanoFramework runtime); the board reports its free heap in every heartbeat for that.
/// </summary>
internal static class LinkMemoryBench
{
    /// <summary>What this thread allocated, less the desktop GPIO stack's share (System.Device.Gpio's per-write node, the simulated wires): the core's bytes.</summary>
    private static long Allocated() => GC.GetAllocatedBytesForCurrentThread() - DesktopGpioBytes.OnThisThread;

    public static void Run()
    {
        var errors = new ConfigErrors();
        // The flap limit raised so that the burst below records every press (a patrol button is not pressed 5 times a second).
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "site", "main-gate.json"))
            .Replace("\"heartbeatSeconds\": 30", "\"heartbeatSeconds\": 30, \"flapLimitPerMinute\": 600", StringComparison.Ordinal);
        var config = ConfigReader.Read(json, errors)
            ?? throw new InvalidOperationException(errors.ToString());
        var board = new HandDrivenBoard(config);
        var (clock, pins, controller, node, loop, client) = (board.Clock, board.Pins, board.Controller, board.Node, board.Loop, board.Client);

        // Reconnects: the broker drops the board; it backs off (1 s first) and connects again.
        const int Reconnects = 200;
        var before = Allocated();
        for (var i = 0; i < Reconnects; i++)
        {
            client.Drop();
            loop.RunFor(clock, 2000);
        }
        var perReconnect = (double)(Allocated() - before) / Reconnects;

        // A burst: 500 patrol check-ins recorded and published while connected.
        const int Burst = 500;
        var patrol = config.ChannelOf(InputFunction.Patrol);
        before = Allocated();
        var gpioBefore = DesktopGpioBytes.OnThisThread;
        var firstSeq = controller.Store.LastSequence;
        for (var i = 0; i < Burst; i++)
        {
            pins.SetChannel(patrol, true);
            loop.RunFor(clock, 100);
            pins.SetChannel(patrol, false);
            loop.RunFor(clock, 100);
        }
        var recorded = Math.Max(1, controller.Store.LastSequence - firstSeq);
        var perEvent = (double)(Allocated() - before) / recorded;
        var gpioPerEvent = (double)(DesktopGpioBytes.OnThisThread - gpioBefore) / recorded;

        // An hour connected and idle: heartbeats (and one heap reading each) only.
        before = Allocated();
        gpioBefore = DesktopGpioBytes.OnThisThread;
        loop.RunFor(clock, 3_600_000);
        var perHour = Allocated() - before;
        var gpioPerHour = DesktopGpioBytes.OnThisThread - gpioBefore;

        // A whole visitor-call cycle: press, ring, answer, unlock, door open and close, end.
        const int Cycles = 50;
        long cycleBytes = 0, commandBytes = 0, commandCount = 0, unlocked = 0;
        for (var i = 0; i < Cycles; i++)
        {
            var call = board.VisitorCall(Allocated, "operator:li");
            cycleBytes += call.Cycle;
            commandBytes += call.Commands;
            commandCount += 2;
            if (call.Unlocked)
                unlocked++;
        }

        var writer = new MessageWriter(config.Site, config.DeviceId);
        var record = new EventRecord { Sequence = 1, BootId = 1, UnixMillis = 1795000000123, TimeSynced = true, Type = EventType.Patrol, Code = patrol, Source = "gate-checkpoint", Detail = "check-in" };
        writer.Event(record);
        before = Allocated();
        for (var i = 0; i < 1000; i++)
            writer.Event(record);
        var payload = (double)(Allocated() - before) / 1000;

        Console.WriteLine($"core heap as nanoCLR holds it (model), eventCapacity {config.EventCapacity}, input queue {HandDrivenBoard.QueueLength}: {NanoHeapModel.Of(node)}");
        Console.WriteLine($"device link (core side, BlockingClientTransport, {client.Connects} connects)");
        Console.WriteLine($"  per reconnect        {perReconnect,8:F0} B  (will, birth, 2 subscriptions, state snapshot, heartbeat)");
        Console.WriteLine($"  per event in a burst {perEvent,8:F0} B  | bare event payload {payload:F0} B | ratio {perEvent / payload:F2}x  ({recorded} events from {Burst} presses; desktop GPIO apart: {gpioPerEvent:F0} B per event)");
        Console.WriteLine($"  per hour idle        {perHour,8} B  ({3600 / config.HeartbeatSeconds} heartbeats, {perHour / (3600.0 / config.HeartbeatSeconds):F0} B each; desktop GPIO apart: {gpioPerHour} B, the call beacon's writes)");
        Console.WriteLine($"  per visitor call     {cycleBytes / Cycles,8} B  (press, ring, answer, unlock, door open/close, end; commands signed outside the count; unlocked in {unlocked} of {Cycles}; budget 10 KB, VisitorCallAllocationTests)");
        Console.WriteLine($"  per command handled  {commandBytes / commandCount,8} B  (read, verify, execute, reply; budget 2 KB)");
    }
}

