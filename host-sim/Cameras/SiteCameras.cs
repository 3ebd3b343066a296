using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.Core.Call;
using Kiosk.Core.Config;
using Kiosk.DutyRoom.Data.Cameras;
using Kiosk.HostSim.Site;

namespace Kiosk.HostSim.Cameras;

/// <summary>
/// The site's cameras: one per entrance, the kinds taking turns (main gate Hikvision, side gate Dahua,
/// building 1 ONVIF, building 2 a plain URL, then again), each showing a visitor while a call rings or
/// is answered at its board; and their registration in the console, as an installer would enter them.
/// </summary>
public static class SiteCameras
{
    private static readonly string[] Kinds = [CameraKind.Hikvision, CameraKind.Dahua, CameraKind.Onvif, CameraKind.Url];

    public static Task<CameraServer> StartAsync(SimulatedSite site, SiteOptions options, IReadOnlyList<ControllerConfig> configs)
    {
        var auth = options.CameraAuth switch
        {
            "basic" => CameraAuthOptions.Digest() with { Scheme = "basic" },
            "none" => CameraAuthOptions.Digest() with { Scheme = "none" },
            _ => CameraAuthOptions.Digest(),
        };
        var cameras = configs.Select((c, i) => new SimulatedCamera(c.DeviceId, string.IsNullOrEmpty(c.Name) ? DutyRoomConsole.Title(c.DeviceId) : c.Name,
            KindOf(c.DeviceId, i), () => site.Board(c.DeviceId)?.Controller.Call.State is CallState.Calling or CallState.Ringing or CallState.Connected));
        return CameraServer.StartAsync(cameras, auth, SiteZone());
    }

    /// <summary>The shipped site's four entrances get one kind each; copies (--boards N) take turns.</summary>
    private static string KindOf(string device, int index) => device switch
    {
        "main-gate" => CameraKind.Hikvision,
        "side-gate" => CameraKind.Dahua,
        "building-1" => CameraKind.Onvif,
        "building-2" => CameraKind.Url,
        _ => Kinds[index % Kinds.Length],
    };

    /// <summary>Enters every simulated camera in the console's registry (kind, address, authentication, user, password).</summary>
    public static void Register(CameraServer server, CameraRegistry registry)
    {
        foreach (var camera in server.Cameras)
            registry.Set(camera.Device, camera.Kind, server.AddressOf(camera.Device), server.Auth.Scheme,
                server.Auth.Scheme == CameraAuth.None ? null : server.Auth.Username, server.Auth.Scheme == CameraAuth.None ? null : server.Auth.Password,
                "host-sim", DateTimeOffset.UtcNow);
    }

    private static TimeZoneInfo SiteZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(Kiosk.DutyRoom.Localization.SiteTime.DefaultZone);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
