using System;
using System.Linq;

namespace Kiosk.HostSim.Cameras;

/// <summary>The prompt's "camera BOARD working|slow|garbage": puts a simulated camera into a fault, or back.</summary>
public static class CameraCommand
{
    public static string Run(CameraServer? cameras, string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (cameras is null)
            return "? no simulated cameras (--no-cameras)";
        if (parts.Length != 3 || !Enum.TryParse<CameraBehaviour>(parts[2], ignoreCase: true, out var behaviour) || !Enum.IsDefined(behaviour))
            return "? camera BOARD working|slow|garbage";
        if (cameras.Camera(parts[1]) is not { } camera)
            return $"? no camera at '{parts[1]}' (cameras: {string.Join(", ", cameras.Cameras.Select(c => c.Device))})";
        camera.Behaviour = behaviour;
        return $"camera {camera.Device} ({camera.Kind}): {behaviour.ToString().ToLowerInvariant()}";
    }
}
