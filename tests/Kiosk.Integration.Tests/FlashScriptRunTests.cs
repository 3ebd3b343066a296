using System;
using System.IO;
using System.Linq;
using Kiosk.Integration.Tests.Support;
using Xunit;

namespace Kiosk.Integration.Tests;

/// <summary>flash.ps1 run end to end in a hosted PowerShell against fake nanoff, dotnet and mosquitto_sub.</summary>
public sealed class FlashScriptRunTests : IDisposable
{
    private readonly FlashRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public void A_full_run_calls_nanoff_with_the_pinned_runtime_and_deploys_both_files_under_the_keys_nanoff_reads()
    {
        var run = _rig.Run();

        Assert.True(run.ExitCode == 0, run.Output);
        var image = Path.GetFullPath(_rig.Image);
        var nanoff = run.Nanoff.ToList();
        Assert.Equal(4, nanoff.Count);
        Assert.Equal(new[] { "--listports" }, nanoff[0]);
        Assert.Equal(new[] { "--update", "--target", "ESP32_REV3", "--fwversion", FlashRig.PinnedVersion, "--serialport", "/dev/ttyUSB0", "--masserase" }, nanoff[1]);
        Assert.Equal(new[] { "--target", "ESP32_REV3", "--serialport", "/dev/ttyUSB0", "--deploy", "--image", image }, nanoff[2]);
        Assert.Equal(new[] { "--serialport", "/dev/ttyUSB0", "--filedeployment" }, nanoff[3][..3]);

        var deployment = FlashRig.Json(run.DeploymentJson!);
        Assert.Equal("/dev/ttyUSB0", deployment.GetProperty("SerialPort").GetString());
        var files = deployment.GetProperty("Files").EnumerateArray().Select(f => (f.GetProperty("DestinationFilePath").GetString()!, f.GetProperty("SourceFilePath").GetString()!)).ToArray();
        Assert.Equal(new[]
        {
            (@"I:\kiosk\config.json", Path.Combine(_rig.DeviceFolder, "config.json")),
            (@"I:\kiosk\secrets.json", Path.Combine(_rig.DeviceFolder, "secrets.json")),
        }, files);
        Assert.False(File.Exists(run.Nanoff.Last()[3]), "the deployment list names the secrets file: removed after use");
        Assert.Contains("OK: north-gate is online (boot 1)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_broker_password_is_never_an_argument_nor_printed_and_the_check_trusts_the_site_ca()
    {
        var run = _rig.Run();

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.NotEmpty(run.MosquittoSub);
        Assert.All(run.MosquittoSub, c =>
        {
            Assert.DoesNotContain("-P", c.Args);
            Assert.DoesNotContain(FlashRig.BrokerPassword, string.Join(' ', c.Args), StringComparison.Ordinal);
            Assert.Equal($"-u installer\n-P {FlashRig.BrokerPassword}\n", c.OptionsFile);
            Assert.Contains("--cafile", c.Args);
            Assert.DoesNotContain("--capath", c.Args);
        });
        Assert.Equal(FlashRig.Ca, run.CaAtBirthCheck);
        Assert.DoesNotContain(FlashRig.BrokerPassword, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_prints_every_command_and_runs_none()
    {
        var run = _rig.Run(whatIf: true);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Empty(run.Calls);
        Assert.Contains($"would run: nanoff --update --target ESP32_REV3 --fwversion {FlashRig.PinnedVersion} --serialport /dev/ttyUSB0 --masserase", run.Output, StringComparison.Ordinal);
        Assert.Contains("would run: nanoff --serialport /dev/ttyUSB0 --filedeployment", run.Output, StringComparison.Ordinal);
        Assert.Contains("would run: mosquitto_sub -h broker.maple-court.lan -p 8883", run.Output, StringComparison.Ordinal);
        Assert.Null(run.DeploymentJson);
    }

    [Fact]
    public void A_port_name_that_is_only_a_prefix_of_a_listed_port_is_not_the_board()
    {
        var run = _rig.Run(port: "COM1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no board on COM1. Ports seen: /dev/ttyUSB0, COM12", run.Output, StringComparison.Ordinal);
        Assert.Single(run.Nanoff); // only --listports: nothing was flashed
    }

    [Fact]
    public void A_file_the_board_refused_fails_the_run_though_nanoff_exits_0()
    {
        _rig.RefusedFiles = [@"I:\kiosk\secrets.json"];

        var run = _rig.Run();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(@"nanoff did not confirm I:\kiosk\secrets.json", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(run.MosquittoSub, c => !c.Args.Contains("--retained-only"));
    }

    [Fact]
    public void A_stale_retained_birth_from_an_earlier_boot_does_not_pass_the_check()
    {
        _rig.RetainedBefore = "{\"v\":1,\"dev\":\"north-gate\",\"state\":\"online\",\"boot\":7,\"conn\":1}";
        _rig.RetainedAfter = _rig.RetainedBefore; // the board never came back: the broker still holds boot 7
        _rig.FreshBirth = null;

        var run = _rig.Run();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no birth from north-gate on kiosk/v1/maple-court/north-gate/status within 30 s", run.Output, StringComparison.Ordinal);
        Assert.Contains(run.MosquittoSub, c => c.Args.Contains("-R"));
    }

    [Fact]
    public void A_fresh_birth_after_the_stale_one_passes()
    {
        _rig.RetainedBefore = "{\"v\":1,\"dev\":\"north-gate\",\"state\":\"online\",\"boot\":7,\"conn\":1}";
        _rig.RetainedAfter = _rig.RetainedBefore;
        _rig.FreshBirth = "{\"v\":1,\"dev\":\"north-gate\",\"state\":\"online\",\"boot\":8,\"conn\":1}";

        var run = _rig.Run();

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("OK: north-gate is online (boot 8)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void No_internet_for_the_nanoff_update_is_a_warning_when_nanoff_is_installed()
    {
        _rig.DotnetExitCode = 1;

        var run = _rig.Run();

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("could not update nanoff (exit 1; no internet?): going on with the installed one", run.Output, StringComparison.Ordinal);
        Assert.Equal(4, run.Nanoff.Count());
    }
}

/// <summary>The shipped profiles pin no runtime yet (the matching build cannot be checked here): flash.ps1 refuses to guess.</summary>
public sealed class FlashScriptUnpinnedRuntimeTests
{
    [Fact]
    public void A_profile_without_a_pinned_runtime_stops_before_anything_is_flashed()
    {
        using var rig = new FlashRig(pinVersion: false);

        var run = rig.Run();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("hardware/boards/esp32-devkitc.json pins none (firmwareVersion)", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Nanoff);
    }
}
