using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.DataProtection;

namespace Kiosk.DutyRoom.Data.Cameras;

/// <summary>
/// One optional camera per registered entrance. The camera's password is stored the way command keys
/// are (<see cref="DeviceRegistry"/>: ASP.NET Core Data Protection with the key ring outside the
/// database), under its own purpose, so a copy of the database alone does not open the cameras.
/// </summary>
public sealed class CameraRegistry(ConsoleDb db, IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Kiosk.DutyRoom.CameraSecrets.v1");

    /// <summary>
    /// Adds or replaces an entrance's camera; every problem is named. A null <paramref name="password"/>
    /// keeps the one stored (an edit that does not retype it); an empty one removes it.
    /// </summary>
    public void Set(string device, string kind, string address, string auth, string? username, string? password, string by, DateTimeOffset now)
    {
        var problems = new List<Problem>();
        if (db.Scalar("SELECT COUNT(*) FROM devices WHERE device = @device", ("@device", device)) != 1)
            problems.Add(new("camera-device", $"entrance '{device}': not registered", device));
        if (!CameraKind.All.Contains(kind))
            problems.Add(new("camera-kind", $"camera kind '{kind}': one of {string.Join(", ", CameraKind.All)}", kind));
        if (!Uri.TryCreate((address ?? "").Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.UserInfo))
            problems.Add(new("camera-address", "camera address: an http:// or https:// URL, without a user name in it"));
        if (!CameraAuth.All.Contains(auth))
            problems.Add(new("camera-auth", $"camera authentication '{auth}': one of {string.Join(", ", CameraAuth.All)}", auth));
        else if (auth != CameraAuth.None && string.IsNullOrWhiteSpace(username))
            problems.Add(new("camera-username", "camera user name: required with digest or basic authentication"));
        if (problems.Count > 0)
            throw new InputRefusedException(problems);
        var secret = password is null ? StoredSecret(device) : password.Length == 0 ? null : _protector.Protect(password);
        db.Execute("""
            INSERT INTO cameras (device, kind, address, auth, username, secret_protected, changed_by, changed_at)
            VALUES (@device, @kind, @address, @auth, @user, @secret, @by, @at)
            ON CONFLICT (device) DO UPDATE SET kind = @kind, address = @address, auth = @auth, username = @user,
                secret_protected = @secret, changed_by = @by, changed_at = @at
            """, ("@device", device), ("@kind", kind), ("@address", uri!.ToString().TrimEnd('/')), ("@auth", auth),
            ("@user", auth == CameraAuth.None ? null : username!.Trim()), ("@secret", auth == CameraAuth.None ? null : secret), ("@by", by), ("@at", ConsoleDb.Iso(now)));
    }

    public bool Remove(string device) => db.Execute("DELETE FROM cameras WHERE device = @device", ("@device", device)) == 1;

    public CameraSetting? Get(string device) =>
        db.Query($"SELECT {Columns} FROM cameras WHERE device = @device", Read, ("@device", device)) is [var c] ? c : null;

    public IReadOnlyList<CameraSetting> All() => db.Query($"SELECT {Columns} FROM cameras ORDER BY device", Read);

    /// <summary>The camera's password, decrypted for one request; null if none is stored.</summary>
    public string? SecretOf(string device) => StoredSecret(device) is { } s ? _protector.Unprotect(s) : null;

    private string? StoredSecret(string device) =>
        db.Query("SELECT secret_protected FROM cameras WHERE device = @device", r => ConsoleDb.MaybeText(r, 0), ("@device", device)) is [var s] ? s : null;

    private const string Columns = "device, kind, address, auth, username, secret_protected IS NOT NULL, changed_by, changed_at";

    private static CameraSetting Read(System.Data.Common.DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), ConsoleDb.MaybeText(r, 4), Convert.ToBoolean(r.GetValue(5), System.Globalization.CultureInfo.InvariantCulture),
        r.GetString(6), ConsoleDb.Time(r, 7));
}
