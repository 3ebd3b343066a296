using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Kiosk.Portability.Tests;

/// <summary>
/// The device's M2Mqtt transport (firmware/Kiosk.Firmware.Mqtt) is compiled against the real
/// M2Mqtt surface here, and the reason it is not yet in the device build is pinned by a test:
/// when newer System.Net data arrives, the second test fails and says the adapter can move in.
/// </summary>
public sealed class PendingMqttAdapterTests
{
    private static readonly string[] MqttStack =
    {
        "nanoFramework.M2Mqtt", "nanoFramework.M2Mqtt.Core", "System.Net", "System.IO.Streams", "nanoFramework.Runtime.Events",
        "nanoFramework.Runtime.Native", "nanoFramework.System.Collections", "nanoFramework.System.Text",
    };

    [Fact]
    public void The_M2Mqtt_transport_compiles_against_the_nanoFramework_surface_with_the_core()
    {
        var root = RepositoryRoot.Find();
        var sources = Directory.GetFiles(Path.Combine(root, "firmware/Kiosk.Core"), "*.cs", SearchOption.AllDirectories)
            .Append(Path.Combine(root, "firmware/Kiosk.Firmware.Mqtt/M2MqttTransport.cs"))
            .Select(SourceFile.FromDisk);

        var outcome = NfApiStubs.Compiler.Compile(sources, MqttStack, "9.0", OutputKind.DynamicallyLinkedLibrary, root);

        Assert.True(outcome.Errors.Count == 0, string.Join("\n", outcome.Errors));
        Assert.Contains("nanoFramework.M2Mqtt", outcome.UsedAssemblies);
    }

    [Fact]
    public void Adding_M2Mqtt_to_the_device_build_is_refused_until_System_Net_data_meets_its_minimum()
    {
        using var scratch = new ScratchFirmware();
        scratch.Edit("firmware/Kiosk.Firmware/packages.config", "</packages>",
            "  <package id=\"nanoFramework.M2Mqtt\" version=\"5.1.220\" targetFramework=\"netnano1.0\" />\n" +
            "  <package id=\"nanoFramework.System.Net\" version=\"1.11.54\" targetFramework=\"netnano1.0\" />\n</packages>");

        var report = scratch.Check();

        Assert.Contains(report.ProjectErrors, e => e.Contains("'nanoFramework.M2Mqtt' needs 'nanoFramework.System.Net' >= 1.11.60, but 1.11.54 is pinned", System.StringComparison.Ordinal));
    }
}
