using System;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// One alarm as the duty room handles it. <see cref="Origin"/> is "device" for alarms the entrance
/// latches (cleared only when the device resets them after an acknowledge command) or "console" for
/// what the console itself sees (device offline, refused commands), cleared by acknowledging.
/// </summary>
public sealed record AlarmRecord(
    long Id,
    string Site,
    string Device,
    string Kind,
    string Name,
    string Origin,
    string Detail,
    DateTimeOffset RaisedAt,
    DateTimeOffset? RestoredAt,
    string? AckedBy,
    DateTimeOffset? AckedAt,
    string? AckNote,
    string? AckResult,
    DateTimeOffset? ClearedAt)
{
    public const string FromDevice = "device";
    public const string FromConsole = "console";

    public bool IsOpen => ClearedAt is null;

    /// <summary>Acknowledged and the device confirmed: nothing left to do.</summary>
    public bool IsAcknowledged => AckedAt is not null;
}
