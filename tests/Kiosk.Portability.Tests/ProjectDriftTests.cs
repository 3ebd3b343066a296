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
    private readonly ScratchFirmware _scratch = new();
    private readonly string _firmware;

    public ProjectDriftTests() => _firmware = _scratch.PathOf("firmware/Kiosk.Firmware");

    public void Dispose() => _scratch.Dispose();

    private FirmwareCheckReport Check() => _scratch.Check();

    private void Edit(string relativePath, string from, string to) => _scratch.Edit(relativePath, from, to);

    [Fact]
    public void The_unchanged_copy_is_clean()
    {
        var report = Check();

        Assert.True(report.IsClean, report.ToString());
    }

    [Fact]
    public void A_core_file_missing_from_the_nfproj_is_named()
    {
        File.WriteAllText(_scratch.PathOf("firmware/Kiosk.Core/Forgotten.cs"), "namespace Kiosk.Core { class Forgotten { } }");

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
        File.WriteAllText(_scratch.PathOf("firmware/Kiosk.Core/Loop/InputKind.cs"),
            "namespace Kiosk.Core.Loop\n{\n    public enum InputKind { None, DigitalEdge, TransportConnected, TransportLost, MessageReceived, PublishAcknowledged, ClockSynced }\n    class Bad { System.Collections.Generic.List<int> _x; }\n}\n");

        var report = Check();

        Assert.Contains(report.CompileErrors, e => e.StartsWith("firmware/Kiosk.Core/Loop/InputKind.cs(4,", StringComparison.Ordinal));
    }
}
