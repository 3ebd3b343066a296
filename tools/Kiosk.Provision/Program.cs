using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiosk.Core.Config;
using Kiosk.Provisioning;

namespace Kiosk.Provision;

/// <summary>
/// kiosk-provision: create a device's config and secrets from a board profile, validate configs
/// with the controller's own reader, write the broker's ACL and password entries, export a device
/// for the duty-room console's registry.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Gatehouse Kiosk provisioning: device configs, secrets and broker ACLs");
        root.Subcommands.Add(NewCommand());
        root.Subcommands.Add(ValidateCommand());
        root.Subcommands.Add(AclCommand());
        root.Subcommands.Add(ExportCommand());
        root.Subcommands.Add(WiringCommand());
        return root.Parse(args).Invoke();
    }

    private static Option<string> Boards() =>
        new("--boards") { Description = "folder of board profiles", DefaultValueFactory = _ => BoardProfile.Folder };

    private static Command NewCommand()
    {
        var site = new Option<string>("--site") { Description = "estate id (a-z 0-9 - _)", Required = true };
        var device = new Option<string>("--device") { Description = "entrance id (a-z 0-9 - _)", Required = true };
        var board = new Option<string>("--board") { Description = "board profile name (hardware/boards)", Required = true };
        var lockType = new Option<string>("--lock") { Description = "strike (fail-secure) or maglock (fail-safe)", Required = true };
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
        var boards = Boards();
        var command = new Command("new", "create a device's config and secrets");
        foreach (var option in new Option[] { site, device, board, lockType, relayLow, broker, noTls, ca, ssid, wifiPasswordFile, ip, mask, gateway, dns, ntp, output, boards })
            command.Options.Add(option);
        command.SetAction(r =>
        {
            var profiles = BoardProfile.LoadAll(r.GetValue(boards)!);
            if (!profiles.TryGetValue(r.GetValue(board)!, out var profile))
                return Fail($"--board: no profile '{r.GetValue(board)}' (have: {string.Join(", ", profiles.Keys.Order())})");
            var hostPort = r.GetValue(broker)!;
            var colon = hostPort.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], out var port) || port is < 1 or > 65535)
                return Fail($"--broker: '{hostPort}' should be HOST:PORT");
            var tls = !r.GetValue(noTls);
            var caPath = r.GetValue(ca);
            if (tls && caPath is null)
                return Fail("--ca: TLS is on, so the device needs the broker's CA (or pass --no-tls for a lab broker)");
            if (caPath is not null && !File.Exists(caPath))
                return Fail($"--ca: no such file '{caPath}'");
            var fixedParts = new[] { r.GetValue(ip), r.GetValue(mask), r.GetValue(gateway), r.GetValue(dns) };
            string[] partNames = ["--ip", "--mask", "--gateway", "--dns"];
            if (fixedParts.Any(p => p is not null) && fixedParts.Any(p => p is null))
                return Fail("a fixed address needs --ip, --mask, --gateway and --dns together; missing: "
                    + string.Join(", ", partNames.Where((_, i) => fixedParts[i] is null)));
            var address = fixedParts[0] is null ? null
                : new FixedAddress(fixedParts[0]!, fixedParts[1]!, fixedParts[2]!, fixedParts[3]!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var ntpServers = r.GetValue(ntp)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var wifi = profile.Network == "wifi";
            if (wifi && r.GetValue(ssid) is null)
                return Fail($"--wifi-ssid: board {profile.Name} joins Wi-Fi; name the network");
            if (!wifi && (r.GetValue(ssid) is not null || r.GetValue(wifiPasswordFile) is not null))
                return Fail($"--wifi-ssid/--wifi-password-file: board {profile.Name} is wired ({profile.Network}); it joins no Wi-Fi");
            string? wifiPassword = null;
            if (wifi)
            {
                var file = r.GetValue(wifiPasswordFile);
                if (file is not null && !File.Exists(file))
                    return Fail($"--wifi-password-file: no such file '{file}'");
                wifiPassword = file is not null ? File.ReadLines(file).FirstOrDefault()?.TrimEnd('\r') : AskHidden($"Wi-Fi password for '{r.GetValue(ssid)}': ");
                if (wifiPassword is null)
                    return Fail("Wi-Fi password: none given; pass --wifi-password-file FILE (there is no terminal to ask on)");
                if (wifiPassword.Length is < 8 or > 63 || wifiPassword.Any(c => c is < ' ' or > '~'))
                    return Fail("Wi-Fi password: must be 8..63 printable ASCII characters (a WPA2 passphrase)");
            }
            var request = new DeviceRequest(r.GetValue(site)!, r.GetValue(device)!, profile.Name,
                r.GetValue(lockType) == "maglock" ? LockType.Maglock : LockType.Strike, !r.GetValue(relayLow), hostPort[..colon], port, tls,
                r.GetValue(ssid), address, ntpServers);
            var folder = Path.Combine(r.GetValue(output)!, request.DeviceId);
            var configPath = Path.Combine(folder, "config.json");
            var secretsPath = Path.Combine(folder, "secrets.json");
            if (File.Exists(secretsPath))
                return Fail($"{secretsPath} exists: refusing to replace a device's secrets (delete it to re-key the device)");
            Directory.CreateDirectory(folder);
            File.WriteAllText(configPath, DeviceConfigBuilder.Build(request, profile));
            File.WriteAllText(secretsPath, SecretsGenerator.Generate(request.Site, request.DeviceId, caPath is null ? null : File.ReadAllText(caPath), wifiPassword));
            var problems = ConfigCheck.Check(configPath, r.GetValue(boards)!, out _);
            if (problems.Count > 0)
                return Fail(problems.ToArray());
            Console.WriteLine($"wrote {configPath}");
            Console.WriteLine($"wrote {secretsPath} (keep it secret: broker password and command key for this device only)");
            return 0;
        });
        return command;
    }

    private static Command ValidateCommand()
    {
        var files = new Argument<string[]>("config") { Description = "config.json files", Arity = ArgumentArity.OneOrMore };
        var boards = Boards();
        var command = new Command("validate", "check configs as the device would, against their board profiles (and secrets beside them)");
        command.Arguments.Add(files);
        command.Options.Add(boards);
        command.SetAction(r =>
        {
            var problems = new List<string>();
            foreach (var file in r.GetValue(files)!)
            {
                if (!File.Exists(file))
                    problems.Add($"{file}: no such file");
                else
                    problems.AddRange(ConfigCheck.Check(file, r.GetValue(boards)!, out _));
            }
            if (problems.Count > 0)
                return Fail(problems.ToArray());
            Console.WriteLine($"{r.GetValue(files)!.Length} config(s) valid");
            return 0;
        });
        return command;
    }

    private static Command AclCommand()
    {
        var devices = new Option<string>("--devices") { Description = "folder with one subfolder per device (as 'new' writes)", Required = true };
        var consoleUser = new Option<string>("--console-user") { Description = "the duty-room console's broker user", DefaultValueFactory = _ => "dutyroom" };
        var consolePassword = new Option<string>("--console-password") { Description = "its password", Required = true };
        var output = new Option<string>("--out") { Description = "folder for mosquitto.acl and passwords.txt", Required = true };
        var command = new Command("acl", "write the Mosquitto ACL and password entries for every device");
        foreach (var option in new Option[] { devices, consoleUser, consolePassword, output })
            command.Options.Add(option);
        command.SetAction(r =>
        {
            var accounts = new List<BrokerAccount>();
            var problems = new List<string>();
            foreach (var folder in Directory.GetDirectories(r.GetValue(devices)!).Order(StringComparer.Ordinal))
            {
                var configPath = Path.Combine(folder, "config.json");
                var secretsPath = Path.Combine(folder, "secrets.json");
                if (!File.Exists(configPath) || !File.Exists(secretsPath))
                    continue;
                var errors = new ConfigErrors();
                var config = ConfigReader.Read(File.ReadAllText(configPath), errors);
                var secrets = config is null ? null : SecretsReader.Read(File.ReadAllText(secretsPath), config.DeviceId, errors);
                for (var i = 0; i < errors.Count; i++)
                    problems.Add($"{folder}: {errors[i]}");
                if (config is not null && secrets is not null)
                    accounts.Add(new BrokerAccount(config.Site, config.DeviceId, secrets.MqttUsername, secrets.MqttPassword));
            }
            if (problems.Count > 0)
                return Fail(problems.ToArray());
            if (accounts.Count == 0)
                return Fail($"--devices: no device folders with config.json and secrets.json in {r.GetValue(devices)}");
            var outFolder = r.GetValue(output)!;
            Directory.CreateDirectory(outFolder);
            File.WriteAllText(Path.Combine(outFolder, "mosquitto.acl"), MosquittoAcl.Acl(accounts, r.GetValue(consoleUser)!));
            var users = accounts.Append(new BrokerAccount("", "", r.GetValue(consoleUser)!, r.GetValue(consolePassword)!));
            File.WriteAllText(Path.Combine(outFolder, "passwords.txt"), MosquittoAcl.PasswordLines(users));
            Console.WriteLine($"wrote {Path.Combine(outFolder, "mosquitto.acl")} for {accounts.Count} device(s)");
            Console.WriteLine($"wrote {Path.Combine(outFolder, "passwords.txt")}: hash it in place with 'mosquitto_passwd -U {Path.Combine(outFolder, "passwords.txt")}'");
            return 0;
        });
        return command;
    }

    private static Command ExportCommand()
    {
        var device = new Option<string>("--device") { Description = "a device folder (as 'new' writes)", Required = true };
        var command = new Command("export", "print the device's entry for the duty-room console's registry (includes its command key)");
        command.Options.Add(device);
        command.SetAction(r =>
        {
            var folder = r.GetValue(device)!;
            var errors = new ConfigErrors();
            var config = ConfigReader.Read(File.ReadAllText(Path.Combine(folder, "config.json")), errors);
            var secrets = config is null ? null : SecretsReader.Read(File.ReadAllText(Path.Combine(folder, "secrets.json")), config.DeviceId, errors);
            if (config is null || secrets is null)
                return Fail(Enumerable.Range(0, errors.Count).Select(i => $"{folder}: {errors[i]}").ToArray());
            var entry = new JsonObject
            {
                ["site"] = config.Site,
                ["deviceId"] = config.DeviceId,
                ["board"] = config.Board,
                ["configVersion"] = config.Version,
                ["lock"] = config.Lock.Type == LockType.Maglock ? "maglock" : "strike",
                ["commandKey"] = Convert.ToHexStringLower(secrets.CommandKey),
            };
            Console.WriteLine(entry.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        });
        return command;
    }

    private static Command WiringCommand()
    {
        var output = new Option<string>("--out") { Description = "folder for one <board>.svg per profile", Required = true };
        var boards = Boards();
        var command = new Command("wiring", "draw every board profile's wiring as SVG");
        command.Options.Add(output);
        command.Options.Add(boards);
        command.SetAction(r =>
        {
            Directory.CreateDirectory(r.GetValue(output)!);
            foreach (var profile in BoardProfile.LoadAll(r.GetValue(boards)!).Values.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                var path = Path.Combine(r.GetValue(output)!, profile.Name + ".svg");
                File.WriteAllText(path, WiringDiagram.Render(profile));
                Console.WriteLine($"wrote {path}");
            }
            return 0;
        });
        return command;
    }

    /// <summary>Reads a line without echoing it; null when there is no terminal to ask on.</summary>
    private static string? AskHidden(string prompt)
    {
        if (Console.IsInputRedirected)
            return null;
        Console.Write(prompt);
        var text = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                    text.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
        Console.WriteLine();
        return text.ToString();
    }

    private static int Fail(params string[] problems)
    {
        foreach (var problem in problems)
            Console.Error.WriteLine("kiosk-provision: " + problem);
        return 1;
    }
}
