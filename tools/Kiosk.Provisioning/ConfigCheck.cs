using System.Collections.Generic;
using System.IO;
using Kiosk.Core.Config;

namespace Kiosk.Provisioning;

/// <summary>
/// Validates a device config the way the device does (the core's reader, the same messages) and
/// against its board profile, and the secrets file beside it when there is one.
/// </summary>
public static class ConfigCheck
{
    /// <returns>Every problem as "file: field: reason"; empty when the config is good.</returns>
    public static List<string> Check(string configPath, string boardsFolder, out ControllerConfig? config)
    {
        var problems = new List<string>();
        var errors = new ConfigErrors();
        config = ConfigReader.Read(File.ReadAllText(configPath), errors);
        for (var i = 0; i < errors.Count; i++)
            problems.Add($"{configPath}: {errors[i]}");
        if (config is null)
            return problems;
        if (config.Board is null)
            problems.Add($"{configPath}: board: missing; name the board profile (hardware/boards) the pins were laid out for");
        else if (!File.Exists(Path.Combine(boardsFolder, config.Board + ".json")))
            problems.Add($"{configPath}: board: no profile '{config.Board}' in {boardsFolder}");
        else
            foreach (var problem in BoardProfile.Load(Path.Combine(boardsFolder, config.Board + ".json")).Check(config))
                problems.Add($"{configPath}: {problem}");

        var secretsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, "secrets.json");
        if (File.Exists(secretsPath))
        {
            var secretErrors = new ConfigErrors();
            var secrets = SecretsReader.Read(File.ReadAllText(secretsPath), config.DeviceId, secretErrors);
            if (secrets is not null)
                SecretsReader.CheckAgainst(config, secrets, secretErrors); // what this config needs from them
            for (var i = 0; i < secretErrors.Count; i++)
                problems.Add($"{secretsPath}: {secretErrors[i]}");
        }
        return problems;
    }
}
