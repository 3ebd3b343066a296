using Kiosk.Core.Config;
using Kiosk.Core.Ports;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Simulation;

/// <summary>The monitor every scenario and random day runs under catches a lost record that matters.</summary>
public sealed class InvariantMonitorTests
{
    private static SimulatedBoard OfflineBoard()
    {
        var node = SampleConfig.Node();
        node["eventCapacity"] = 1000;
        node["flapLimitPerMinute"] = 600;
        var config = ConfigReader.Read(node.ToJsonString(), new ConfigErrors())!;
        // Nothing listens on port 1: the board stays offline and keeps everything undelivered.
        return new SimulatedBoard(config, new TransportConnectOptions { Host = "127.0.0.1", Port = 1, UseTls = false, ClientId = "x" }, NodeRig.Key);
    }

    /// <summary>A guard's check-ins while the board is offline: records that matter, all undelivered.</summary>
    private static void Patrols(SimulatedBoard board, int count)
    {
        for (var i = 0; i < count; i++)
        {
            board.Set(InputFunction.Patrol, true);
            board.Loop.RunFor(board.Clock, 100);
            board.Set(InputFunction.Patrol, false);
            board.Loop.RunFor(board.Clock, 100);
        }
    }

    [Fact]
    public void An_undelivered_patrol_record_overwritten_by_an_outage_longer_than_the_store_is_a_violation()
    {
        using var board = OfflineBoard();
        var monitor = new InvariantMonitor();
        monitor.Watch(board);

        Patrols(board, 1100);

        Assert.True(board.Controller.Store.OverwrittenUndelivered > 0);
        Assert.Contains(monitor.Violations, v => v.Contains("overwritten by patrol", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Routine_records_left_out_under_pressure_are_no_violation()
    {
        using var board = OfflineBoard();
        var monitor = new InvariantMonitor();
        monitor.Watch(board);

        Patrols(board, 905);
        board.Loop.RunFor(board.Clock, 600_000); // ten minutes of failed connects: routine link records, left out

        Assert.True(board.Controller.Store.UnderPressure);
        Assert.DoesNotContain(monitor.Violations, v => v.Contains("overwritten", System.StringComparison.Ordinal));
        Assert.Equal(0, board.Controller.Store.OverwrittenUndelivered);
    }
}
