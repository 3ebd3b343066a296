using System;
using System.IO;
using System.Linq;
using Kiosk.Integration.Tests.Support;
using Xunit;

namespace Kiosk.Integration.Tests;

/// <summary>kiosk-provision new as an installer runs it: checks everything first, writes whole or nothing, never outside --out.</summary>
public sealed class ProvisionNewTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("kiosk-new-").FullName;
    private string Devices => Path.Combine(_work, "devices");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Ca(string text = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n")
    {
        var path = Path.Combine(_work, "broker-ca.pem");
        File.WriteAllText(path, text);
        return path;
    }

    private ProvisionCli.Result New(string device, string broker = "broker.maple-court.lan:8883", string? ca = null, string? outFolder = null, string board = "olimex-esp32-poe", string lockType = "maglock") =>
        ProvisionCli.Run("new", "--site", "maple-court", "--device", device, "--board", board, "--lock", lockType,
            "--broker", broker, "--ca", ca ?? Ca(), "--out", outFolder ?? Devices);

    private string[] FilesUnderWork() =>
        Directory.GetFiles(_work, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("broker-ca.pem", StringComparison.Ordinal)).ToArray();

    [Theory]
    [InlineData("north gate")]
    [InlineData("a/b")]
    [InlineData("gate#1")]
    [InlineData("gate+1")]
    [InlineData("")]
    public void A_refused_device_id_leaves_no_file_behind(string device)
    {
        var result = New(device);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("deviceId:", result.Errors, StringComparison.Ordinal);
        Assert.Empty(FilesUnderWork());
    }

    [Fact]
    public void A_device_id_that_climbs_out_of_the_out_folder_writes_nothing_anywhere()
    {
        var result = New("../escaped");

        Assert.Equal(1, result.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(_work, "escaped")));
        Assert.Empty(FilesUnderWork());
    }

    [Fact]
    public void A_ca_file_that_is_no_certificate_is_refused_before_anything_is_written()
    {
        var result = New("north-gate", ca: Ca("not a certificate"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("secrets.caCertificate: must be a PEM certificate", result.Errors, StringComparison.Ordinal);
        Assert.Empty(FilesUnderWork());
    }

    [Fact]
    public void A_broker_host_with_a_space_is_refused()
    {
        var result = New("north-gate", broker: "broker maple-court.lan:8883");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("mqtt.host: must be a host name or IPv4 address", result.Errors, StringComparison.Ordinal);
        Assert.Empty(FilesUnderWork());
    }

    [Fact]
    public void Every_argument_problem_is_reported_in_one_run()
    {
        var result = ProvisionCli.Run("new", "--site", "maple-court", "--device", "north-gate", "--board", "no-such-board", "--lock", "strike",
            "--broker", "broker.lan", "--ca", Path.Combine(_work, "missing.pem"), "--out", Devices);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--board: no profile 'no-such-board'", result.Errors, StringComparison.Ordinal);
        Assert.Contains("--broker: 'broker.lan' should be HOST:PORT", result.Errors, StringComparison.Ordinal);
        Assert.Contains("--ca: no such file", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_naming_a_file_is_an_error_in_words_not_a_stack_trace()
    {
        var file = Path.Combine(_work, "devices.txt");
        File.WriteAllText(file, "notes");

        var result = New("north-gate", outFolder: file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"--out: '{file}' is a file", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_device_gets_both_files_and_secrets_readable_by_the_owner_only()
    {
        var result = New("north-gate");

        Assert.True(result.ExitCode == 0, result.Errors);
        var folder = Path.Combine(Devices, "north-gate");
        Assert.Equal(new[] { "config.json", "secrets.json" }, Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToArray());
        Assert.Contains("\"relayContact\": \"NC\"", File.ReadAllText(Path.Combine(folder, "config.json")), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "secrets.json")));
        Assert.Empty(Directory.GetDirectories(Devices, ".*")); // no staging folder left
    }

    [Fact]
    public void Re_keying_keeps_an_edited_config_and_new_refuses_to_replace_it()
    {
        Assert.Equal(0, New("north-gate").ExitCode);
        var folder = Path.Combine(Devices, "north-gate");
        var config = Path.Combine(folder, "config.json");
        var secrets = Path.Combine(folder, "secrets.json");
        var edited = File.ReadAllText(config).Replace("\"relayActiveHigh\": true", "\"relayActiveHigh\": true, \"unlockPulseSeconds\": 9", StringComparison.Ordinal);
        Assert.Contains("\"unlockPulseSeconds\": 9", edited, StringComparison.Ordinal);
        File.WriteAllText(config, edited);
        var oldSecrets = File.ReadAllText(secrets);
        File.Delete(secrets);

        var again = New("north-gate");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("config.json exists: refusing to replace a config that may have been edited", again.Errors, StringComparison.Ordinal);
        Assert.Equal(edited, File.ReadAllText(config));

        var rekey = ProvisionCli.Run("rekey", "--device", folder, "--ca", Ca());
        Assert.True(rekey.ExitCode == 0, rekey.Errors);
        Assert.Equal(edited, File.ReadAllText(config));
        Assert.NotEqual(oldSecrets, File.ReadAllText(secrets));
        Assert.True(ProvisionCli.Run("validate", config).ExitCode == 0);
    }
}
