using System;
using System.IO;
using Kiosk.Core.Config;
using Kiosk.Core.Link;
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
        var board = new HandDrivenBoard(config);
        Assert.Equal(LinkState.Connected, board.Node.LinkState);

        const int Cycles = 12, Warm = 2;
        long cycleBytes = 0, commandBytes = 0;
        var unlocked = 0;
        for (var i = 0; i < Cycles; i++)
        {
            var call = board.VisitorCall(CoreBytes, "operator:李明");
            if (call.Unlocked)
                unlocked++;
            if (i >= Warm)
            {
                cycleBytes += call.Cycle;
                commandBytes += call.Commands;
            }
        }

        Assert.Equal(Cycles, unlocked);
        Assert.InRange(cycleBytes / (Cycles - Warm), 0, CycleBudget);
        Assert.InRange(commandBytes / (2 * (Cycles - Warm)), 0, CommandBudget);
    }
}
