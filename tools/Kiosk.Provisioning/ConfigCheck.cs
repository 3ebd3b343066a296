using System.Collections.Generic;
using System.IO;
using System.Text.Json.Nodes;
using Kiosk.Core.Config;

namespace Kiosk.Provisioning;

/// <summary>
/// Validates a device config the way the device does (the core's reader, the same messages) and
/// against its board profile, and the secrets file beside it when there is one. Every stage is
/// reported: a config the reader refuses still has its secrets checked.
/// </summary>
public static class ConfigCheck
{
    /// <returns>Every problem as "file: field: reason"; empty when the config is good.</returns>
    public static List<string> Check(string configPath, string boardsFolder, out ControllerConfig? config)
    {
        config = null;
        if (Directory.Exists(configPath))
            return [$"{configPath}: is a folder; name the config file in it ({Path.Combine(configPath, DeviceFolder.ConfigFile)})"];
        if (!File.Exists(configPath))
            return [$"{configPath}: no such file"];
        var problems = new List<string>();
        var length = new FileInfo(configPath).Length;
        string? expectedDevice = null;
        if (length > ConfigReader.MaxBytes)
            problems.Add($"{configPath}: (document): is {length} bytes; the board reads at most {ConfigReader.MaxBytes} bytes of config");
        else
        {
            var text = File.ReadAllText(configPath);
            problems.AddRange(CheckText(configPath, text, boardsFolder, out config));
            expectedDevice = config?.DeviceId ?? DeviceIdIn(text);
        }

        var secretsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, DeviceFolder.SecretsFile);
        if (File.Exists(secretsPath))
            problems.AddRange(CheckSecrets(secretsPath, File.ReadAllText(secretsPath), config, expectedDevice));
        return problems;
    }

    /// <summary>Config text as the board reads it, then against its board profile; <paramref name="label"/> starts each problem.</summary>
    public static List<string> CheckText(string label, string json, string boardsFolder, out ControllerConfig? config)
    {
        var problems = new List<string>();
        var errors = new ConfigErrors();
        config = ConfigReader.Read(json, errors);
        for (var i = 0; i < errors.Count; i++)
            problems.Add($"{label}: {errors[i]}");
        if (config is null)
            return problems;
        if (config.Board is null)
            problems.Add($"{label}: board: missing; name the board profile (hardware/boards) the pins were laid out for");
        else if (!File.Exists(Path.Combine(boardsFolder, config.Board + ".json")))
            problems.Add($"{label}: board: no profile '{config.Board}' in {boardsFolder}");
        else
            foreach (var problem in BoardProfile.Load(Path.Combine(boardsFolder, config.Board + ".json")).Check(config))
                problems.Add($"{label}: {problem}");
        return problems;
    }

    /// <summary>Secrets as the board reads them, and (with a config) what that config needs from them.</summary>
    public static List<string> CheckSecrets(string label, string json, ControllerConfig? config, string? expectedDevice)
    {
        var problems = new List<string>();
        var errors = new ConfigErrors();
        var secrets = SecretsReader.Read(json, config?.DeviceId ?? expectedDevice ?? DeviceIdIn(json), errors);
        if (secrets is not null && config is not null)
            SecretsReader.CheckAgainst(config, secrets, errors);
        for (var i = 0; i < errors.Count; i++)
            problems.Add($"{label}: {errors[i]}");
        return problems;
    }

    /// <summary>The deviceId a config names, read loosely so a config the reader refuses can still have its secrets checked.</summary>
    private static string? DeviceIdIn(string json)
    {
        try
        {
            return JsonNode.Parse(json)?["deviceId"]?.GetValue<string>();
        }
        catch (System.Exception e) when (e is System.Text.Json.JsonException or System.InvalidOperationException or System.FormatException)
        {
            return null;
        }
    }
}
