using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kiosk.Portability.NfApi;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kiosk.Portability;

/// <summary>One source file to compile: its path (for file:line messages) and its text.</summary>
public sealed record SourceFile(string Path, string Text)
{
    public static SourceFile FromDisk(string path) => new(path, File.ReadAllText(path));
}

/// <summary>The result of compiling sources the way the nanoFramework build would.</summary>
public sealed record CompileOutcome(IReadOnlyList<string> Errors, IReadOnlyList<string> UsedAssemblies);

/// <summary>
/// Compiles C# sources against the nf-api stub assemblies only (no desktop BCL), with the
/// language version the .nfproj uses, and emits them, because some constructs (lock, foreach,
/// string switch, interpolation) only bind to the runtime's helpers at emit time. Then it applies
/// <see cref="Runtime.RuntimeRules"/>: what compiles but breaks on nanoCLR.
/// </summary>
public sealed class PortableCompiler
{
    private readonly IReadOnlyDictionary<string, StubAssembly> _stubs;

    public PortableCompiler(IReadOnlyDictionary<string, StubAssembly> stubs) => _stubs = stubs;

    /// <param name="referencedAssemblies">Assembly names the project references; mscorlib is always added.</param>
    public CompileOutcome Compile(IEnumerable<SourceFile> sources, IEnumerable<string> referencedAssemblies, string langVersion, OutputKind kind, string? baseDirectory = null)
    {
        if (!LanguageVersionFacts.TryParse(langVersion, out var version))
            throw new ArgumentException($"'{langVersion}' is not a C# language version.", nameof(langVersion));

        var references = new List<MetadataReference>();
        var missing = new List<string>();
        foreach (var name in referencedAssemblies.Append("mscorlib").Distinct(StringComparer.Ordinal))
        {
            if (_stubs.TryGetValue(name, out var stub))
                references.Add(stub.Reference);
            else
                missing.Add($"reference '{name}' has no nf-api data, so nothing can be compiled against it");
        }

        var parse = new CSharpParseOptions(version);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, path: s.Path)).ToList();
        var compilation = CSharpCompilation.Create(
            "Kiosk.Firmware.PortabilityCheck",
            trees,
            references,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Disable, allowUnsafe: false));

        using var peImage = new MemoryStream();
        var emit = compilation.Emit(peImage);
        var errors = missing.Concat(emit.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .Select(d => Format(d, baseDirectory)))
            // What compiles but fails on the device: the runtime's own rules.
            .Concat(Runtime.RuntimeRules.Find(compilation, baseDirectory))
            .ToList();
        var used = errors.Count == 0
            ? compilation.GetUsedAssemblyReferences().Select(r => compilation.GetAssemblyOrModuleSymbol(r) as IAssemblySymbol)
                .Where(a => a is not null).Select(a => a!.Name).OrderBy(n => n, StringComparer.Ordinal).ToList()
            : new List<string>();
        return new CompileOutcome(errors, used);
    }

    /// <summary>"firmware/Kiosk.Core/Door/DoorMachine.cs(12,5): error CS0246: ...", relative to the repository.</summary>
    public static string Format(Diagnostic d, string? baseDirectory) =>
        $"{Where(d.Location, baseDirectory)}error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>"path(line,col): " relative to <paramref name="baseDirectory"/>, or "" when the location has no file.</summary>
    public static string Where(Location location, string? baseDirectory)
    {
        var span = location.GetLineSpan();
        var path = span.Path ?? "";
        if (baseDirectory is not null && path.Length > 0)
            path = System.IO.Path.GetRelativePath(baseDirectory, path);
        return path.Length == 0 ? "" : $"{path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): ";
    }
}
