using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Kiosk.Core.Config;
using Kiosk.Provisioning;

namespace Kiosk.Provision;

/// <summary>
/// kiosk-provision new: a device's config and secrets. Everything is checked first and every
/// problem reported at once; files are written only when all is well, whole, and never over an
/// existing device's config or secrets.
/// </summary>
internal static class NewCommand
{
    public static Command Build()
    {
        var site = new Option<string>("--site") { Description = "estate id (a-z 0-9 - _)", Required = true };
        var device = new Option<string>("--device") { Description = "entrance id (a-z 0-9 - _)", Required = true };
        var board = new Option<string>("--board") { Description = "board profile name (hardware/boards)", Required = true };
        var lockType = new Option<string>("--lock") { Description = "strike (fail-secure, on the relay's NO) or maglock (fail-safe, on the relay's NC)", Required = true };
        lockType.AcceptOnlyFromAmong("strike", "maglock");
        var relayLow = new Option<bool>("--relay-active-low") { Description = "the relay module energises with the pin low" };
        var broker = new Option<string>("--broker") { Description = "HOST:PORT of the site's broker", Required = true };
        var noTls = new Option<bool>("--no-tls") { Description = "plain MQTT (lab brokers only)" };
        var ca = new Option<string?>("--ca") { Description = "PEM of the broker's CA, put in the device's secrets" };
        var output = new Option<string>("--out") { Description = "folder to write DEVICE/config.json and DEVICE/secrets.json into", Required = true };
        var ssid = new Option<string?>("--wifi-ssid") { Description = "Wi-Fi network the board joins (Wi-Fi boards; Chinese names are fine)" };
        var wifiPasswordFile = new Option<string?>("--wifi-password-file")
        {
            Description = "file whose first line is the Wi-Fi password; without it you are asked (the password is never a command-line argument: it would stay in shell history and the process list)",
        };
        var ip = new Option<string?>("--ip") { Description = "fixed IPv4 address (with --mask, --gateway, --dns); DHCP without" };
        var mask = new Option<string?>("--mask") { Description = "subnet mask for --ip" };
        var gateway = new Option<string?>("--gateway") { Description = "gateway for --ip" };
        var dns = new Option<string?>("--dns") { Description = "DNS server(s) for --ip, comma-separated (one or two)" };
        var ntp = new Option<string?>("--ntp") { Description = "NTP server(s), comma-separated (one or two; default ntp.aliyun.com,cn.pool.ntp.org)" };
        var boards = Program.Boards();
        var command = new Command("new", "create a device's config and secrets");
        foreach (var option in new Option[] { site, device, board, lockType, relayLow, broker, noTls, ca, ssid, wifiPasswordFile, ip, mask, gateway, dns, ntp, output, boards })
            command.Options.Add(option);
        command.SetAction(r =>
        {
            var problems = new List<string>();
            var profiles = BoardProfile.LoadAll(r.GetValue(boards)!);
            if (!profiles.TryGetValue(r.GetValue(board)!, out var profile))
                problems.Add($"--board: no profile '{r.GetValue(board)}' (have: {string.Join(", ", profiles.Keys.Order())})");
            var hostPort = r.GetValue(broker)!;
            var colon = hostPort.LastIndexOf(':');
            var port = 0;
            if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], out port) || port is < 1 or > 65535)
                problems.Add($"--broker: '{hostPort}' should be HOST:PORT");
            var tls = !r.GetValue(noTls);
            var caPath = r.GetValue(ca);
            string? caPem = null;
            if (tls && caPath is null)
                problems.Add("--ca: TLS is on, so the device needs the broker's CA (or pass --no-tls for a lab broker)");
            else if (caPath is not null && !File.Exists(caPath))
                problems.Add($"--ca: no such file '{caPath}'");
            else if (caPath is not null)
                caPem = File.ReadAllText(caPath); // its content is checked with the secrets below
            var fixedParts = new[] { r.GetValue(ip), r.GetValue(mask), r.GetValue(gateway), r.GetValue(dns) };
            string[] partNames = ["--ip", "--mask", "--gateway", "--dns"];
            if (fixedParts.Any(p => p is not null) && fixedParts.Any(p => p is null))
                problems.Add("a fixed address needs --ip, --mask, --gateway and --dns together; missing: "
                    + string.Join(", ", partNames.Where((_, i) => fixedParts[i] is null)));
            var address = fixedParts.Any(p => p is null) ? null
                : new FixedAddress(fixedParts[0]!, fixedParts[1]!, fixedParts[2]!, fixedParts[3]!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var ntpServers = r.GetValue(ntp)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var wifi = profile?.Network == "wifi";
            if (profile is not null && wifi && r.GetValue(ssid) is null)
                problems.Add($"--wifi-ssid: board {profile.Name} joins Wi-Fi; name the network");
            if (profile is not null && !wifi && (r.GetValue(ssid) is not null || r.GetValue(wifiPasswordFile) is not null))
                problems.Add($"--wifi-ssid/--wifi-password-file: board {profile.Name} is wired ({profile.Network}); it joins no Wi-Fi");
            var wifiFile = r.GetValue(wifiPasswordFile);
            if (wifi && wifiFile is not null && !File.Exists(wifiFile))
                problems.Add($"--wifi-password-file: no such file '{wifiFile}'");
            var outRoot = r.GetValue(output)!;
            if (File.Exists(outRoot))
                problems.Add($"--out: '{outRoot}' is a file; name the folder that holds one folder per device");
            if (problems.Count > 0 || profile is null)
                return Program.Fail(problems.ToArray());

            var request = new DeviceRequest(r.GetValue(site)!, r.GetValue(device)!, profile.Name,
                r.GetValue(lockType) == "maglock" ? LockType.Maglock : LockType.Strike, !r.GetValue(relayLow), hostPort[..colon], port, tls,
                r.GetValue(ssid), address, ntpServers);
            var configJson = DeviceConfigBuilder.Build(request, profile);
            problems.AddRange(ConfigCheck.CheckText("config", configJson, r.GetValue(boards)!, out var config));
            string? wifiPassword = null;
            if (config is not null && wifi)
            {
                // Asked only once the rest is known to be good: nobody types a password for a device that is then refused.
                wifiPassword = wifiFile is not null ? File.ReadLines(wifiFile).FirstOrDefault()?.TrimEnd('\r') : Program.AskHidden($"Wi-Fi password for '{r.GetValue(ssid)}': ");
                if (wifiPassword is null)
                    problems.Add("Wi-Fi password: none given; pass --wifi-password-file FILE (there is no terminal to ask on)");
                else if (wifiPassword.Length is < 8 or > 63 || wifiPassword.Any(c => c is < ' ' or > '~'))
                    problems.Add("Wi-Fi password: must be 8..63 printable ASCII characters (a WPA2 passphrase)");
            }
            string? folder = null;
            if (config is not null)
            {
                folder = DeviceFolder.PathFor(outRoot, config.DeviceId, out var escape);
                if (escape is not null)
                    problems.Add(escape);
                else if (File.Exists(Path.Combine(folder!, DeviceFolder.SecretsFile)))
                    problems.Add($"{Path.Combine(folder!, DeviceFolder.SecretsFile)} exists: refusing to replace a device's secrets (to re-key it, run 'rekey --device {folder}')");
                else if (File.Exists(Path.Combine(folder!, DeviceFolder.ConfigFile)))
                    problems.Add($"{Path.Combine(folder!, DeviceFolder.ConfigFile)} exists: refusing to replace a config that may have been edited (to give it new secrets, run 'rekey --device {folder}')");
            }
            if (problems.Count > 0 || config is null || folder is null)
                return Program.Fail(problems.ToArray());

            var secretsJson = SecretsGenerator.Generate(request.Site, request.DeviceId, caPem, wifiPassword);
            problems.AddRange(ConfigCheck.CheckSecrets(caPath is null ? "secrets" : $"secrets (--ca {caPath})", secretsJson, config, config.DeviceId));
            if (problems.Count > 0)
                return Program.Fail(problems.ToArray());
            DeviceFolder.CreateNew(folder, configJson, secretsJson);
            Console.WriteLine($"wrote {Path.Combine(folder, DeviceFolder.ConfigFile)}");
            Console.WriteLine($"wrote {Path.Combine(folder, DeviceFolder.SecretsFile)}: broker password and command key for this device only; {SecretFile.PermissionNote}");
            return 0;
        });
        return command;
    }
}
