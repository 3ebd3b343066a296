using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Kiosk.Core.Config;
using Kiosk.Provisioning;

namespace Kiosk.Provision;

/// <summary>
/// kiosk-provision rekey: new broker password and command key for an existing device, keeping its
/// config.json exactly as the installer edited it (re-keying by deleting secrets.json and running
/// 'new' again used to overwrite that config).
/// </summary>
internal static class RekeyCommand
{
    public static Command Build()
    {
        var device = new Option<string>("--device") { Description = "a device folder (as 'new' writes)", Required = true };
        var ca = new Option<string?>("--ca") { Description = "PEM of the broker's CA (default: the one in the current secrets)" };
        var wifiPasswordFile = new Option<string?>("--wifi-password-file") { Description = "file whose first line is the Wi-Fi password (default: the one in the current secrets)" };
        var boards = Program.Boards();
        var command = new Command("rekey", "replace a device's secrets (new broker password and command key), keeping its config");
        foreach (var option in new Option[] { device, ca, wifiPasswordFile, boards })
            command.Options.Add(option);
        command.SetAction(r =>
        {
            var folder = r.GetValue(device)!;
            var configPath = Path.Combine(folder, DeviceFolder.ConfigFile);
            var secretsPath = Path.Combine(folder, DeviceFolder.SecretsFile);
            var problems = new List<string>();
            if (!File.Exists(configPath))
                return Program.Fail($"--device: no {DeviceFolder.ConfigFile} in '{folder}' (create the device with 'new')");
            problems.AddRange(ConfigCheck.CheckText(configPath, File.ReadAllText(configPath), r.GetValue(boards)!, out var config));
            DeviceSecrets? old = null;
            if (config is not null && File.Exists(secretsPath))
                old = SecretsReader.Read(File.ReadAllText(secretsPath), config.DeviceId, new ConfigErrors()); // unreadable old secrets: only what is given below
            var caPath = r.GetValue(ca);
            var caPem = old?.CaCertificatePem;
            if (caPath is not null && !File.Exists(caPath))
                problems.Add($"--ca: no such file '{caPath}'");
            else if (caPath is not null)
                caPem = File.ReadAllText(caPath);
            var wifiFile = r.GetValue(wifiPasswordFile);
            var wifiPassword = old?.WifiPassword;
            if (wifiFile is not null && !File.Exists(wifiFile))
                problems.Add($"--wifi-password-file: no such file '{wifiFile}'");
            else if (wifiFile is not null)
                wifiPassword = File.ReadLines(wifiFile).FirstOrDefault()?.TrimEnd('\r');
            if (problems.Count > 0 || config is null)
                return Program.Fail(problems.ToArray());

            var secretsJson = SecretsGenerator.Generate(config.Site, config.DeviceId, caPem, wifiPassword);
            problems.AddRange(ConfigCheck.CheckSecrets("new secrets", secretsJson, config, config.DeviceId));
            if (problems.Count > 0)
                return Program.Fail(problems.ToArray());
            SecretFile.Write(secretsPath, secretsJson, replace: true);
            Console.WriteLine($"wrote {secretsPath} ({SecretFile.PermissionNote}); {configPath} unchanged");
            Console.WriteLine("next: run 'acl' again and reload the broker, 'export' the device to the console, and flash the new secrets to the board");
            return 0;
        });
        return command;
    }
}
