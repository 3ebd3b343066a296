using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Kiosk.Core.Access;
using Kiosk.DutyRoom.Residents;
using Kiosk.HostSim.Adapters;

namespace Kiosk.HostSim.Site;

/// <summary>
/// The simulated duty room's residents' credentials per door, sent to the boards as the console
/// does (docs/access.md): a delta against the version the board reports, or the full list when the
/// board's version is not the one last sent, each part a signed <c>acl</c> command answered before
/// the next. Scenarios use it for <c>grant</c>, <c>revoke</c> and <c>sync</c>.
/// </summary>
public sealed class SimulatedAccessBook
{
    private readonly Dictionary<string, Door> _doors = new(StringComparer.Ordinal);
    private readonly BclHmacSha256 _hmac = new();
    private uint _nextId = 1000;

    private sealed class Door
    {
        public readonly Dictionary<string, AccessEntry> Current = new(StringComparer.Ordinal);
        public byte[] Sent = System.Array.Empty<byte>(); // the records the board last confirmed, sorted
        public uint SentVersion;
        public readonly byte[] Schedules = new byte[AccessSchedule.TableSize];
        public uint Version;
    }

    /// <summary>Puts a credential on a door's list (not yet sent); returns its id.</summary>
    public uint Grant(string device, byte[] key, string kind, string value, uint validUntil = 0, uint groups = 1, int schedule = 0)
    {
        var door = DoorOf(device);
        var entry = new AccessEntry
        {
            Id = _nextId++, Groups = groups, ValidUntil = validUntil, Schedule = schedule,
            Kind = kind == CredentialHash.Pin ? AccessEntry.Pin : AccessEntry.Card,
        };
        CredentialHash.Of(_hmac, key, kind, value).CopyTo(entry.Hash, 0);
        door.Current[Convert.ToHexString(entry.Hash)] = entry;
        door.Version++;
        return entry.Id;
    }

    /// <summary>
    /// Weekly schedule <paramref name="number"/> (1..15) of a door's list: every day, the half-hours
    /// from <paramref name="fromSlot"/> for <paramref name="slots"/> (48 a day, local time). Sent with the next sync.
    /// </summary>
    public void Schedule(string device, int number, int fromSlot, int slots)
    {
        var door = DoorOf(device);
        var at = (number - 1) * AccessSchedule.Size;
        System.Array.Clear(door.Schedules, at, AccessSchedule.Size);
        for (var day = 0; day < 7; day++)
            for (var i = 0; i < slots; i++)
            {
                var slot = (fromSlot + i) % 48;
                door.Schedules[at + day * AccessSchedule.BytesPerDay + slot / 8] |= (byte)(1 << (slot % 8));
            }
        door.Version++;
    }

    /// <summary>Takes a credential off a door's list (not yet sent); false when it was not there.</summary>
    public bool Revoke(string device, byte[] key, string kind, string value)
    {
        var door = DoorOf(device);
        var removed = door.Current.Remove(Convert.ToHexString(CredentialHash.Of(_hmac, key, kind, value)));
        if (removed)
            door.Version++;
        return removed;
    }

    /// <summary>
    /// Sends what the board lacks. Returns null when the board has the list in force, else why not
    /// (no reply in time: the board is offline; a refusal in its words).
    /// </summary>
    public async Task<string?> SyncAsync(DutyRoomClient room, string site, string device, byte[] key, DateTime now, string sender, TimeSpan partTimeout)
    {
        var door = DoorOf(device);
        // What the board has: the version it confirmed to this book, unless it reports a newer one
        // (the book was reset); its reports lag behind a send by up to a heartbeat, so an older
        // report does not undo a confirmed send.
        var reported = room.AccessListVersion(device);
        var boardHas = reported > door.SentVersion ? reported : door.SentVersion;
        if (boardHas == door.Version)
            return null;
        var full = door.SentVersion == 0 || reported > door.SentVersion;
        var version = boardHas >= door.Version ? (uint)boardHas + 1 : door.Version;
        // The console's own encoding: what this send makes the board hold, and the delta to it.
        var snapshot = AccessListBuilder.Sorted(door.Current.Values);
        var records = full ? snapshot : AccessListBuilder.Delta(door.Sent, snapshot);
        var schedules = (byte[])door.Schedules.Clone();
        var parts = AccessListParts.Count(records.Length / AccessEntry.Size);
        for (var part = 1; part <= parts; part++)
        {
            AccessListParts.Part(full, door.SentVersion, version, schedules, records, part, _hmac, key, out var argument, out var data);
            var id = await room.SendAsync(site, device, key, "acl", argument, sender: sender, now: now, data: data);
            var reply = await room.WaitReplyAsync(id, partTimeout);
            if (reply is null)
                return $"no reply to part {part} of {parts} within {partTimeout.TotalSeconds:0} s (is the board online?)";
            var result = reply.Value.GetProperty("result").GetString();
            if (result != "ok")
                return $"part {part} of {parts}: {result}: {reply.Value.GetProperty("detail").GetString()}";
        }
        if (version > door.Version)
            door.Version = version;
        door.SentVersion = version;
        door.Sent = snapshot;
        return null;
    }

    private Door DoorOf(string device)
    {
        if (!_doors.TryGetValue(device, out var door))
            _doors[device] = door = new Door();
        return door;
    }
}
