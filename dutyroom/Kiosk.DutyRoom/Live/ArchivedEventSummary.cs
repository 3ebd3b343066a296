namespace Kiosk.DutyRoom.Live;

/// <summary>An entrance's last event as it came (type, name, source, detail); the overview puts it into words.</summary>
public sealed record ArchivedEventSummary(string Type, string? Name, string Source, string Detail);
