using System;
using System.IO;
using Microsoft.AspNetCore.DataProtection;

namespace Kiosk.DutyRoom;

/// <summary>
/// The Data Protection key ring that encrypts device command keys: in DATA/key-ring, outside the
/// database (on Windows also DPAPI-protected). The web app and the command line use the same one.
/// </summary>
public static class ConsoleProtection
{
    public const string ApplicationName = "kiosk-dutyroom";

    public static string KeyRing(string dataFolder) => Path.Combine(dataFolder, "key-ring");

    public static IDataProtectionBuilder Configure(IDataProtectionBuilder builder, string dataFolder)
    {
        // Linux and macOS have no DPAPI: the key ring is plain XML, so only the console's own user may read it.
        var ring = Directory.CreateDirectory(KeyRing(dataFolder));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(ring.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        builder.SetApplicationName(ApplicationName).PersistKeysToFileSystem(new DirectoryInfo(KeyRing(dataFolder)));
        if (OperatingSystem.IsWindows())
            builder.ProtectKeysWithDpapi();
        return builder;
    }

    public static IDataProtectionProvider Create(string dataFolder) =>
        DataProtectionProvider.Create(new DirectoryInfo(KeyRing(dataFolder)), b => Configure(b, dataFolder));
}
