using System.Linq;
using Xunit;

namespace Kiosk.Portability.Tests;

public sealed class StubGenerationTests
{
    [Fact]
    public void Every_nf_api_assembly_generates_a_stub()
    {
        var stubs = NfApiStubs.All;

        Assert.Equal(System.IO.Directory.GetFiles(NfApiStubs.Folder, "*.json").Length, stubs.Count);
        Assert.Contains("mscorlib", stubs.Keys);
        Assert.Contains("System.Device.Gpio", stubs.Keys);
    }

    [Fact]
    public void Generic_delegates_the_stable_CoreLibrary_does_not_compile_are_left_out()
    {
        var skipped = NfApiStubs.All["mscorlib"].Skipped;

        Assert.Contains("T:System.Action<T>", skipped);
        Assert.Contains("T:System.Func<T, TResult>", skipped);
    }

    [Fact]
    public void Hint_path_names_package_and_version()
    {
        var (package, version) = Project.NfProject.PackageFromHintPath(@"..\..\packages\nanoFramework.System.Device.Gpio.1.1.62\lib\System.Device.Gpio.dll");

        Assert.Equal("nanoFramework.System.Device.Gpio", package);
        Assert.Equal("1.1.62", version);
    }
}
