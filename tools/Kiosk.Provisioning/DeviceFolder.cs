using System;
using System.IO;

namespace Kiosk.Provisioning;

/// <summary>
/// One device's folder under the installer's devices folder: config.json and secrets.json. A new
/// device appears whole or not at all: both files are written into a hidden folder beside it and
/// the folder is renamed into place, so a failure leaves nothing behind.
/// </summary>
public static class DeviceFolder
{
    public const string ConfigFile = "config.json";
    public const string SecretsFile = "secrets.json";

    /// <summary>
    /// The device's folder inside <paramref name="root"/>, or null with the reason when the id
    /// would name anything else (the id is checked by the config rules first; this is the last guard).
    /// </summary>
    public static string? PathFor(string root, string deviceId, out string? problem)
    {
        problem = null;
        var fullRoot = Path.GetFullPath(root);
        var folder = Path.GetFullPath(Path.Combine(fullRoot, deviceId));
        if (deviceId.Length == 0 || Path.GetDirectoryName(folder) != fullRoot.TrimEnd(Path.DirectorySeparatorChar))
        {
            problem = $"--device: '{deviceId}' would write outside {fullRoot}";
            return null;
        }
        return folder;
    }

    /// <summary>Writes a new device's two files; refuses when either exists already (an edited config or live secrets would be lost).</summary>
    public static void CreateNew(string folder, string configJson, string secretsJson)
    {
        var parent = Path.GetDirectoryName(folder)!;
        Directory.CreateDirectory(parent);
        if (Directory.Exists(folder))
        {
            // The folder exists (empty, or with the installer's own notes): add the two files beside
            // what is there, each created new, and take the first back if the second fails.
            var config = Path.Combine(folder, ConfigFile);
            SecretFile.Write(config, configJson, replace: false, ownerOnly: false);
            try
            {
                SecretFile.Write(Path.Combine(folder, SecretsFile), secretsJson, replace: false);
            }
            catch
            {
                File.Delete(config);
                throw;
            }
            return;
        }
        var staging = Path.Combine(parent, "." + Path.GetFileName(folder) + "." + Guid.NewGuid().ToString("N")[..8] + ".new");
        Directory.CreateDirectory(staging);
        try
        {
            SecretFile.WriteOwnerOnly(Path.Combine(staging, ConfigFile), configJson, ownerOnly: false);
            SecretFile.WriteOwnerOnly(Path.Combine(staging, SecretsFile), secretsJson);
            Directory.Move(staging, folder);
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }
}
