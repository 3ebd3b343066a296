using System;
using System.IO;
using Xunit;

namespace Kiosk.Portability.Tests;

/// <summary>
/// The check must notice when the .nfproj, packages.config and the disk drift apart: each test
/// copies the real firmware projects to a scratch folder, breaks one thing, and expects it named.
/// </summary>
public sealed class ProjectDriftTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "kiosk-drift-" + Guid.NewGuid().ToString("N"));
    private readonly string _firmware;

    public ProjectDriftTests()
    {
        var root = RepositoryRoot.Find();
        foreach (var folder in FirmwareCheck.SourceFolders)
            CopyTree(Path.Combine(root, folder), Path.Combine(_scratch, folder));
        _firmware = Path.Combine(_scratch, "firmware/Kiosk.Firmware");
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private FirmwareCheckReport Check() => FirmwareCheck.Run(_scratch, NfApiStubs.Folder);

    private void Edit(string relativePath, string from, string to)
    {
        var path = Path.Combine(_scratch, relativePath);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    [Fact]
    public void The_unchanged_copy_is_clean()
    {
        var report = Check();

        Assert.True(report.IsClean, report.ToString());
    }

    [Fact]
    public void A_core_file_missing_from_the_nfproj_is_named()
    {
        File.WriteAllText(Path.Combine(_scratch, "firmware/Kiosk.Core/Forgotten.cs"), "namespace Kiosk.Core { class Forgotten { } }");

        var report = Check();

        Assert.Contains(report.ProjectErrors, e => e.StartsWith("firmware/Kiosk.Core/Forgotten.cs:", StringComparison.Ordinal) && e.Contains("not a <Compile> item", StringComparison.Ordinal));
    }

    [Fact]
    public void A_compile_item_with_no_file_is_named()
    {
        File.Delete(Path.Combine(_firmware, "Adapters/SystemMonotonicClock.cs"));

        var report = Check();

        Assert.Contains(report.ProjectErrors, e => e.Contains("SystemMonotonicClock.cs', which does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void A_packages_config_version_that_differs_from_the_reference_is_named()
    {
        Edit("firmware/Kiosk.Firmware/packages.config", "nanoFramework.System.Device.Gpio\" version=\"1.1.62\"", "nanoFramework.System.Device.Gpio\" version=\"1.1.50\"");

        var report = Check();

        Assert.Contains(report.ProjectErrors, e => e.Contains("'nanoFramework.System.Device.Gpio' is pinned at 1.1.50", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reference_to_a_version_other_than_the_checked_surface_is_named()
    {
        Edit("firmware/Kiosk.Firmware/Kiosk.Firmware.nfproj", "nanoFramework.System.Device.Gpio.1.1.62", "nanoFramework.System.Device.Gpio.1.2.0");

        var report = Check();

        Assert.Contains(report.ProjectErrors, e => e.Contains("'System.Device.Gpio' is version 1.2.0", StringComparison.Ordinal));
    }

    [Fact]
    public void A_package_whose_dependency_is_not_listed_is_named()
    {
        Edit("firmware/Kiosk.Firmware/packages.config", "  <package id=\"nanoFramework.Runtime.Events\" version=\"1.11.37\" targetFramework=\"netnano1.0\" />\n", "");

        var report = Check();

        Assert.Contains(report.ProjectErrors, e => e.Contains("needs 'nanoFramework.Runtime.Events' >= 1.11.37, which is not listed", StringComparison.Ordinal));
    }

    [Fact]
    public void Non_portable_code_in_the_core_fails_with_file_and_line()
    {
        File.WriteAllText(Path.Combine(_scratch, "firmware/Kiosk.Core/Loop/InputKind.cs"),
            "namespace Kiosk.Core.Loop\n{\n    public enum InputKind { None, DigitalEdge, TransportConnected, TransportLost, MessageReceived, PublishAcknowledged, ClockSynced }\n    class Bad { System.Collections.Generic.List<int> _x; }\n}\n");

        var report = Check();

        Assert.Contains(report.CompileErrors, e => e.StartsWith("firmware/Kiosk.Core/Loop/InputKind.cs(4,", StringComparison.Ordinal));
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }
}
