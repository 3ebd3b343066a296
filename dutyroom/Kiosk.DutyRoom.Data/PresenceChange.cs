using System;

namespace Kiosk.DutyRoom.Data;

/// <summary>A birth (online) or will (offline) that counted, at the time the console received it.</summary>
public sealed record PresenceChange(string Device, bool Online, DateTimeOffset At);
