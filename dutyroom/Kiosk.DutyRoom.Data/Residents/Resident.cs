using System;
using System.Collections.Generic;

namespace Kiosk.DutyRoom.Data.Residents;

/// <summary>
/// A resident and what their credentials are good for: the dates (UTC instants; until is exclusive),
/// a weekly schedule (1..15, 0 = at any time) and the door groups whose doors they may open.
/// </summary>
public sealed record Resident(long Id, string Building, string Unit, string Room, string Name,
    DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, int Schedule, IReadOnlyList<string> DoorGroups,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// A card or PIN of a resident. <see cref="Card"/> is the card as printed (facility:number or the
/// 34-bit value), null for a PIN, whose digits are kept only encrypted.
/// </summary>
public sealed record Credential(long Id, long ResidentId, string Kind, string? Card, string AddedBy, DateTimeOffset AddedAt,
    string? RevokedBy, DateTimeOffset? RevokedAt)
{
    public bool Live => RevokedAt is null;
}

/// <summary>A resident as typed or imported, before it is checked: every field as text, dates already at the site's instants.</summary>
public sealed record ResidentInput(string Building, string Unit, string Room, string Name, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil,
    string Schedule, IReadOnlyList<string> DoorGroups, string Card, string Pin);

/// <summary>A live credential with what the allow-list needs from its resident.</summary>
public sealed record LiveCredential(long Id, string Kind, string Value, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, int Schedule,
    IReadOnlyList<string> DoorGroups);
