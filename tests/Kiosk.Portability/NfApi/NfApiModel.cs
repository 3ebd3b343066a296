using System.Collections.Generic;
using System.Linq;

namespace Kiosk.Portability.NfApi;

/// <summary>One nanoFramework assembly's public surface, as read from an nf-api JSON file.</summary>
public sealed record NfAssembly(
    string Name,
    string Package,
    string Version,
    string Source,
    IReadOnlyList<NfDependency> Dependencies,
    IReadOnlyList<NfType> Types,
    string FilePath);

/// <summary>A NuGet dependency with its minimum version, as the package declares it.</summary>
public sealed record NfDependency(string Package, string MinimumVersion);

public sealed record NfType(
    string FullName,
    string Kind,
    string? Modifiers,
    string? Base,
    IReadOnlyList<string> Interfaces,
    IReadOnlyList<string> Attributes,
    string? ContainingType,
    string? EnumUnderlying,
    NfSignature? Invoke,
    IReadOnlyList<NfMember> Members)
{
    public string SimpleName => ContainingType is null
        ? FullName[(FullName.LastIndexOf('.') + 1)..]
        : FullName[(ContainingType.Length + 1)..];

    public string Namespace => ContainingType is null && FullName.Contains('.')
        ? FullName[..FullName.LastIndexOf('.')]
        : "";
}

public sealed record NfSignature(string Returns, IReadOnlyList<NfParameter> Parameters);

public sealed record NfMember(
    string Kind,
    string Name,
    string Id,
    string? Modifiers,
    string? Type,
    string? Returns,
    IReadOnlyList<NfParameter> Parameters,
    string? Value,
    bool HasGetter,
    bool HasSetter,
    bool ImplicitlyDeclared,
    string? Implements,
    bool IsExtension)
{
    public bool Has(string modifier) =>
        Modifiers is not null && Modifiers.Split(' ').Contains(modifier);
}

public sealed record NfParameter(string Name, string Type, string? RefKind, bool IsParams, string? Default);
