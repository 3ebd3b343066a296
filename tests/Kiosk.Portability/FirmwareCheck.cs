using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kiosk.Portability.NfApi;
using Kiosk.Portability.Project;
using Microsoft.CodeAnalysis;

namespace Kiosk.Portability;

/// <summary>What the check found: compile errors (file:line) and project inconsistencies.</summary>
public sealed record FirmwareCheckReport(
    IReadOnlyList<string> CompileErrors,
    IReadOnlyList<string> ProjectErrors,
    IReadOnlyList<string> UsedAssemblies,
    int FilesCompiled)
{
    public bool IsClean => CompileErrors.Count == 0 && ProjectErrors.Count == 0;

    public override string ToString() =>
        string.Join(Environment.NewLine, CompileErrors.Concat(ProjectErrors));
}

/// <summary>
/// Stands in for the nanoFramework build of firmware/Kiosk.Firmware: compiles exactly the files
/// the .nfproj compiles (the core, linked, and the device adapters) against stubs generated from
/// firmware/nf-api, and checks that the .nfproj, packages.config and the nf-api data agree.
/// </summary>
public static class FirmwareCheck
{
    public const string ProjectRelativePath = "firmware/Kiosk.Firmware/Kiosk.Firmware.nfproj";
    public const string NfApiRelativePath = "firmware/nf-api";

    /// <summary>Folders whose every .cs file must be compiled by the .nfproj.</summary>
    public static readonly string[] SourceFolders = { "firmware/Kiosk.Core", "firmware/Kiosk.Firmware" };

    private static readonly object Gate = new();
    private static IReadOnlyDictionary<string, StubAssembly>? _cachedStubs;
    private static string? _cachedFolder;

    /// <summary>Stubs are built once per process: generation takes a few seconds.</summary>
    public static IReadOnlyDictionary<string, StubAssembly> Stubs(string nfApiFolder)
    {
        lock (Gate)
        {
            if (_cachedStubs is null || _cachedFolder != nfApiFolder)
            {
                _cachedStubs = StubAssemblyBuilder.Build(NfApiReader.ReadFolder(nfApiFolder));
                _cachedFolder = nfApiFolder;
            }
            return _cachedStubs;
        }
    }

    /// <param name="nfApiFolder">The nf-api data; the repository's own unless a test points elsewhere.</param>
    public static FirmwareCheckReport Run(string repositoryRoot, string? nfApiFolder = null)
    {
        var project = NfProject.Load(Path.Combine(repositoryRoot, ProjectRelativePath));
        var packages = PackagesConfig.Load(Path.Combine(project.Directory, "packages.config"));
        var stubs = Stubs(Path.GetFullPath(nfApiFolder ?? Path.Combine(repositoryRoot, NfApiRelativePath)));
        var problems = new List<string>();

        CheckCompileItemsMatchDisk(repositoryRoot, project, problems);
        CheckReferencesMatchPackages(project, packages, stubs, problems);

        var sources = project.CompileItems.Where(File.Exists).Select(SourceFile.FromDisk).ToList();
        var kind = project.OutputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        if (project.LangVersion is null)
            problems.Add($"{ProjectRelativePath}: no <LangVersion>; the nanoFramework default has changed across extension versions, so pin it");
        var outcome = new PortableCompiler(stubs).Compile(
            sources, project.References.Select(r => r.Assembly), project.LangVersion ?? "9.0", kind, repositoryRoot);

        foreach (var used in outcome.UsedAssemblies)
            if (!project.References.Any(r => r.Assembly == used) && used != "mscorlib")
                problems.Add($"{ProjectRelativePath}: the code uses assembly '{used}' but the project does not reference it");

        return new FirmwareCheckReport(outcome.Errors, problems, outcome.UsedAssemblies, sources.Count);
    }

    private static void CheckCompileItemsMatchDisk(string root, NfProject project, List<string> problems)
    {
        var listed = new HashSet<string>(project.CompileItems, StringComparer.Ordinal);
        foreach (var item in project.CompileItems)
            if (!File.Exists(item))
                problems.Add($"{ProjectRelativePath}: <Compile Include> names '{Path.GetRelativePath(root, item)}', which does not exist");
        foreach (var folder in SourceFolders)
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal))
                    continue;
                if (!listed.Contains(Path.GetFullPath(file)))
                    problems.Add($"{relative}: on disk but not a <Compile> item of {ProjectRelativePath}, so the device build would leave it out");
            }
    }

    private static void CheckReferencesMatchPackages(NfProject project, PackagesConfig packages, IReadOnlyDictionary<string, StubAssembly> stubs, List<string> problems)
    {
        var where = ProjectRelativePath;
        foreach (var reference in project.References)
        {
            if (!stubs.TryGetValue(reference.Assembly, out var stub))
            {
                problems.Add($"{where}: reference '{reference.Assembly}' is not in firmware/nf-api");
                continue;
            }
            var data = stub.Source;
            if (reference.Package is null || reference.PackageVersion is null)
            {
                problems.Add($"{where}: reference '{reference.Assembly}' has no HintPath into packages\\<id>.<version>\\");
                continue;
            }
            if (!reference.Package.Equals(data.Package, StringComparison.OrdinalIgnoreCase))
                problems.Add($"{where}: reference '{reference.Assembly}' points into package '{reference.Package}', but nf-api says it ships in '{data.Package}'");
            if (reference.PackageVersion != data.Version)
                problems.Add($"{where}: reference '{reference.Assembly}' is version {reference.PackageVersion}; the nf-api surface checked is {data.Package} {data.Version}");
            if (!packages.Versions.TryGetValue(data.Package, out var pinned))
                problems.Add($"packages.config: '{data.Package}' is referenced by {where} but not listed");
            else if (pinned != reference.PackageVersion)
                problems.Add($"packages.config: '{data.Package}' is pinned at {pinned} but {where} references {reference.PackageVersion}");
        }

        var byPackage = stubs.Values.ToDictionary(s => s.Source.Package, s => s.Source, StringComparer.OrdinalIgnoreCase);
        foreach (var (package, version) in packages.Versions)
        {
            if (!byPackage.TryGetValue(package, out var data))
            {
                problems.Add($"packages.config: '{package}' has no nf-api data, so its use cannot be checked");
                continue;
            }
            if (data.Version != version)
                problems.Add($"packages.config: '{package}' is pinned at {version}, but the nf-api surface checked is {data.Version}");
            if (!project.References.Any(r => r.Assembly == data.Name))
                problems.Add($"packages.config: '{package}' is listed but {where} has no reference to its assembly '{data.Name}'");
            foreach (var dependency in data.Dependencies)
            {
                if (!packages.Versions.TryGetValue(dependency.Package, out var have))
                    problems.Add($"packages.config: '{package}' needs '{dependency.Package}' >= {dependency.MinimumVersion}, which is not listed");
                else if (new Version(have) < new Version(dependency.MinimumVersion))
                    problems.Add($"packages.config: '{package}' needs '{dependency.Package}' >= {dependency.MinimumVersion}, but {have} is pinned");
            }
        }
    }
}
