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
        root.Subcommands.Add(NewCommand.Build());
        root.Subcommands.Add(RekeyCommand.Build());
        root.Subcommands.Add(ValidateCommand());
        root.Subcommands.Add(AclCommand.Build());
        root.Subcommands.Add(ExportCommand());
        root.Subcommands.Add(WiringCommand());
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A disk or permission problem is the installer's to fix: say what, not where in our code.
            return Fail(e.Message);
        }
    }

    internal static Option<string> Boards() =>
        new("--boards") { Description = "folder of board profiles", DefaultValueFactory = _ => BoardProfile.Folder };

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
                problems.AddRange(ConfigCheck.Check(file, r.GetValue(boards)!, out _));
            if (problems.Count > 0)
                return Fail(problems.ToArray());
            Console.WriteLine($"{r.GetValue(files)!.Length} config(s) valid");
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
    internal static string? AskHidden(string prompt)
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

    internal static int Fail(params string[] problems)
    {
        foreach (var problem in problems)
            Console.Error.WriteLine("kiosk-provision: " + problem);
        return 1;
    }
}
