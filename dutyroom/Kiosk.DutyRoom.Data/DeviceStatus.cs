using System;

namespace Kiosk.DutyRoom.Data;

/// <summary>What the duty room believes about a device's connection, from its birth and will messages.</summary>
public sealed record DeviceStatus(string Site, string Device, bool Online, long Boot, long Connection, DateTimeOffset Since);
