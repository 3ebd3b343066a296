using System;

namespace Kiosk.DutyRoom.Data.Cameras;

/// <summary>
/// An entrance's camera as registered: its kind (how the snapshot is asked for), its address, how it
/// authenticates and as whom. The password is not here: <see cref="CameraRegistry.SecretOf"/> decrypts
/// it for one request.
/// </summary>
public sealed record CameraSetting(string Device, string Kind, string Address, string Auth, string? Username, bool HasSecret, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>The camera kinds the console knows how to ask for a still picture.</summary>
public static class CameraKind
{
    /// <summary>Hikvision ISAPI: the address is the camera's base URL; the picture is at /ISAPI/Streaming/channels/101/picture.</summary>
    public const string Hikvision = "hikvision";

    /// <summary>Dahua CGI: the address is the camera's base URL; the picture is at /cgi-bin/snapshot.cgi.</summary>
    public const string Dahua = "dahua";

    /// <summary>ONVIF: the address is the device service (…/onvif/device_service); the snapshot URI is asked of its Media service.</summary>
    public const string Onvif = "onvif";

    /// <summary>Any camera or recorder that serves a JPEG at a fixed URL: the address is that URL.</summary>
    public const string Url = "url";

    public static readonly string[] All = [Hikvision, Dahua, Onvif, Url];
}

/// <summary>How a camera checks who asks: HTTP digest (RFC 7616/2617), basic (RFC 7617), or not at all.</summary>
public static class CameraAuth
{
    public const string Digest = "digest";
    public const string Basic = "basic";
    public const string None = "none";

    public static readonly string[] All = [Digest, Basic, None];
}
