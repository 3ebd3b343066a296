using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Cameras;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Data.Cameras;
using Kiosk.HostSim.Cameras;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Cameras;

/// <summary>
/// The console asks host-sim's simulated cameras for pictures over real HTTP: .NET's own handler
/// answers digest challenges (SHA-256 and MD5, qop=auth) and basic; each kind's protocol is spoken;
/// what is slow, unreachable, garbled or too large is refused with the reason and nothing thrown.
/// </summary>
public sealed class SnapshotFetcherTests
{
    private static void AssertJpeg(Snapshot s)
    {
        Assert.True(s.Ok, s.Problem);
        Assert.Null(Jpeg.Problem(s.Jpeg));
        Assert.True(s.Jpeg!.Length > 1000);
    }

    [Fact]
    public async Task A_camera_demanding_digest_gets_its_sha256_answer_from_the_platform_handler()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest("SHA-256", "MD5"));
        AssertJpeg(await cams.Fetcher.FetchAsync("cam-hikvision"));
        AssertJpeg(await cams.Fetcher.FetchAsync("cam-hikvision")); // the next refresh: a new challenge, answered again
        // RFC 7616: offered SHA-256 first, the client chose it; no MD5 was needed.
        Assert.Equal(2, cams.Server.Digest!.Accepted.GetValueOrDefault("SHA-256"));
        Assert.Equal(0, cams.Server.Digest.Accepted.GetValueOrDefault("MD5"));
    }

    [Fact]
    public async Task A_camera_offering_only_md5_digest_is_answered_in_md5()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest("MD5"));
        AssertJpeg(await cams.Fetcher.FetchAsync("cam-dahua"));
        Assert.Equal(1, cams.Server.Digest!.Accepted.GetValueOrDefault("MD5"));
    }

    [Fact]
    public async Task A_wrong_camera_password_is_refused_and_said()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest());
        cams.Register("cam-hikvision", CameraAuth.Digest, "not-the-password");
        var s = await cams.Fetcher.FetchAsync("cam-hikvision");
        Assert.False(s.Ok);
        Assert.Contains("HTTP 401", s.Problem, StringComparison.Ordinal);
        Assert.Equal(0, cams.Server.Camera("cam-hikvision")!.Served);
    }

    [Fact]
    public async Task Basic_auth_is_sent_to_a_camera_registered_for_it()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest() with { Scheme = "basic" });
        AssertJpeg(await cams.Fetcher.FetchAsync("cam-url"));
    }

    [Fact]
    public async Task A_camera_registered_for_digest_never_gets_the_password_in_basic()
    {
        // The camera (or someone in the middle) asks for basic: the console does not downgrade.
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest() with { Scheme = "basic" });
        cams.Register("cam-url", CameraAuth.Digest, cams.Server.Auth.Password);
        var s = await cams.Fetcher.FetchAsync("cam-url");
        Assert.Contains("HTTP 401", s.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cam-hikvision")]
    [InlineData("cam-dahua")]
    [InlineData("cam-onvif")]
    [InlineData("cam-url")]
    public async Task Every_kind_gives_its_picture_behind_digest(string device)
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest());
        cams.Visitor = true;
        AssertJpeg(await cams.Fetcher.FetchAsync(device));
        Assert.Equal(1, cams.Server.Camera(device)!.Served);
    }

    [Fact]
    public async Task Onvif_with_a_wrong_password_fails_at_the_soap_step_and_says_so()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest() with { Scheme = "none" });
        // HTTP lets anyone in; the WS-Security UsernameToken carries the wrong password digest.
        cams.Registry.Set("cam-onvif", CameraKind.Onvif, cams.Server.AddressOf("cam-onvif"), CameraAuth.Digest, "admin", "wrong", "test", DateTimeOffset.UtcNow);
        var s = await cams.Fetcher.FetchAsync("cam-onvif");
        Assert.Contains("ONVIF GetCapabilities: HTTP 400", s.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_onvif_reply_naming_another_host_gets_no_password()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest());
        // Registered as "localhost"; the camera's replies name 127.0.0.1: to the console, another host.
        cams.Register("cam-onvif", CameraAuth.Digest, cams.Server.Auth.Password, cams.Server.AddressOf("cam-onvif").Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        var s = await cams.Fetcher.FetchAsync("cam-onvif");
        Assert.Contains("ONVIF GetProfiles: HTTP 401", s.Problem, StringComparison.Ordinal); // GetCapabilities (localhost) passed; the media service elsewhere got no credential
        cams.Register("cam-onvif", CameraAuth.Digest, cams.Server.Auth.Password);
        AssertJpeg(await cams.Fetcher.FetchAsync("cam-onvif"));
    }

    [Fact]
    public async Task A_camera_answering_a_login_page_is_refused_as_not_a_jpeg()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest());
        cams.Server.Camera("cam-dahua")!.Behaviour = CameraBehaviour.Garbage;
        var s = await cams.Fetcher.FetchAsync("cam-dahua");
        Assert.Null(s.Jpeg);
        Assert.StartsWith("not a JPEG: starts 3C68746D6C3E", s.Problem, StringComparison.Ordinal); // "<html>"
        Assert.Contains("content type image/jpeg", s.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_camera_is_given_up_after_the_budget()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest(), o => o.CameraTimeoutMilliseconds = 300);
        cams.Server.Camera("cam-hikvision")!.Behaviour = CameraBehaviour.Slow;
        var s = await cams.Fetcher.FetchAsync("cam-hikvision");
        Assert.Equal("no picture within 300 ms", s.Problem);
    }

    [Fact]
    public async Task An_unreachable_camera_is_a_reason_not_an_exception()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest());
        cams.Register("cam-url", CameraAuth.Digest, "x", $"http://127.0.0.1:{ClosedPort()}/snapshot.jpg");
        var s = await cams.Fetcher.FetchAsync("cam-url");
        Assert.False(s.Ok);
        Assert.Contains("refused", s.Problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_picture_over_the_size_limit_is_refused()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest(), o => o.CameraMaxBytes = 2000);
        var s = await cams.Fetcher.FetchAsync("cam-hikvision");
        Assert.Contains("over the limit of 2000", s.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entrance_without_a_camera_is_no_camera_not_a_failure()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest());
        Assert.True(cams.Registry.Remove("cam-url"));
        Assert.True((await cams.Fetcher.FetchAsync("cam-url")).NoCamera);
    }

    [Fact]
    public async Task The_camera_password_is_stored_only_encrypted_and_bad_settings_are_named()
    {
        await using var cams = await SimulatedCameras.StartAsync(CameraAuthOptions.Digest());
        var stored = cams.Stores.Db.Query("SELECT secret_protected FROM cameras WHERE device = 'cam-hikvision'", r => r.GetString(0)).Single();
        Assert.DoesNotContain(cams.Server.Auth.Password, stored, StringComparison.Ordinal);
        Assert.Equal(cams.Server.Auth.Password, cams.Registry.SecretOf("cam-hikvision"));
        // An edit that does not retype the password keeps it.
        cams.Registry.Set("cam-hikvision", CameraKind.Hikvision, cams.Server.AddressOf("cam-hikvision"), CameraAuth.Digest, "admin", null, "test", DateTimeOffset.UtcNow);
        Assert.Equal(cams.Server.Auth.Password, cams.Registry.SecretOf("cam-hikvision"));
        var e = Assert.Throws<InputRefusedException>(() =>
            cams.Registry.Set("nowhere", "axis", "ftp://admin@cam", "ntlm", null, null, "test", DateTimeOffset.UtcNow));
        Assert.Equal(["camera-device", "camera-kind", "camera-address", "camera-auth"], e.Problems.Select(p => p.Code));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: nothing listens there
    }
}
