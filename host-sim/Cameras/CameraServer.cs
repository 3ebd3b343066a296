using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiosk.HostSim.Cameras;

/// <summary>How the simulated cameras check who asks: digest (with these algorithms), basic or none.</summary>
public sealed record CameraAuthOptions(string Scheme, string Username, string Password, IReadOnlyList<string> DigestAlgorithms)
{
    public static readonly string[] BothAlgorithms = ["SHA-256", "MD5"];

    /// <summary>A fresh password per run: a simulated site has no default password either.</summary>
    public static CameraAuthOptions Digest(params string[] algorithms) =>
        new("digest", "admin", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), algorithms.Length == 0 ? BothAlgorithms : algorithms);
}

/// <summary>
/// The simulated cameras on one Kestrel listener on loopback, each under its own path and speaking its
/// kind's protocol: Hikvision <c>/ISAPI/Streaming/channels/101/picture</c>, Dahua
/// <c>/cgi-bin/snapshot.cgi</c>, ONVIF's device and media services (GetCapabilities, GetProfiles,
/// GetSnapshotUri, SOAP 1.2) and a plain <c>/snapshot.jpg</c>. Every request is authenticated as
/// configured (HTTP digest by default); ONVIF requests' WS-Security UsernameToken is checked when sent.
/// </summary>
public sealed class CameraServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, SimulatedCamera> _cameras;
    private readonly TimeZoneInfo _zone;

    private CameraServer(WebApplication app, IEnumerable<SimulatedCamera> cameras, CameraAuthOptions auth, TimeZoneInfo zone)
    {
        _app = app;
        _cameras = cameras.ToDictionary(c => c.Device, StringComparer.Ordinal);
        _zone = zone;
        Auth = auth;
        Digest = auth.Scheme == "digest" ? new DigestResponder("kiosk-sim-camera", auth.Username, auth.Password, auth.DigestAlgorithms) : null;
    }

    public CameraAuthOptions Auth { get; }
    public DigestResponder? Digest { get; }
    public string BaseUrl { get; private set; } = "";
    public IReadOnlyCollection<SimulatedCamera> Cameras => _cameras.Values;

    public SimulatedCamera? Camera(string device) => _cameras.GetValueOrDefault(device);

    /// <summary>What an installer registers in the console for this camera (its kind's address form).</summary>
    public string AddressOf(string device) => _cameras[device].Kind switch
    {
        "onvif" => $"{BaseUrl}/{device}/onvif/device_service",
        "url" => $"{BaseUrl}/{device}/snapshot.jpg",
        _ => $"{BaseUrl}/{device}",
    };

    public static async Task<CameraServer> StartAsync(IEnumerable<SimulatedCamera> cameras, CameraAuthOptions auth, TimeZoneInfo zone, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new CameraServer(app, cameras, auth, zone);
        app.Map("/{device}/{**rest}", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/');
        return server;
    }

    private async Task HandleAsync(HttpContext http, string device, string? rest)
    {
        if (Camera(device) is not { } camera)
        {
            http.Response.StatusCode = 404;
            return;
        }
        if (!Authorised(http.Request))
        {
            http.Response.StatusCode = 401;
            if (Digest is not null)
                foreach (var challenge in Digest.Challenges())
                    http.Response.Headers.Append("WWW-Authenticate", challenge);
            else if (Auth.Scheme == "basic")
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"kiosk-sim-camera\"";
            return;
        }
        var path = rest ?? "";
        switch (camera.Kind, path, http.Request.Method)
        {
            case ("hikvision", "ISAPI/Streaming/channels/101/picture", "GET"):
            case ("dahua", "cgi-bin/snapshot.cgi", "GET"):
            case ("url" or "onvif", "snapshot.jpg", "GET"):
                await PictureAsync(http, camera);
                return;
            case ("onvif", "onvif/device_service" or "onvif/media_service", "POST"):
                await OnvifAsync(http, camera, path);
                return;
            default:
                http.Response.StatusCode = 404;
                return;
        }
    }

    private async Task PictureAsync(HttpContext http, SimulatedCamera camera)
    {
        if (camera.Behaviour == CameraBehaviour.Slow)
            await Task.Delay(camera.SlowBy, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        if (http.RequestAborted.IsCancellationRequested)
            return;
        if (camera.Behaviour == CameraBehaviour.Garbage)
        {
            // A camera whose web server answers with its login page, and says it is a picture.
            http.Response.ContentType = "image/jpeg";
            await http.Response.WriteAsync("<html><body>Please log in</body></html>");
            return;
        }
        var jpeg = CameraFrame.Render(camera.Entrance, DateTimeOffset.UtcNow, _zone, camera.VisitorPresent);
        camera.CountServed();
        http.Response.ContentType = "image/jpeg";
        http.Response.ContentLength = jpeg.Length;
        await http.Response.Body.WriteAsync(jpeg);
    }

    private async Task OnvifAsync(HttpContext http, SimulatedCamera camera, string service)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        XDocument request;
        try
        {
            request = XDocument.Parse(body);
        }
        catch (System.Xml.XmlException)
        {
            http.Response.StatusCode = 400;
            return;
        }
        if (!UsernameTokenValid(request))
        {
            await SoapAsync(http, 400, "<s:Fault><s:Code><s:Value>s:Sender</s:Value></s:Code><s:Reason><s:Text xml:lang=\"en\">NotAuthorized</s:Text></s:Reason></s:Fault>");
            return;
        }
        var operation = request.Descendants().FirstOrDefault(e => e.Parent?.Name.LocalName == "Body")?.Name.LocalName;
        var media = $"{BaseUrl}/{camera.Device}/onvif/media_service";
        switch (service, operation)
        {
            case ("onvif/device_service", "GetCapabilities"):
                await SoapAsync(http, 200, $"<tds:GetCapabilitiesResponse xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\"><tds:Capabilities><tt:Media><tt:XAddr>{media}</tt:XAddr></tt:Media></tds:Capabilities></tds:GetCapabilitiesResponse>");
                return;
            case ("onvif/media_service", "GetProfiles"):
                await SoapAsync(http, 200, "<trt:GetProfilesResponse xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\"><trt:Profiles token=\"Profile_1\" fixed=\"true\"><tt:Name>mainStream</tt:Name></trt:Profiles></trt:GetProfilesResponse>");
                return;
            case ("onvif/media_service", "GetSnapshotUri"):
                await SoapAsync(http, 200, $"<trt:GetSnapshotUriResponse xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\"><trt:MediaUri><tt:Uri>{BaseUrl}/{camera.Device}/snapshot.jpg</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetSnapshotUriResponse>");
                return;
            default:
                await SoapAsync(http, 400, "<s:Fault><s:Code><s:Value>s:Sender</s:Value></s:Code><s:Reason><s:Text xml:lang=\"en\">ActionNotSupported</s:Text></s:Reason></s:Fault>");
                return;
        }
    }

    private static Task SoapAsync(HttpContext http, int status, string body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/soap+xml; charset=utf-8";
        return http.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>{body}</s:Body></s:Envelope>");
    }

    /// <summary>A UsernameToken, when sent, must carry this camera's user and a right password digest; none sent is fine (HTTP auth already passed).</summary>
    private bool UsernameTokenValid(XDocument request)
    {
        var token = request.Descendants().FirstOrDefault(e => e.Name.LocalName == "UsernameToken");
        if (token is null)
            return true;
        string? Part(string name) => token.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        try
        {
            var nonce = Convert.FromBase64String(Part("Nonce") ?? "");
            var digest = SHA1.HashData([.. nonce, .. Encoding.UTF8.GetBytes(Part("Created") ?? ""), .. Encoding.UTF8.GetBytes(Auth.Password)]);
            return Part("Username") == Auth.Username && Convert.ToBase64String(digest) == Part("Password");
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private bool Authorised(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return Auth.Scheme switch
        {
            "none" => true,
            "basic" => header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                && TryBase64(header[6..].Trim()) == $"{Auth.Username}:{Auth.Password}",
            _ => Digest!.Check(header, request.Method, request.Path + request.QueryString),
        };
    }

    private static string? TryBase64(string s)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(s));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
