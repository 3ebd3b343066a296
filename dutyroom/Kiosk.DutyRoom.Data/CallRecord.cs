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
    DateTimeOffset? DealtAt,
    DateTimeOffset? VisitorErasedAt = null)
{
    /// <summary>Still going on at the entrance: calling, ringing or connected.</summary>
    public bool IsLive => State is "calling" or "ringing" or "connected";

    public bool IsMissed => State == "missed";
}

/// <summary>
/// Who the operator registered at the gate, as a Chinese estate's visitor book has it: name, mainland
/// mobile number, plate, the household visited (building / unit / room), reason, and the ID-card
/// number only masked (<see cref="ResidentId.Mask"/>): the full number is never stored. Checked by
/// <see cref="VisitorRules"/>; every field may be left blank (a courier has no household).
/// </summary>
public sealed record Visitor(string? Name, string? Phone, string? Plate, string? Building, string? Unit, string? Room, string? Reason, string? IdMasked = null)
{
    public static readonly Visitor None = new(null, null, null, null, null, null, null);

    public bool IsEmpty => Name is null && Phone is null && Plate is null && Building is null && Unit is null && Room is null && Reason is null && IdMasked is null;
}
