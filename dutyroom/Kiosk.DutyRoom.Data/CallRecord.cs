using System;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// The whole story of one visitor call: pressed, rang, answered by, the visitor, the decision and
/// the unlock's result, the door opening and closing, the end; and for a missed call, who dealt with it.
/// </summary>
public sealed record CallRecord(
    string Site,
    string Device,
    string CallId,
    string State,
    DateTimeOffset PressedAt,
    DateTimeOffset? RangAt,
    string? AnsweredBy,
    DateTimeOffset? AnsweredAt,
    Visitor Visitor,
    string? Decision,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? UnlockResult,
    DateTimeOffset? DoorOpenedAt,
    DateTimeOffset? DoorClosedAt,
    DateTimeOffset? EndedAt,
    string? DealtBy,
    DateTimeOffset? DealtAt)
{
    /// <summary>Still going on at the entrance: calling, ringing or connected.</summary>
    public bool IsLive => State is "calling" or "ringing" or "connected";

    public bool IsMissed => State == "missed";
}

/// <summary>Who the operator registered at the gate. Free text: a courier has no unit.</summary>
public sealed record Visitor(string? Name, string? Unit, string? Phone, string? Reason)
{
    public static readonly Visitor None = new(null, null, null, null);

    public bool IsEmpty => Name is null && Unit is null && Phone is null && Reason is null;
}
