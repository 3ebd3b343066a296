using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Kiosk.Portability.NfApi;

/// <summary>A generated reference-only assembly and the nf-api data it came from.</summary>
public sealed record StubAssembly(NfAssembly Source, MetadataReference Reference, IReadOnlyList<string> Skipped);

/// <summary>
/// Compiles the stub sources for every nf-api assembly, in dependency order, into in-memory
/// reference assemblies. Nothing is written to disk or committed: the data is the only truth.
/// mscorlib is compiled with no references at all, so the desktop BCL never leaks in.
/// </summary>
public static class StubAssemblyBuilder
{
    public static IReadOnlyDictionary<string, StubAssembly> Build(IReadOnlyList<NfAssembly> assemblies)
    {
        var index = new NfTypeIndex(assemblies);
        var byPackage = assemblies.ToDictionary(a => a.Package, StringComparer.OrdinalIgnoreCase);
        var built = new Dictionary<string, StubAssembly>(StringComparer.Ordinal);

        StubAssembly BuildOne(NfAssembly assembly, HashSet<string> visiting)
        {
            if (built.TryGetValue(assembly.Name, out var done))
                return done;
            if (!visiting.Add(assembly.Name))
                throw new InvalidOperationException($"Dependency cycle through {assembly.Name}");

            var references = new List<MetadataReference>();
            foreach (var dependency in Closure(assembly, byPackage).Concat(NamedAssemblies(assembly, index)).Distinct())
                references.Add(BuildOne(dependency, visiting).Reference);

            var writer = new StubSourceWriter(index, assembly);
            var source = writer.Write();
            var compilation = CSharpCompilation.Create(
                assembly.Name,
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: assembly.Name + ".stub.cs") },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));

            using var image = new MemoryStream();
            var result = compilation.Emit(image, options: new EmitOptions(metadataOnly: true));
            if (!result.Success)
            {
                var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(25)
                    .Select(d => d.ToString());
                throw new InvalidOperationException(
                    $"The stub for {assembly.Name} ({Path.GetFileName(assembly.FilePath)}) did not compile:\n" + string.Join("\n", errors));
            }

            var stub = new StubAssembly(assembly, MetadataReference.CreateFromImage(image.ToArray(), filePath: assembly.Name + ".dll"), writer.Skipped);
            built[assembly.Name] = stub;
            visiting.Remove(assembly.Name);
            return stub;
        }

        foreach (var assembly in assemblies)
            BuildOne(assembly, new HashSet<string>(StringComparer.Ordinal));
        return built;
    }

    /// <summary>
    /// Assemblies whose types this one's surface names. The data's dependency lists are NuGet's,
    /// and a package that ships two assemblies (nanoFramework.M2Mqtt carries M2Mqtt.Core) does
    /// not declare the one beside it.
    /// </summary>
    private static IEnumerable<NfAssembly> NamedAssemblies(NfAssembly assembly, NfTypeIndex index)
    {
        var names = new List<string>();
        foreach (var type in assembly.Types)
        {
            if (type.Base is not null) names.Add(type.Base);
            names.AddRange(type.Interfaces);
            if (type.Invoke is not null)
            {
                names.Add(type.Invoke.Returns);
                names.AddRange(type.Invoke.Parameters.Select(p => p.Type));
            }
            foreach (var member in type.Members)
            {
                if (member.Type is not null) names.Add(member.Type);
                if (member.Returns is not null) names.Add(member.Returns);
                names.AddRange(member.Parameters.Select(p => p.Type));
            }
        }
        return names.Select(n => index.AssemblyOf(NfTypeIndex.ElementName(n)))
            .Where(a => a is not null && a.Name != assembly.Name)
            .Select(a => a!)
            .Distinct();
    }

    /// <summary>The assembly's declared dependencies and theirs, as far as the data holds them.</summary>
    public static IEnumerable<NfAssembly> Closure(NfAssembly assembly, IReadOnlyDictionary<string, NfAssembly> byPackage)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<NfAssembly>();
        stack.Push(assembly);
        while (stack.Count > 0)
        {
            foreach (var dependency in stack.Pop().Dependencies)
                if (byPackage.TryGetValue(dependency.Package, out var found) && seen.Add(found.Package))
                {
                    stack.Push(found);
                    yield return found;
                }
        }
    }
}
