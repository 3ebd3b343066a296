using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Kiosk.Core.Config;
using Kiosk.Provisioning;

namespace Kiosk.Provision;

/// <summary>
/// kiosk-provision acl: the broker's ACL, password entries and settings for every device folder.
/// A folder that is not a complete device is an error, never skipped: a device missing from the
/// ACL would only show up on site as a board the broker refuses.
/// </summary>
internal static class AclCommand
{
    public static Command Build()
    {
        var devices = new Option<string>("--devices") { Description = "folder with one subfolder per device (as 'new' writes)", Required = true };
        var consoleUser = new Option<string>("--console-user") { Description = "the duty-room console's broker user", DefaultValueFactory = _ => "dutyroom" };
        var consolePassword = new Option<string>("--console-password") { Description = "its password", Required = true };
        var output = new Option<string>("--out") { Description = "folder for mosquitto.acl, passwords.txt, kiosk.conf and installer-password.txt", Required = true };
        var brokerDir = new Option<string>("--broker-dir")
        {
            Description = "where the broker will read passwords.txt and mosquitto.acl (the paths written into kiosk.conf)",
            DefaultValueFactory = _ => MosquittoAcl.DefaultBrokerDir,
        };
        var command = new Command("acl", "write the Mosquitto ACL, password entries and settings for every device");
        foreach (var option in new Option[] { devices, consoleUser, consolePassword, output, brokerDir })
            command.Options.Add(option);
        command.SetAction(r =>
        {
            var accounts = new List<BrokerAccount>();
            var problems = new List<string>();
            var root = r.GetValue(devices)!;
            if (!Directory.Exists(root))
                return Program.Fail($"--devices: no such folder '{root}'");
            // Hidden folders are the tool's own half-written devices (see DeviceFolder), not devices.
            foreach (var folder in Directory.GetDirectories(root).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal))
            {
                var configPath = Path.Combine(folder, DeviceFolder.ConfigFile);
                var secretsPath = Path.Combine(folder, DeviceFolder.SecretsFile);
                if (!File.Exists(configPath) || !File.Exists(secretsPath))
                {
                    problems.Add($"{folder}: no {(File.Exists(configPath) ? DeviceFolder.SecretsFile : DeviceFolder.ConfigFile)}: this device would be missing from the broker; finish it ('new' or 'rekey') or move the folder out of {root}");
                    continue;
                }
                var errors = new ConfigErrors();
                var config = ConfigReader.Read(File.ReadAllText(configPath), errors);
                var secrets = config is null ? null : SecretsReader.Read(File.ReadAllText(secretsPath), config.DeviceId, errors);
                for (var i = 0; i < errors.Count; i++)
                    problems.Add($"{folder}: {errors[i]}");
                if (config is not null && secrets is not null)
                    accounts.Add(new BrokerAccount(config.Site, config.DeviceId, secrets.MqttUsername, secrets.MqttPassword));
            }
            if (problems.Count > 0)
                return Program.Fail(problems.ToArray());
            if (accounts.Count == 0)
                return Program.Fail($"--devices: no device folders with config.json and secrets.json in {root}");
            var outFolder = r.GetValue(output)!;
            if (File.Exists(outFolder))
                return Program.Fail($"--out: '{outFolder}' is a file; name a folder");
            Directory.CreateDirectory(outFolder);
            var installerPassword = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            var users = accounts
                .Append(new BrokerAccount("", "", r.GetValue(consoleUser)!, r.GetValue(consolePassword)!))
                .Append(new BrokerAccount("", "", MosquittoAcl.InstallerUser, installerPassword));
            var acl = Path.Combine(outFolder, MosquittoAcl.AclFile);
            var passwords = Path.Combine(outFolder, MosquittoAcl.PasswordFile);
            var settings = Path.Combine(outFolder, MosquittoAcl.SettingsFile);
            var installer = Path.Combine(outFolder, "installer-password.txt");
            SecretFile.Write(acl, MosquittoAcl.Acl(accounts, r.GetValue(consoleUser)!), replace: true, ownerOnly: false);
            SecretFile.Write(passwords, MosquittoAcl.PasswordLines(users), replace: true);
            SecretFile.Write(installer, installerPassword + "\n", replace: true);
            SecretFile.Write(settings, MosquittoAcl.BrokerConfig(r.GetValue(brokerDir)!), replace: true, ownerOnly: false);
            Console.WriteLine($"wrote {acl} for {accounts.Count} device(s)");
            Console.WriteLine($"wrote {passwords} ({SecretFile.PermissionNote}): hash it in place with 'mosquitto_passwd -U {passwords}'");
            Console.WriteLine($"wrote {installer}: the read-only '{MosquittoAcl.InstallerUser}' broker user for flash.ps1's birth check");
            Console.WriteLine($"wrote {settings}: use_username_as_clientid, no anonymous clients, files read from {r.GetValue(brokerDir)}");
            return 0;
        });
        return command;
    }
}
