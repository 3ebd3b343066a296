using System;

namespace Kiosk.DutyRoom.Data;

/// <summary>One event as the duty room keeps it (docs/protocol.md, events).</summary>
public sealed record ArchivedEvent(
    string Site,
    string Device,
    long Boot,
    long Seq,
    DateTimeOffset Time,
    bool TimeSynced,
    string Type,
    int Code,
    string? Name,
    string Source,
    string Detail,
    DateTimeOffset ReceivedAt);
