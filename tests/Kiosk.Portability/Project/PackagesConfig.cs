using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace Kiosk.Portability.Project;

/// <summary>A nanoFramework project's packages.config: the NuGet packages it restores, pinned.</summary>
public sealed class PackagesConfig
{
    private PackagesConfig(IReadOnlyDictionary<string, string> versions) => Versions = versions;

    /// <summary>Package id → pinned version.</summary>
    public IReadOnlyDictionary<string, string> Versions { get; }

    public static PackagesConfig Load(string path)
    {
        var versions = XDocument.Load(path).Descendants("package")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!, System.StringComparer.OrdinalIgnoreCase);
        return new PackagesConfig(versions);
    }
}
