using System;
using System.Linq;
using Kiosk.HostSim.Scenarios;
using Xunit;

namespace Kiosk.Integration.Tests.Scenarios;

public sealed class ScenarioParserTests
{
    private static readonly string[] Boards = { "main-gate", "side-gate" };

    [Fact]
    public void A_scenario_is_read_into_timed_steps()
    {
        var steps = ScenarioParser.Parse("""
            # comment
            at 0s    press main-gate call for 3s
            at 1m30s operator lockdown side-gate on   # trailing comment
            at 2m    expect side-gate door LOCK_DOWN within 500ms
            """, "s.scenario", Boards);

        Assert.Equal(3, steps.Count);
        Assert.Equal(90_000, steps[1].AtMillis);
        Assert.Equal(new[] { "side-gate", "door", "LOCK_DOWN" }, steps[2].Args);
        Assert.Equal(500, steps[2].WithinMillis);
        Assert.Equal(3, steps[1].Line);
    }

    [Fact]
    public void Every_bad_line_is_refused_with_file_line_and_reason()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse("""
            at 0s press main-gate doorbell
            at soon door main-gate open
            at 5s door back-gate open
            at 6s expect main-gate door AJAR
            at 4s fire main-gate on
            press main-gate call
            at 7s door main-gate open within 2s
            """, "bad.scenario", Boards));

        Assert.Equal(7, error.Errors.Count);
        Assert.StartsWith("bad.scenario:1: the button must be one of call, exit, patrol, emergency", error.Errors[0], StringComparison.Ordinal);
        Assert.StartsWith("bad.scenario:2: 'soon' is not a time", error.Errors[1], StringComparison.Ordinal);
        Assert.StartsWith("bad.scenario:3: unknown board 'back-gate'", error.Errors[2], StringComparison.Ordinal);
        Assert.StartsWith("bad.scenario:4: expect BOARD door STATE", error.Errors[3], StringComparison.Ordinal);
        Assert.StartsWith("bad.scenario:5: 4s is earlier than the step before it", error.Errors[4], StringComparison.Ordinal);
        Assert.StartsWith("bad.scenario:6: expected 'at TIME ACTION", error.Errors[5], StringComparison.Ordinal);
        Assert.StartsWith("bad.scenario:7: 'within' belongs to expect steps", error.Errors[6], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1500)]
    [InlineData("10m", 600_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("3m10s", 190_000)]
    [InlineData("-30s", -30_000)]
    public void Durations_read_as_people_write_them(string text, long millis)
    {
        Assert.True(ScenarioParser.TryDuration(text, out var value));
        Assert.Equal(millis, value);
    }

    [Fact]
    public void The_shipped_scenarios_all_parse()
    {
        var folder = System.IO.Path.Combine(AppContext.BaseDirectory, "scenarios");
        var files = System.IO.Directory.GetFiles(folder, "*.scenario");
        var boards = new[] { "main-gate", "side-gate", "building-1", "building-2" };

        Assert.True(files.Length >= 5);
        Assert.All(files, f => Assert.NotEmpty(ScenarioParser.Parse(System.IO.File.ReadAllText(f), f, boards)));
    }
}
