using System.IO;
using Xunit;

namespace Kiosk.Core.Tests;

/// <summary>README's first command: the simulated site runs its story, and refuses a bad config with the reason.</summary>
public sealed class HostSimProgramTests
{
    [Fact]
    public void The_simulated_evening_runs_to_the_end()
    {
        var output = new StringWriter();
        var previous = System.Console.Out;
        System.Console.SetOut(output);
        try
        {
            Assert.Equal(0, Kiosk.HostSim.Program.Main(System.Array.Empty<string>()));
        }
        finally
        {
            System.Console.SetOut(previous);
        }
        var text = output.ToString();
        Assert.Contains("FORCED_OPEN", text, System.StringComparison.Ordinal);
        Assert.Contains("FREE_ACCESS", text, System.StringComparison.Ordinal);
        Assert.Contains("LightingReport", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_config_is_refused_with_field_and_reason_before_anything_runs()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, Support.SampleConfig.Json.Replace("\"pin\": 25", "\"pin\": 0", System.StringComparison.Ordinal));
        var errors = new StringWriter();
        var previous = System.Console.Error;
        System.Console.SetError(errors);
        try
        {
            Assert.Equal(2, Kiosk.HostSim.Program.Main(new[] { path }));
        }
        finally
        {
            System.Console.SetError(previous);
            File.Delete(path);
        }
        Assert.Contains("lock.pin: GPIO 0 is a strapping pin", errors.ToString(), System.StringComparison.Ordinal);
    }
}
