using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Kiosk.Portability.NfApi;

/// <summary>Reads the nf-api JSON files (the format is described in firmware/nf-api/README.md).</summary>
public static class NfApiReader
{
    public static IReadOnlyList<NfAssembly> ReadFolder(string folder)
    {
        var files = Directory.GetFiles(folder, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new InvalidOperationException($"No nf-api *.json files in '{folder}'.");
        return files.Select(Read).ToList();
    }

    public static NfAssembly Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var tag = Str(root, "tag") ?? throw new InvalidDataException($"{path}: no 'tag'");
        return new NfAssembly(
            Name: Str(root, "assembly") ?? throw new InvalidDataException($"{path}: no 'assembly'"),
            Package: Str(root, "package") ?? throw new InvalidDataException($"{path}: no 'package'"),
            Version: tag.TrimStart('v'),
            Source: Str(root, "source") ?? "",
            Dependencies: Array(root, "dependencies").Select(ParseDependency).ToList(),
            Types: Array(root, "types").Select(ReadType).ToList(),
            FilePath: path);
    }

    private static NfDependency ParseDependency(JsonElement e)
    {
        var parts = e.GetString()!.Split(' ', 2);
        return new NfDependency(parts[0], parts.Length > 1 ? parts[1] : "0.0.0");
    }

    private static NfType ReadType(JsonElement t)
    {
        NfSignature? invoke = null;
        if (t.TryGetProperty("invoke", out var inv))
            invoke = new NfSignature(Str(inv, "returns") ?? "System.Void", Array(inv, "parameters").Select(ReadParameter).ToList());
        return new NfType(
            FullName: Str(t, "name")!,
            Kind: Str(t, "kind")!,
            Modifiers: Str(t, "modifiers"),
            Base: Str(t, "base"),
            Interfaces: Array(t, "interfaces").Select(i => i.GetString()!).ToList(),
            Attributes: Array(t, "attributes").Select(i => i.GetString()!).ToList(),
            ContainingType: Str(t, "containingType"),
            EnumUnderlying: Str(t, "enumUnderlying"),
            Invoke: invoke,
            Members: Array(t, "members").Select(ReadMember).ToList());
    }

    private static NfMember ReadMember(JsonElement m) => new(
        Kind: Str(m, "kind")!,
        Name: Str(m, "name")!,
        Id: Str(m, "id")!,
        Modifiers: Str(m, "modifiers"),
        Type: Str(m, "type"),
        Returns: Str(m, "returns"),
        Parameters: Array(m, "parameters").Select(ReadParameter).ToList(),
        Value: m.TryGetProperty("value", out var v) ? v.ToString() : null,
        HasGetter: m.TryGetProperty("get", out var g) && g.ValueKind == JsonValueKind.True,
        HasSetter: m.TryGetProperty("set", out var s) && s.ValueKind != JsonValueKind.False && s.ValueKind != JsonValueKind.Null,
        ImplicitlyDeclared: m.TryGetProperty("implicitlyDeclared", out var i) && i.ValueKind == JsonValueKind.True,
        Implements: Str(m, "implements"),
        IsExtension: m.TryGetProperty("extension", out var x) && x.ValueKind == JsonValueKind.True);

    private static NfParameter ReadParameter(JsonElement p) => new(
        Name: Str(p, "name")!,
        Type: Str(p, "type")!,
        RefKind: Str(p, "ref"),
        IsParams: p.TryGetProperty("params", out var pa) && pa.ValueKind == JsonValueKind.True,
        Default: p.TryGetProperty("default", out var d) ? d.ToString() : null);

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : Enumerable.Empty<JsonElement>();
}
