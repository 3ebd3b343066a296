using System.Collections.Generic;
using System.IO;
using Kiosk.Portability.NfApi;

namespace Kiosk.Portability.Tests;

/// <summary>The repository's nf-api stubs, generated once per test run.</summary>
internal static class NfApiStubs
{
    public static string Folder => Path.Combine(RepositoryRoot.Find(), FirmwareCheck.NfApiRelativePath);

    public static IReadOnlyDictionary<string, StubAssembly> All => FirmwareCheck.Stubs(Folder);

    public static PortableCompiler Compiler => new(All);
}
