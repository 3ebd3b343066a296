using System;
using System.Linq;
using System.Threading;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Ports;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Simulation;

/// <summary>The runner's fleet mode: boards stepped as their device loops run, spread over threads.</summary>
public sealed class BoardRunnerCadenceTests
{
    private static SimulatedBoard OfflineBoard(string id)
    {
        var node = SampleConfig.Node();
        node["deviceId"] = id;
        var config = ConfigReader.Read(node.ToJsonString(), new ConfigErrors())!;
        // Nothing listens on port 1: the boards stay offline, which is all this needs.
        return new SimulatedBoard(config, new TransportConnectOptions { Host = "127.0.0.1", Port = 1, UseTls = false, ClientId = id }, NodeRig.Key);
    }

    [Fact]
    public void In_device_cadence_over_two_threads_every_board_keeps_time_runs_once_a_tick_and_still_takes_its_inputs()
    {
        var boards = Enumerable.Range(0, 6).Select(i => OfflineBoard($"door-{i}")).ToArray();
        using var runner = new BoardRunner(1) { DeviceCadence = true, Threads = 2 };
        foreach (var b in boards)
            runner.Add(b);
        runner.Start();
        SpinWait.SpinUntil(() => runner.SiteMillis >= 500, TimeSpan.FromSeconds(30));

        boards[3].Set(InputFunction.Patrol, true);
        SpinWait.SpinUntil(() => boards[3].RecordedSince(0).Any(r => r.Type == EventType.Patrol), TimeSpan.FromSeconds(30));
        SpinWait.SpinUntil(() => runner.SiteMillis >= 1500, TimeSpan.FromSeconds(30));
        runner.Dispose();

        Assert.Null(runner.Failure);
        Assert.Contains(boards[3].RecordedSince(0), r => r.Type == EventType.Patrol);
        var site = runner.SiteMillis;
        Assert.All(boards, b => Assert.Equal(site, b.Clock.NowMillis));
        // One pass per 10 ms tick, plus one per input (the press, the transport's refusals): not one per millisecond.
        Assert.InRange(runner.LoopsRun, boards.Length * (site / 10) / 2, boards.Length * (site / 10 + 20));
    }

    [Fact]
    public void A_held_site_stops_at_the_hold_takes_inputs_meanwhile_and_resumes_without_a_burst()
    {
        var board = OfflineBoard("door-held");
        using var runner = new BoardRunner(10) { HoldAt = 2000 }; // ten times real time, held at 2 s
        runner.Add(board);
        runner.Start();
        SpinWait.SpinUntil(() => runner.SiteMillis >= 2000, TimeSpan.FromSeconds(30));
        Thread.Sleep(500); // five seconds of site time at this speed, had it not been held
        Assert.Equal(2000, runner.SiteMillis);
        Assert.Equal(2000, board.Clock.NowMillis);

        // The loop still runs while held: it takes the edge at once; the debounce waits for site time.
        board.Set(InputFunction.Patrol, true);
        Assert.True(SpinWait.SpinUntil(() => board.Queue.Count == 0, TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain(board.RecordedSince(0), r => r.Type == EventType.Patrol);

        runner.HoldAt = long.MaxValue;
        Thread.Sleep(100);
        // Released: the held half second is dropped, not run in a burst (that would be about 7 s).
        Assert.InRange(runner.SiteMillis, 2000, 4500);
        SpinWait.SpinUntil(() => board.RecordedSince(0).Any(r => r.Type == EventType.Patrol), TimeSpan.FromSeconds(30));
        Assert.Contains(board.RecordedSince(0), r => r.Type == EventType.Patrol);
        runner.Dispose();
        Assert.Null(runner.Failure);
    }
}
