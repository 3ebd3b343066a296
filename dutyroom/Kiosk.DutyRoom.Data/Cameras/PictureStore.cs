using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;

namespace Kiosk.DutyRoom.Data.Cameras;

/// <summary>
/// The pictures kept with call records and alarms: each JPEG a file in <see cref="Folder"/> (beside the
/// SQLite file, or a configured folder for PostgreSQL), its metadata a row in the database. Files, not
/// BLOBs or large objects: the database stays small enough to back up hourly, and a picture is read
/// only when someone opens a record. Size cap: oldest first; the caller learns how many of those were
/// still inside retention (<see cref="Eviction.InsideRetention"/>) and raises the alarm.
/// </summary>
public sealed class PictureStore
{
    private const string Columns = "id, device, moment, call_id, alarm_id, taken_at, file, bytes, removed_at, removed_why";
    private readonly ConsoleDb _db;
    private readonly object _capGate = new();

    public PictureStore(ConsoleDb db, string folder, long capBytes)
    {
        if (capBytes < 1)
            throw new ArgumentOutOfRangeException(nameof(capBytes), "picture storage: a cap of at least 1 byte");
        _db = db;
        Folder = Path.GetFullPath(folder);
        CapBytes = capBytes;
        Directory.CreateDirectory(Folder);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // visitors' faces: the console's user only
    }

    public string Folder { get; }
    public long CapBytes { get; }

    /// <summary>Writes the picture's file, then its row; returns the row. A file is never overwritten (its name is unique).</summary>
    public StoredPicture Keep(string device, string moment, string? callId, long? alarmId, byte[] jpeg, DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var relative = Path.Combine(utc.ToString("yyyy-MM", CultureInfo.InvariantCulture), utc.ToString("dd", CultureInfo.InvariantCulture),
            $"{device}-{moment}-{utc:HHmmssfff}-{Guid.NewGuid().ToString("N")[..8]}.jpg");
        var path = Path.Combine(Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            file.Write(jpeg);
        var id = _db.Scalar("""
            INSERT INTO pictures (device, moment, call_id, alarm_id, taken_at, file, bytes) VALUES (@device, @moment, @call, @alarm, @at, @file, @bytes)
            RETURNING id
            """, ("@device", device), ("@moment", moment), ("@call", callId), ("@alarm", alarmId), ("@at", ConsoleDb.Iso(at)),
            ("@file", relative.Replace('\\', '/')), ("@bytes", (long)jpeg.Length));
        return Get(id)!;
    }

    public StoredPicture? Get(long id) => _db.Query($"SELECT {Columns} FROM pictures WHERE id = @id", Read, ("@id", id)) is [var p] ? p : null;

    public IReadOnlyList<StoredPicture> ForCall(string device, string callId) =>
        _db.Query($"SELECT {Columns} FROM pictures WHERE device = @device AND call_id = @call ORDER BY taken_at, id", Read, ("@device", device), ("@call", callId));

    public IReadOnlyList<StoredPicture> ForAlarm(long alarmId) =>
        _db.Query($"SELECT {Columns} FROM pictures WHERE alarm_id = @alarm ORDER BY taken_at, id", Read, ("@alarm", alarmId));

    /// <summary>The bytes of the pictures still kept (what counts against the cap).</summary>
    public long KeptBytes() => _db.Scalar("SELECT COALESCE(SUM(bytes), 0) FROM pictures WHERE removed_at IS NULL");

    /// <summary>The picture's bytes; null once removed, or if its file has gone missing.</summary>
    public byte[]? Read(StoredPicture picture)
    {
        if (!picture.IsKept)
            return null;
        var path = Path.GetFullPath(Path.Combine(Folder, picture.File));
        if (!path.StartsWith(Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            return null;
        return File.ReadAllBytes(path);
    }

    /// <summary>Retention (the visitor details' own, PIPL): removes pictures taken more than <paramref name="days"/> before <paramref name="now"/>.</summary>
    public int Prune(DateTimeOffset now, int days)
    {
        if (days < 1)
            throw new ArgumentOutOfRangeException(nameof(days), "pictures are kept at least 1 day");
        var old = _db.Query($"SELECT {Columns} FROM pictures WHERE removed_at IS NULL AND taken_at < @cutoff ORDER BY taken_at", Read,
            ("@cutoff", ConsoleDb.Iso(now.AddDays(-days))));
        foreach (var p in old)
            Remove(p, StoredPicture.ByRetention, now);
        return old.Count;
    }

    /// <summary>
    /// Holds the kept pictures to the cap, oldest first, sparing <paramref name="spare"/> (the picture just
    /// taken). Returns what it removed, and how many of those were still inside the retention of
    /// <paramref name="retentionDays"/> days: the caller must say so (an alarm), the store only counts.
    /// </summary>
    public Eviction EnforceCap(DateTimeOffset now, int retentionDays, long? spare = null)
    {
        lock (_capGate)
        {
            var kept = KeptBytes();
            if (kept <= CapBytes)
                return Eviction.Nothing with { KeptBytes = kept };
            var cutoff = now.AddDays(-retentionDays);
            int removed = 0, inside = 0;
            long freed = 0;
            while (kept > CapBytes)
            {
                var oldest = _db.Query($"SELECT {Columns} FROM pictures WHERE removed_at IS NULL AND id <> @spare ORDER BY taken_at, id LIMIT 16", Read,
                    ("@spare", spare ?? -1L));
                if (oldest.Count == 0)
                    break;
                foreach (var p in oldest)
                {
                    if (kept <= CapBytes)
                        break;
                    Remove(p, StoredPicture.BySizeCap, now);
                    kept -= p.Bytes;
                    freed += p.Bytes;
                    removed++;
                    if (p.TakenAt >= cutoff)
                        inside++;
                }
            }
            return new Eviction(removed, inside, freed, kept);
        }
    }

    private void Remove(StoredPicture p, string why, DateTimeOffset at)
    {
        var path = Path.GetFullPath(Path.Combine(Folder, p.File));
        if (path.StartsWith(Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            File.Delete(path); // no error if already gone
        _db.Execute("UPDATE pictures SET removed_at = @at, removed_why = @why WHERE id = @id AND removed_at IS NULL",
            ("@at", ConsoleDb.Iso(at)), ("@why", why), ("@id", p.Id));
    }

    private static StoredPicture Read(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), ConsoleDb.MaybeText(r, 3), r.IsDBNull(4) ? null : r.GetInt64(4), ConsoleDb.Time(r, 5),
        r.GetString(6), r.GetInt64(7), ConsoleDb.MaybeTime(r, 8), ConsoleDb.MaybeText(r, 9));
}
