using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Kiosk.Portability.Tests;

/// <summary>The real firmware: every file the .nfproj compiles builds against the nanoFramework surface.</summary>
public sealed class FirmwareProjectTests
{
    private readonly string _root = RepositoryRoot.Find();

    [Fact]
    public void Firmware_sources_compile_against_the_nanoFramework_surface_with_no_errors()
    {
        var report = FirmwareCheck.Run(_root);

        Assert.True(report.CompileErrors.Count == 0,
            "The firmware does not compile for nanoFramework:\n" + string.Join("\n", report.CompileErrors));
        Assert.True(report.FilesCompiled > 10, $"only {report.FilesCompiled} files compiled");
    }

    [Fact]
    public void Nfproj_packages_config_and_nf_api_data_agree()
    {
        var report = FirmwareCheck.Run(_root);

        Assert.True(report.ProjectErrors.Count == 0, string.Join("\n", report.ProjectErrors));
        Assert.Contains("System.Device.Gpio", report.UsedAssemblies);
    }

    [Theory]
    [InlineData("nanoFramework.M2Mqtt")]
    [InlineData("nanoFramework.M2Mqtt.Core")]
    [InlineData("System.Net")]
    [InlineData("System.Device.Wifi")]
    [InlineData("nanoFramework.Networking.Sntp")]
    [InlineData("nanoFramework.Runtime.Native")]
    public void The_device_app_uses_the_network_stack_it_ships(string assembly)
    {
        // The board is on the network: MQTT, Wi-Fi/Ethernet, SNTP and the heap reading are compiled
        // into the device app, not held beside it.
        var report = FirmwareCheck.Run(_root);

        Assert.Contains(assembly, report.UsedAssemblies);
    }

    [Fact]
    public void Every_core_source_is_linked_into_the_nfproj_not_copied()
    {
        var project = Project.NfProject.Load(Path.Combine(_root, FirmwareCheck.ProjectRelativePath));
        var core = Path.GetFullPath(Path.Combine(_root, "firmware/Kiosk.Core"));
        var coreFiles = Directory.GetFiles(core, "*.cs", SearchOption.AllDirectories);

        Assert.NotEmpty(coreFiles);
        foreach (var file in coreFiles)
            Assert.Contains(Path.GetFullPath(file), project.CompileItems);
        var coreNames = coreFiles.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var copies = Directory.GetFiles(Path.Combine(_root, "firmware/Kiosk.Firmware"), "*.cs", SearchOption.AllDirectories)
            .Select(Path.GetFileName).Where(coreNames.Contains).ToList();
        Assert.True(copies.Count == 0, "copied core files in Kiosk.Firmware: " + string.Join(", ", copies));
    }

    [Fact]
    public void Desktop_core_and_nfproj_use_the_same_language_version()
    {
        var project = Project.NfProject.Load(Path.Combine(_root, FirmwareCheck.ProjectRelativePath));
        var csproj = System.Xml.Linq.XDocument.Load(Path.Combine(_root, "firmware/Kiosk.Core/Kiosk.Core.csproj"));
        var coreLang = csproj.Descendants("LangVersion").Single().Value;

        Assert.Equal(project.LangVersion, coreLang);
    }

    [Fact]
    public void The_solution_lists_the_nfproj_but_never_builds_it_from_the_command_line()
    {
        var sln = File.ReadAllLines(Path.Combine(_root, "Kiosk.sln"));
        var line = sln.Single(l => l.Contains("Kiosk.Firmware.nfproj", StringComparison.Ordinal));
        var guid = line[(line.LastIndexOf('{'))..line.LastIndexOf('}')];

        Assert.Contains(sln, l => l.Contains(guid + "}.Debug|Any CPU.ActiveCfg", StringComparison.Ordinal));
        Assert.DoesNotContain(sln, l => l.Contains(guid, StringComparison.Ordinal) && l.Contains(".Build.0", StringComparison.Ordinal));
    }
}
