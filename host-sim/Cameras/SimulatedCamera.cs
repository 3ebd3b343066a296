using System;
using System.Threading;

namespace Kiosk.HostSim.Cameras;

/// <summary>What a simulated camera does when asked for a picture: the faults a duty room meets at real gates.</summary>
public enum CameraBehaviour
{
    /// <summary>A fresh JPEG at once.</summary>
    Working,

    /// <summary>Answers only after <see cref="SimulatedCamera.SlowBy"/> (a camera on a congested link, or busy encoding).</summary>
    Slow,

    /// <summary>Answers 200 with something that is not a JPEG (a login page, as misconfigured cameras do).</summary>
    Garbage,
}

/// <summary>
/// The simulated twin of an entrance's IP camera: one per entrance, of one kind (Hikvision ISAPI, Dahua
/// CGI, ONVIF or a plain URL), served by <see cref="CameraServer"/>. It shows whether a visitor is at
/// the board by asking the site (a call ringing or answered there), never knowing who looks.
/// </summary>
public sealed class SimulatedCamera(string device, string entrance, string kind, Func<bool> visitorPresent)
{
    private int _served;

    public string Device { get; } = device;
    /// <summary>The name drawn on the frame (as the camera's on-screen display is set up at the gate).</summary>
    public string Entrance { get; set; } = entrance;

    /// <summary>hikvision, dahua, onvif or url: the console's camera kinds.</summary>
    public string Kind { get; } = kind;

    public CameraBehaviour Behaviour { get; set; } = CameraBehaviour.Working;
    public TimeSpan SlowBy { get; set; } = TimeSpan.FromSeconds(5);

    public bool VisitorPresent => visitorPresent();

    /// <summary>Pictures served (refused requests do not count).</summary>
    public int Served => Volatile.Read(ref _served);

    internal void CountServed() => Interlocked.Increment(ref _served);
}
