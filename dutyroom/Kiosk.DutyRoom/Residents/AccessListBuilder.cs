using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using Kiosk.Core.Access;
using Kiosk.Core.Ports;
using Kiosk.DutyRoom.Data.Residents;

namespace Kiosk.DutyRoom.Residents;

/// <summary>
/// The allow-list one door should hold, as the board's 28-byte records sorted by hash, and the
/// delta between two lists. A door's list holds the live credentials whose door groups include the
/// door, hashed under that door's key; door groups are the console's, so every record opens every
/// reader group on the board (all 32 bits).
/// </summary>
public static class AccessListBuilder
{
    public static readonly IHmacSha256 Hmac = new BclHmac();

    public const uint AllGroups = uint.MaxValue;

    public static byte[] RecordsFor(string device, byte[] key, IReadOnlyList<LiveCredential> live, IReadOnlyList<DoorGroup> groups)
    {
        var doorGroups = groups.Where(g => g.Devices.Contains(device, StringComparer.Ordinal)).Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        var entries = new List<AccessEntry>();
        foreach (var c in live.Where(c => c.DoorGroups.Any(doorGroups.Contains)))
        {
            var entry = new AccessEntry
            {
                Id = (uint)c.Id,
                ValidFrom = Unix(c.ValidFrom),
                ValidUntil = Unix(c.ValidUntil),
                Groups = AllGroups,
                Schedule = c.Schedule,
                Kind = c.Kind == CredentialHash.Pin ? AccessEntry.Pin : AccessEntry.Card,
            };
            CredentialHash.Of(Hmac, key, c.Kind, c.Value).CopyTo(entry.Hash, 0);
            entries.Add(entry);
        }
        return Sorted(entries);
    }

    /// <summary>What turns <paramref name="from"/> into <paramref name="to"/>: changed and new records, and kind-0 removals.</summary>
    public static byte[] Delta(byte[] from, byte[] to)
    {
        var old = ByHash(from);
        var now = ByHash(to);
        var changes = new List<AccessEntry>();
        foreach (var (hash, record) in now)
            if (!old.TryGetValue(hash, out var was) || !was.AsSpan().SequenceEqual(record))
                changes.Add(Decode(record));
        foreach (var (hash, record) in old)
            if (!now.ContainsKey(hash))
            {
                var removal = Decode(record);
                removal.Kind = AccessEntry.Removed;
                removal.ValidFrom = removal.ValidUntil = removal.Groups = 0;
                removal.Schedule = 0;
                changes.Add(removal);
            }
        return Sorted(changes);
    }

    /// <summary>The credential ids on a list (the access screen counts them).</summary>
    public static int Count(byte[] records) => records.Length / AccessEntry.Size;

    private static Dictionary<string, byte[]> ByHash(byte[] records)
    {
        var map = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var at = 0; at + AccessEntry.Size <= records.Length; at += AccessEntry.Size)
            map[Convert.ToHexString(records, at, AccessEntry.HashBytes)] = records[at..(at + AccessEntry.Size)];
        return map;
    }

    private static AccessEntry Decode(byte[] record)
    {
        var e = new AccessEntry();
        e.Decode(record, 0);
        return e;
    }

    /// <summary>Records in the hash order the board's binary search needs (unsigned big-endian).</summary>
    public static byte[] Sorted(IEnumerable<AccessEntry> records)
    {
        var entries = records.ToList();
        entries.Sort((a, b) => AccessEntry.Compare(a.Hash, 0, b.Hash, 0));
        var bytes = new byte[entries.Count * AccessEntry.Size];
        for (var i = 0; i < entries.Count; i++)
            entries[i].Encode(bytes, i * AccessEntry.Size);
        return bytes;
    }

    private static uint Unix(DateTimeOffset? t) => t is { } v ? (uint)Math.Clamp(v.ToUnixTimeSeconds(), 1, uint.MaxValue) : 0;

    private sealed class BclHmac : IHmacSha256
    {
        public byte[] Compute(byte[] key, byte[] data) => HMACSHA256.HashData(key, data);
    }
}
