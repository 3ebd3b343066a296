using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Kiosk.Core.Tests;

/// <summary>host-sim's command line: the scripted story runs, and bad options or configs are refused before anything starts.</summary>
public sealed class HostSimProgramTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var (previousOut, previousErr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(errors);
        try
        {
            var code = await Kiosk.HostSim.Program.Main(args);
            return (code, output.ToString(), errors.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousErr);
        }
    }

    [Fact]
    public async Task A_prompt_command_the_site_cannot_do_is_answered_and_the_site_keeps_running()
    {
        var previousIn = Console.In;
        Console.SetIn(new StringReader("press side-gate patrol\nstatus\nquit\n"));
        try
        {
            var (code, text, _) = await RunAsync("--no-console");

            Assert.Contains("! could not: side-gate has no patrol input", text, StringComparison.Ordinal);
            Assert.Contains("main-gate", text[text.IndexOf("! could not", StringComparison.Ordinal)..], StringComparison.Ordinal); // status still answered
            Assert.Equal(0, code);
        }
        finally
        {
            Console.SetIn(previousIn);
        }
    }

    [Fact]
    public async Task The_simulated_evening_runs_to_the_end()
    {
        var (code, text, _) = await RunAsync("--story");

        Assert.Equal(0, code);
        Assert.Contains("FORCED_OPEN", text, StringComparison.Ordinal);
        Assert.Contains("FREE_ACCESS", text, StringComparison.Ordinal);
        Assert.Contains("LightingReport", text, StringComparison.Ordinal);
    }

    /// <summary>Runs host-sim on a site folder holding one main-gate config: the sample booth with one text replaced.</summary>
    private static async Task<(int Code, string Out, string Err)> RunOnSiteAsync(string from, string to)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-site-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "main-gate.json"), Support.SampleConfig.Json.Replace(from, to, StringComparison.Ordinal));
            return await RunAsync("--site", folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_bad_entrance_config_is_refused_with_file_field_and_reason_before_anything_runs()
    {
        var (code, _, errors) = await RunOnSiteAsync("\"pin\": 25", "\"pin\": 0");

        Assert.Equal(2, code);
        Assert.Contains("main-gate.json: lock.pin: GPIO 0 is a strapping pin", errors, StringComparison.Ordinal);
        Assert.Contains("nothing was started", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entrance_wired_differently_from_its_board_profile_is_refused_naming_both()
    {
        var (code, _, errors) = await RunOnSiteAsync("\"pin\": 26", "\"pin\": 33");

        Assert.Equal(2, code);
        Assert.Contains("main-gate.json: inputs[0].pin: GPIO 33, but board esp32-devkitc wires doorContact to GPIO 26", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--boards", "0", "--boards: '0' is not a whole number in 1..5000")]
    [InlineData("--speed", "fast", "--speed: 'fast' is not a number in (0, 1000]")]
    [InlineData("--broker", "localhost", "--broker: 'localhost' should be HOST:PORT")]
    [InlineData("--scenario", "/no/such.scenario", "--scenario: no such file")]
    [InlineData("--colour", "red", "--colour: unknown option")]
    public async Task Bad_options_are_refused_with_the_reason(string option, string value, string reason)
    {
        var (code, _, errors) = await RunAsync(option, value);

        Assert.Equal(2, code);
        Assert.Contains(reason, errors, StringComparison.Ordinal);
    }
}
