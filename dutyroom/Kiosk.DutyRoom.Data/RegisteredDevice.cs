namespace Kiosk.DutyRoom.Data;

/// <summary>An entrance in the console's registry, with what its last birth said it runs.</summary>
public sealed record RegisteredDevice(string Site, string Device, string Label, string AddedBy, System.DateTimeOffset AddedAt, DeviceStatus? Status);
