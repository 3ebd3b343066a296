using System.Collections.Generic;
using System.Linq;
using Kiosk.Core.Access;
using Kiosk.Core.Ports;
using Kiosk.HostSim.Adapters;

namespace Kiosk.Core.Tests.Access;

/// <summary>Builds allow-lists as the console would: credentials hashed with the device's key, in hash order.</summary>
internal static class AccessLists
{
    public static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    public static readonly BclHmacSha256 Hmac = new();

    public static AccessEntry Card26(uint id, int facility, int number, uint groups = 1, uint from = 0, uint until = 0, int schedule = 0) =>
        Entry(id, CredentialHash.Card26, ((long)facility << 16 | (long)number).ToString(System.Globalization.CultureInfo.InvariantCulture), AccessEntry.Card, groups, from, until, schedule);

    public static AccessEntry Pin(uint id, string pin, uint groups = 1) =>
        Entry(id, CredentialHash.Pin, pin, AccessEntry.Pin, groups, 0, 0, 0);

    public static AccessEntry Entry(uint id, string kind, string value, byte type, uint groups, uint from, uint until, int schedule)
    {
        var entry = new AccessEntry { Id = id, Groups = groups, ValidFrom = from, ValidUntil = until, Schedule = schedule, Kind = type };
        CredentialHash.Of(Hmac, Key, kind, value).CopyTo(entry.Hash, 0);
        return entry;
    }

    public static byte[] Sorted(IEnumerable<AccessEntry> entries)
    {
        var list = entries.OrderBy(e => e.Hash, HashOrder.Instance).ToList();
        var bytes = new byte[list.Count * AccessEntry.Size];
        for (var i = 0; i < list.Count; i++)
            list[i].Encode(bytes, i * AccessEntry.Size);
        return bytes;
    }

    /// <summary>Writes and commits list <paramref name="version"/> on <paramref name="storage"/>.</summary>
    public static AllowList Write(IStorage storage, uint version, IEnumerable<AccessEntry> entries, byte[]? schedules = null)
    {
        var list = new AllowList(storage);
        list.Open();
        var writer = new AllowListWriter(storage, list);
        writer.Begin(version, schedules ?? new byte[AccessSchedule.TableSize]);
        var bytes = Sorted(entries);
        for (var at = 0; at < bytes.Length; at += AccessEntry.Size)
        {
            var problem = writer.Append(bytes, at);
            if (problem is not null)
                throw new System.InvalidOperationException(problem);
        }
        writer.Commit();
        return list;
    }

    /// <summary>A schedule table whose schedule 1 allows Monday to Friday 07:00–22:00 local time.</summary>
    public static byte[] WeekdayDaytime()
    {
        var table = new byte[AccessSchedule.TableSize];
        for (var day = 0; day < 5; day++)
            for (var slot = 14; slot < 44; slot++)
                table[day * AccessSchedule.BytesPerDay + slot / 8] |= (byte)(1 << (slot % 8));
        return table;
    }

    private sealed class HashOrder : IComparer<byte[]>
    {
        public static readonly HashOrder Instance = new();
        public int Compare(byte[]? a, byte[]? b) => AccessEntry.Compare(a!, 0, b!, 0);
    }
}
