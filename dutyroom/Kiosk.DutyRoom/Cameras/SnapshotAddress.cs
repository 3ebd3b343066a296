using System;
using Kiosk.DutyRoom.Data.Cameras;

namespace Kiosk.DutyRoom.Cameras;

/// <summary>Where a camera of each kind serves its still picture, from the address an installer registered.</summary>
public static class SnapshotAddress
{
    /// <summary>Hikvision ISAPI: channel 1, main stream (101); the camera encodes a JPEG of the current frame.</summary>
    public const string HikvisionPath = "/ISAPI/Streaming/channels/101/picture";

    /// <summary>Dahua CGI: channel 1 (the camera's first channel; a recorder's others are ?channel=N in a URL camera).</summary>
    public const string DahuaPath = "/cgi-bin/snapshot.cgi";

    /// <summary>The picture's URL for a kind that has a fixed one; ONVIF asks the camera (<see cref="OnvifSnapshotUri"/>).</summary>
    public static Uri For(CameraSetting camera) => camera.Kind switch
    {
        CameraKind.Hikvision => new Uri(camera.Address.TrimEnd('/') + HikvisionPath),
        CameraKind.Dahua => new Uri(camera.Address.TrimEnd('/') + DahuaPath),
        CameraKind.Url => new Uri(camera.Address),
        _ => throw new ArgumentException($"camera kind '{camera.Kind}' has no fixed snapshot address"),
    };
}
