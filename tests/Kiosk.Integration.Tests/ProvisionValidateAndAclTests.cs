using System;
using System.IO;
using Kiosk.Integration.Tests.Support;
using Xunit;

namespace Kiosk.Integration.Tests;

/// <summary>kiosk-provision validate and acl on the mistakes an installer makes: a folder for a file, a huge file, a half-made device.</summary>
public sealed class ProvisionValidateAndAclTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("kiosk-validate-").FullName;
    private string Devices => Path.Combine(_work, "devices");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string NewDevice(string device)
    {
        var result = ProvisionCli.Run("new", "--site", "maple-court", "--device", device, "--board", "olimex-esp32-poe", "--lock", "strike",
            "--broker", "127.0.0.1:1883", "--no-tls", "--out", Devices);
        Assert.True(result.ExitCode == 0, result.Errors);
        return Path.Combine(Devices, device);
    }

    [Fact]
    public void A_folder_given_as_the_config_is_named_as_a_folder()
    {
        var folder = NewDevice("north-gate");

        var result = ProvisionCli.Run("validate", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{folder}: is a folder; name the config file in it", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_five_megabyte_config_is_refused_by_its_size()
    {
        var path = Path.Combine(_work, "huge.json");
        File.WriteAllText(path, "{\"version\": 1, \"pad\": \"" + new string('x', 5 * 1024 * 1024) + "\"}");

        var result = ProvisionCli.Run("validate", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the board reads at most 16384 bytes of config", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_and_secrets_problems_are_reported_together()
    {
        var folder = NewDevice("north-gate");
        var config = Path.Combine(folder, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"lock\": {", "\"lock\": { \"colour\": 1,", StringComparison.Ordinal));
        var secrets = Path.Combine(folder, "secrets.json");
        File.WriteAllText(secrets, File.ReadAllText(secrets).Replace("\"commandKey\": \"", "\"commandKey\": \"zz", StringComparison.Ordinal));

        var result = ProvisionCli.Run("validate", config);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("lock.colour", result.Errors, StringComparison.Ordinal);
        Assert.Contains("secrets.commandKey", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Acl_names_a_device_folder_without_secrets_instead_of_skipping_it()
    {
        NewDevice("north-gate");
        var half = NewDevice("south-gate");
        File.Delete(Path.Combine(half, "secrets.json"));

        var result = ProvisionCli.Run("acl", "--devices", Devices, "--console-password", "console-password-0123", "--out", Path.Combine(_work, "broker"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{half}: no secrets.json", result.Errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_work, "broker")));
    }

    [Fact]
    public void Acl_writes_broker_settings_that_tie_each_client_id_to_its_user_and_keeps_the_passwords_private()
    {
        NewDevice("north-gate");
        var broker = Path.Combine(_work, "broker");

        var result = ProvisionCli.Run("acl", "--devices", Devices, "--console-password", "console-password-0123", "--out", broker, "--broker-dir", "/etc/mosquitto/kiosk");

        Assert.True(result.ExitCode == 0, result.Errors);
        var settings = File.ReadAllText(Path.Combine(broker, "kiosk.conf"));
        Assert.Contains("use_username_as_clientid true", settings, StringComparison.Ordinal);
        Assert.Contains("password_file /etc/mosquitto/kiosk/passwords.txt", settings, StringComparison.Ordinal);
        Assert.Contains("user installer\ntopic read kiosk/v1/maple-court/+/status", File.ReadAllText(Path.Combine(broker, "mosquitto.acl")).ReplaceLineEndings("\n"), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(broker, "passwords.txt")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(broker, "installer-password.txt")));
        }
    }
}
