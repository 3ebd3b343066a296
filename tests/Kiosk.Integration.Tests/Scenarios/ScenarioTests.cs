using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.HostSim.Scenarios;
using Kiosk.HostSim.Site;
using Xunit;
using Xunit.Abstractions;

namespace Kiosk.Integration.Tests.Scenarios;

/// <summary>
/// End to end through the embedded broker: the shipped scenarios run against the whole simulated
/// site (four entrances) and pass; a scenario whose expectation is false fails, naming its line.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class ScenarioTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _data = Directory.CreateTempSubdirectory("kiosk-site-").FullName;

    public ScenarioTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private async Task<ScenarioResult> RunAsync(string text, string name, double speed, SiteOptions? siteOptions = null)
    {
        var options = siteOptions ?? new SiteOptions();
        options.DataFolder = _data;
        options.Speed = speed;
        options.Boards = 4;
        var boards = new[] { "main-gate", "side-gate", "building-1", "building-2" };
        var steps = ScenarioParser.Parse(text, name, boards);
        await using var site = await SimulatedSite.StartAsync(options);
        Assert.True(await site.WaitOnlineAsync(TimeSpan.FromSeconds(20)), "site online");
        var result = await new ScenarioExecutor(site).RunAsync(steps);
        foreach (var line in result.Log)
            _output.WriteLine(line);
        foreach (var failure in result.Failures)
            _output.WriteLine("FAILED " + failure);
        return result;
    }

    /// <summary>Every scenario in host-sim/scenarios, with the speed it runs at (its real-time steps set their own).</summary>
    public static TheoryData<string, double, bool> Shipped()
    {
        var data = new TheoryData<string, double, bool>();
        foreach (var chinese in new[] { false, true })
        {
            data.Add("visitor-call-answered", 10, chinese);
            data.Add("missed-call", 20, chinese);
            data.Add("forced-open-at-night", 50, chinese);
            data.Add("network-cut", 50, chinese);
            data.Add("power-cycle-during-unlock", 10, chinese);
            data.Add("resident-access", 10, chinese);
            data.Add("access-revoked", 5, chinese);
        }
        return data;
    }

    /// <param name="chinese">on host-sim/site-zh, the same estate named in Chinese, signed by an operator called 李明</param>
    [Theory]
    [MemberData(nameof(Shipped))]
    public async Task A_shipped_scenario_passes(string name, double speed, bool chinese)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "scenarios", name + ".scenario");
        var site = chinese ? new SiteOptions { SiteFolder = Path.Combine(AppContext.BaseDirectory, "site-zh"), Operator = "李明" } : null;

        var result = await RunAsync(File.ReadAllText(file), file, speed, site);

        Assert.True(result.Passed, string.Join(Environment.NewLine, result.Failures));
    }

    [Fact]
    public void Every_scenario_in_the_folder_is_run()
    {
        var shipped = Shipped().Select(row => (string)row[0]).Distinct().Order();
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.scenario").Select(Path.GetFileNameWithoutExtension).Order();

        Assert.Equal(files, shipped);
    }

    [Fact]
    public async Task Chinese_names_reach_the_duty_room_intact_from_the_boards_flash()
    {
        var options = new SiteOptions { DataFolder = _data, Speed = 1, Boards = 4, SiteFolder = Path.Combine(AppContext.BaseDirectory, "site-zh"), Operator = "李明" };
        var steps = ScenarioParser.Parse("""
            at 0s  expect main-gate online within 10s
            at 1s  perimeter main-gate on
            at 1s  expect main-gate event alarm-raised within 2s
            at 2s  operator ack main-gate all
            at 2s  expect main-gate event command within 2s
            """, "chinese-names.scenario", new[] { "main-gate", "side-gate", "building-1", "building-2" });
        await using var site = await SimulatedSite.StartAsync(options);
        Assert.True(await site.WaitOnlineAsync(TimeSpan.FromSeconds(20)), "site online");

        var result = await new ScenarioExecutor(site).RunAsync(steps);

        Assert.True(result.Passed, string.Join(Environment.NewLine, result.Failures));
        var events = site.Console.Events("main-gate");
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "alarm-raised" && e.GetProperty("src").GetString() == "东侧围墙");
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "command" && e.GetProperty("src").GetString() == "operator:李明");
        var births = site.Console.Messages("main-gate/status");
        Assert.Contains(births, b => b.TryGetProperty("name", out var n) && n.GetString() == "东门岗亭" && b.GetProperty("siteName").GetString() == "枫林苑");
    }

    [Fact]
    public async Task A_scenario_whose_expectation_is_false_fails_and_names_its_line()
    {
        var result = await RunAsync("""
            at 0s   expect main-gate online within 10s
            at 1s   door main-gate close
            at 1s   expect main-gate door FORCED_OPEN within 1s
            """, "false.scenario", 10);

        Assert.False(result.Passed);
        Assert.Contains(result.Failures, f => f.StartsWith("false.scenario:3: expected main-gate door FORCED_OPEN within 1 s; got LOCKED_CLOSED", StringComparison.Ordinal));
    }
}
