using System.Collections.Generic;
using System.Linq;

namespace Kiosk.Portability.NfApi;

/// <summary>Every type and member of every loaded nf-api assembly, by name and by documentation ID.</summary>
public sealed class NfTypeIndex
{
    private readonly Dictionary<string, (NfType Type, NfAssembly Assembly)> _types = new();
    private readonly Dictionary<string, (NfMember Member, NfType Owner)> _members = new();

    public NfTypeIndex(IEnumerable<NfAssembly> assemblies)
    {
        foreach (var assembly in assemblies)
            foreach (var type in assembly.Types)
            {
                _types[type.FullName] = (type, assembly);
                foreach (var member in type.Members)
                    _members[member.Id] = (member, type);
            }
    }

    public bool TryGetType(string fullName, out NfType type, out NfAssembly assembly)
    {
        if (_types.TryGetValue(fullName, out var entry))
        {
            (type, assembly) = entry;
            return true;
        }
        type = null!;
        assembly = null!;
        return false;
    }

    public NfAssembly? AssemblyOf(string fullName) => _types.TryGetValue(fullName, out var e) ? e.Assembly : null;

    public (NfMember Member, NfType Owner)? Member(string id) =>
        _members.TryGetValue(id, out var e) ? e : null;

    public bool IsEnum(string fullName) => _types.TryGetValue(fullName, out var e) && e.Type.Kind == "enum";

    public bool IsValueType(string fullName) =>
        _types.TryGetValue(fullName, out var e) && (e.Type.Kind == "struct" || e.Type.Kind == "enum");

    /// <summary>The type name without array ranks, so "System.Byte[][]" resolves as "System.Byte".</summary>
    public static string ElementName(string typeName)
    {
        var name = typeName;
        while (name.EndsWith("[]", System.StringComparison.Ordinal))
            name = name[..^2];
        return name;
    }

    public bool CanResolve(string typeName)
    {
        var element = ElementName(typeName);
        return element == "System.Void" || _types.ContainsKey(element);
    }

    public IEnumerable<NfType> NestedTypesOf(NfType type) =>
        _types.Values.Where(e => e.Type.ContainingType == type.FullName).Select(e => e.Type).OrderBy(t => t.FullName, System.StringComparer.Ordinal);
}
