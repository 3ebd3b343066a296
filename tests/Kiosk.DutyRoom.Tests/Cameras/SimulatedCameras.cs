using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Cameras;
using Kiosk.DutyRoom.Data.Cameras;
using Kiosk.DutyRoom.Tests.Support;
using Kiosk.HostSim.Cameras;

namespace Kiosk.DutyRoom.Tests.Cameras;

/// <summary>
/// host-sim's simulated cameras on a real Kestrel listener (loopback, a free port) and the console's
/// stores on a fresh SQLite file, with one registered entrance per camera: what the camera tests talk to.
/// </summary>
public sealed class SimulatedCameras : IAsyncDisposable
{
    private SimulatedCameras(TestStores stores, CameraServer server, ConsoleOptions options)
    {
        Stores = stores;
        Server = server;
        Options = options;
        Registry = new CameraRegistry(stores.Db, stores.Protection);
        Fetcher = new SnapshotFetcher(Registry, options, new ConsoleClock());
    }

    public TestStores Stores { get; }
    public CameraServer Server { get; }
    public ConsoleOptions Options { get; }
    public CameraRegistry Registry { get; }
    public SnapshotFetcher Fetcher { get; }
    public bool Visitor { get; set; }

    /// <summary>Cameras "cam-hikvision", "cam-dahua", "cam-onvif", "cam-url", each registered as the server authenticates.</summary>
    public static async Task<SimulatedCameras> StartAsync(CameraAuthOptions auth, Action<ConsoleOptions>? configure = null)
    {
        var options = new ConsoleOptions();
        configure?.Invoke(options);
        var stores = TestStores.Sqlite();
        SimulatedCameras? self = null;
        var cameras = CameraKind.All.Select(kind => new SimulatedCamera("cam-" + kind, "东门岗亭 " + kind, kind, () => self?.Visitor ?? false)).ToList();
        var server = await CameraServer.StartAsync(cameras, auth, TimeZoneInfo.Utc);
        self = new SimulatedCameras(stores, server, options);
        foreach (var camera in cameras)
        {
            stores.Stores.Devices.Add("maple-court", camera.Device, camera.Entrance, new string('a', 64), "test", DateTimeOffset.UtcNow);
            self.Register(camera.Device, auth.Scheme, auth.Password);
        }
        return self;
    }

    /// <summary>Registers (again) a camera as an installer would, with this scheme and password.</summary>
    public void Register(string device, string scheme, string? password, string? address = null) =>
        Registry.Set(device, Server.Camera(device)?.Kind ?? CameraKind.Url, address ?? Server.AddressOf(device), scheme,
            scheme == CameraAuth.None ? null : Server.Auth.Username, password, "test", DateTimeOffset.UtcNow);

    public async ValueTask DisposeAsync()
    {
        Fetcher.Dispose();
        await Server.DisposeAsync();
        Stores.Dispose();
    }
}
