using System;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// What the duty room believes about a device's connection, from its birth and will messages,
/// with the firmware and config versions its last birth reported.
/// </summary>
public sealed record DeviceStatus(string Site, string Device, bool Online, long Boot, long Connection, DateTimeOffset Since,
    string? Firmware = null, int? ConfigVersion = null);
