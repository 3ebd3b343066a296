using System;
using System.IO;

namespace Kiosk.Provisioning;

/// <summary>
/// Writes a file that holds secrets: readable by its owner only (0600) where the OS has Unix modes,
/// and whole or not at all (written beside the target, then renamed over it), so a full disk or a
/// crash never leaves half a secrets file or a world-readable one.
/// </summary>
public static class SecretFile
{
    /// <summary>What the tool says about a secrets file's permissions on this OS.</summary>
    public static string PermissionNote => OperatingSystem.IsWindows()
        ? "Windows: the file inherits its folder's access list (no Unix mode); keep the folder in your own profile, not on a shared drive"
        : "readable by you only (0600)";

    public static void Write(string path, string text, bool replace, bool ownerOnly = true)
    {
        var temp = TempBeside(path);
        try
        {
            WriteOwnerOnly(temp, text, ownerOnly);
            File.Move(temp, path, overwrite: replace);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    /// <summary>Creates <paramref name="path"/> (which must not exist) with the owner-only mode from the start, never widened and narrowed.</summary>
    public static void WriteOwnerOnly(string path, string text, bool ownerOnly = true)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (ownerOnly && !OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    public static string TempBeside(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
}
