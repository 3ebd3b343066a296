using System;
using System.IO;

namespace Kiosk.Portability;

/// <summary>Finds the repository from wherever a test or tool runs (the folder holding Kiosk.sln).</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kiosk.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Kiosk.sln above {AppContext.BaseDirectory}; run from inside the repository.");
    }
}
