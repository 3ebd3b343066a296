using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Kiosk.Portability.Project;

/// <summary>A nanoFramework reference as the .nfproj declares it: assembly name and the package folder of its HintPath.</summary>
public sealed record NfReference(string Assembly, string? HintPath, string? Package, string? PackageVersion);

/// <summary>
/// What the nanoFramework build would read from a .nfproj: the explicit Compile items (nfproj
/// has no globbing), the references with their HintPaths, the language version and output type.
/// </summary>
public sealed class NfProject
{
    private static readonly XNamespace Msb = "http://schemas.microsoft.com/developer/msbuild/2003";

    private NfProject(string path, IReadOnlyList<string> compileItems, IReadOnlyList<NfReference> references, string? langVersion, string outputType)
    {
        Path = path;
        CompileItems = compileItems;
        References = references;
        LangVersion = langVersion;
        OutputType = outputType;
    }

    public string Path { get; }
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>Full paths of the files the project compiles, in project order.</summary>
    public IReadOnlyList<string> CompileItems { get; }
    public IReadOnlyList<NfReference> References { get; }
    public string? LangVersion { get; }
    public string OutputType { get; }

    public static NfProject Load(string path)
    {
        var doc = XDocument.Load(path);
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var compile = doc.Descendants(Msb + "Compile")
            .Select(e => (string?)e.Attribute("Include"))
            .Where(i => i is not null)
            .Select(i => System.IO.Path.GetFullPath(System.IO.Path.Combine(dir, i!.Replace('\\', '/'))))
            .ToList();
        var references = doc.Descendants(Msb + "Reference").Select(e =>
        {
            var include = (string?)e.Attribute("Include") ?? "";
            var hint = (string?)e.Element(Msb + "HintPath");
            var (package, version) = PackageFromHintPath(hint);
            return new NfReference(include.Split(',')[0].Trim(), hint, package, version);
        }).ToList();
        var langVersion = doc.Descendants(Msb + "LangVersion").Select(e => e.Value.Trim()).LastOrDefault();
        var outputType = doc.Descendants(Msb + "OutputType").Select(e => e.Value.Trim()).LastOrDefault() ?? "Library";
        return new NfProject(System.IO.Path.GetFullPath(path), compile, references, langVersion, outputType);
    }

    /// <summary>
    /// "..\..\packages\nanoFramework.System.Device.Gpio.1.1.62\lib\System.Device.Gpio.dll" names
    /// package nanoFramework.System.Device.Gpio, version 1.1.62: the folder NuGet restores to.
    /// </summary>
    public static (string? Package, string? Version) PackageFromHintPath(string? hintPath)
    {
        if (hintPath is null)
            return (null, null);
        var parts = hintPath.Replace('\\', '/').Split('/');
        var at = Array.IndexOf(parts, "packages");
        if (at < 0 || at + 1 >= parts.Length)
            return (null, null);
        var folder = parts[at + 1];
        var segments = folder.Split('.');
        // The version is the trailing run of numeric segments (NuGet's folder is "<id>.<version>").
        var firstNumeric = segments.Length;
        while (firstNumeric > 0 && segments[firstNumeric - 1].All(char.IsDigit) && segments[firstNumeric - 1].Length > 0)
            firstNumeric--;
        if (firstNumeric == segments.Length || firstNumeric == 0)
            return (folder, null);
        return (string.Join('.', segments.Take(firstNumeric)), string.Join('.', segments.Skip(firstNumeric)));
    }
}
