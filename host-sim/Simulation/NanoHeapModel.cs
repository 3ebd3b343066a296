using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Kiosk.HostSim.Simulation;

/// <summary>
/// Sizes the core's object graph as nanoCLR would hold it, so the heap a board needs can be read on
/// a desktop: every object reachable from a root through objects of the core's own assembly (the
/// adapters, which differ per platform, are left out), sized with nanoCLR's rules: an object is
/// (1 + instance fields) × 12 bytes; an array is a 20-byte header plus its elements, rounded up to
/// 12; each element of a struct array is a boxed object of its own; a string is its UTF-8 bytes
/// plus a 20-byte header. A model, not a measurement: it says where the bytes go and which single
/// blocks are large, which is what fragments a small heap.
/// </summary>
public sealed class NanoHeapModel
{
    public const int Block = 12;

    private readonly Assembly _core;
    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);

    private NanoHeapModel(Assembly core) => _core = core;

    public long Bytes { get; private set; }
    public int Objects { get; private set; }

    /// <summary>The largest single allocation and where it hangs.</summary>
    public long LargestBytes { get; private set; }
    public string LargestPath { get; private set; } = "";

    public static NanoHeapModel Of(object root)
    {
        var model = new NanoHeapModel(root.GetType().Assembly);
        model.Walk(root, root.GetType().Name);
        return model;
    }

    private void Walk(object? o, string path)
    {
        if (o is null || o is Type || !_seen.Add(o))
            return;
        var type = o.GetType();
        if (o is string s)
        {
            Count(Round(20 + Encoding.UTF8.GetByteCount(s)), path);
            return;
        }
        if (o is Array array)
        {
            var element = type.GetElementType()!;
            var structs = element.IsValueType && !element.IsPrimitive && !element.IsEnum;
            var each = element.IsValueType && !structs ? Marshal(element) : 4;
            Count(Round(20 + (long)each * array.Length), path);
            var i = 0;
            foreach (var item in array)
            {
                if (structs)
                    Count(ObjectSize(element), path + "[boxed]");
                else if (!element.IsValueType)
                    Walk(item, path + "[" + i + "]");
                i++;
            }
            return;
        }
        if (type.Assembly != _core && !IsCollection(o))
            return; // an adapter's object: platform-specific, not the core's to count
        Count(ObjectSize(type), path);
        if (o is IEnumerable items and not string && IsCollection(o))
        {
            var i = 0;
            foreach (var item in items)
                Walk(item, path + "[" + i++ + "]");
            return;
        }
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                if (!field.FieldType.IsValueType || (!field.FieldType.IsPrimitive && !field.FieldType.IsEnum && field.FieldType != typeof(long)))
                    Walk(field.GetValue(o), path + "." + field.Name.TrimStart('_'));
    }

    /// <summary>ArrayList and Hashtable: the collections the core uses, nanoCLR's own classes.</summary>
    private static bool IsCollection(object o) => o is ArrayList or Hashtable;

    private void Count(long bytes, string path)
    {
        Bytes += bytes;
        Objects++;
        if (bytes > LargestBytes)
        {
            LargestBytes = bytes;
            LargestPath = path;
        }
    }

    private static long ObjectSize(Type type)
    {
        var fields = 0;
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            fields += t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly).Length;
        return (1 + fields) * (long)Block;
    }

    private static int Marshal(Type element) =>
        element == typeof(bool) || element == typeof(byte) || element == typeof(sbyte) ? 1
        : element == typeof(short) || element == typeof(ushort) || element == typeof(char) ? 2
        : element == typeof(long) || element == typeof(ulong) || element == typeof(double) ? 8
        : 4;

    private static long Round(long bytes) => (bytes + Block - 1) / Block * Block;

    public override string ToString() => $"{Bytes / 1024.0:F1} KB in {Objects} objects, largest {LargestBytes} B at {LargestPath}";
}
