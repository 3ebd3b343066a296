using System;

namespace Kiosk.DutyRoom.Data.Cameras;

/// <summary>
/// One picture kept as part of a record: which entrance, at which moment of a call (ring, answer,
/// door-open) or of an alarm, when, and how large. <see cref="RemovedAt"/> is set once its file is gone
/// (retention, or evicted at the size cap: <see cref="RemovedWhy"/>); the row stays so the record says so.
/// </summary>
public sealed record StoredPicture(long Id, string Device, string Moment, string? CallId, long? AlarmId, DateTimeOffset TakenAt, string File, long Bytes,
    DateTimeOffset? RemovedAt, string? RemovedWhy)
{
    public const string Ring = "ring";
    public const string Answer = "answer";
    public const string DoorOpen = "door-open";
    public const string Alarm = "alarm";

    public const string ByRetention = "retention";
    public const string BySizeCap = "size-cap";

    public bool IsKept => RemovedAt is null;
}

/// <summary>What one pass of the size cap removed, and how many of those were still inside retention.</summary>
public sealed record Eviction(int Removed, int InsideRetention, long FreedBytes, long KeptBytes)
{
    public static readonly Eviction Nothing = new(0, 0, 0, 0);
}
