using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// The entrances the console may command, each with its command key. Keys are stored encrypted
/// (ASP.NET Core Data Protection, AES-256-CBC + HMAC with a key ring kept outside the database),
/// so a copy of the database or a PostgreSQL server alone cannot sign commands.
/// </summary>
public sealed partial class DeviceRegistry(ConsoleDb db, IDataProtectionProvider protection)
{
    public const int KeyBytes = 32;
    private readonly IDataProtector _protector = protection.CreateProtector("Kiosk.DutyRoom.DeviceKeys.v1");

    /// <summary>Adds or replaces an entrance (a re-provisioned board gets a new key); every problem is named.</summary>
    public void Add(string site, string device, string label, string keyHex, string by, DateTimeOffset now)
    {
        var problems = new List<Problem>();
        if (!IdPattern().IsMatch(site ?? ""))
            problems.Add(new("site", "site: 1 to 32 of a-z 0-9 - _"));
        if (!IdPattern().IsMatch(device ?? ""))
            problems.Add(new("device-id", "device id: 1 to 32 of a-z 0-9 - _"));
        byte[]? key = null;
        try
        {
            key = Convert.FromHexString((keyHex ?? "").Trim());
        }
        catch (FormatException)
        {
        }
        if (key is null || key.Length != KeyBytes)
            problems.Add(new("command-key", $"command key: {KeyBytes * 2} hex digits (from `kiosk-provision export`)", KeyBytes * 2));
        if (problems.Count > 0)
            throw new InputRefusedException(problems);
        var name = string.IsNullOrWhiteSpace(label) ? device! : label.Trim();
        db.Execute("""
            INSERT INTO devices (site, device, label, key_protected, added_by, added_at) VALUES (@site, @device, @label, @key, @by, @at)
            ON CONFLICT (device) DO UPDATE SET site = @site, label = @label, key_protected = @key, added_by = @by, added_at = @at
            """, ("@site", site), ("@device", device), ("@label", name), ("@key", _protector.Protect(Convert.ToBase64String(key!))),
            ("@by", by), ("@at", ConsoleDb.Iso(now)));
        CryptographicOperations.ZeroMemory(key!);
    }

    public bool Remove(string device) => db.Execute("DELETE FROM devices WHERE device = @device", ("@device", device)) == 1;

    /// <summary>The command key, decrypted for one signing; null for an unknown device.</summary>
    public byte[]? KeyOf(string device)
    {
        var rows = db.Query("SELECT key_protected FROM devices WHERE device = @device", r => r.GetString(0), ("@device", device));
        return rows.Count == 1 ? Convert.FromBase64String(_protector.Unprotect(rows[0])) : null;
    }

    public string? SiteOf(string device) =>
        db.Query("SELECT site FROM devices WHERE device = @device", r => r.GetString(0), ("@device", device)) is [var site] ? site : null;

    public bool Contains(string device) => db.Scalar("SELECT COUNT(*) FROM devices WHERE device = @device", ("@device", device)) == 1;

    public IReadOnlyList<RegisteredDevice> All(EventArchive archive)
    {
        var statuses = archive.Statuses().ToDictionary(s => s.Device, StringComparer.Ordinal);
        return db.Query("SELECT site, device, label, added_by, added_at FROM devices ORDER BY label, device",
            r => new RegisteredDevice(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), ConsoleDb.Time(r, 4),
                statuses.GetValueOrDefault(r.GetString(1))));
    }

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex IdPattern();
}
