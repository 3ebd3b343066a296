using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data.Cameras;

namespace Kiosk.DutyRoom.Cameras;

/// <summary>
/// Gets one still picture from an entrance's camera within a short budget (1.5 s by default: a ring
/// banner refreshes every 1.5 s, so an answer later than that is of no use), no larger than a limit,
/// and only if it is a JPEG. Never throws for what a camera does: a slow, unreachable or garbled camera
/// is a <see cref="Snapshot"/> that says why. Nothing on the ring or door path waits for it.
/// <para>Authentication is .NET's own: SocketsHttpHandler answers a digest challenge (RFC 7616: MD5 and
/// SHA-256, qop=auth) or sends basic, on Linux as on Windows, for the one scheme the camera is registered
/// with (a camera registered for digest never gets the password in basic, whatever it asks).</para>
/// </summary>
public sealed class SnapshotFetcher(CameraRegistry cameras, ConsoleOptions options, ConsoleClock clock) : IDisposable
{
    private readonly ConcurrentDictionary<string, CameraClient> _clients = new(StringComparer.Ordinal);

    public TimeSpan Budget => TimeSpan.FromMilliseconds(options.CameraTimeoutMilliseconds);

    public async Task<Snapshot> FetchAsync(string device, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var camera = cameras.Get(device);
        if (camera is null)
            return Snapshot.Failed("no camera registered", clock.Now, TimeSpan.Zero) with { NoCamera = true };
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(Budget);
        var client = ClientFor(camera);
        try
        {
            var url = camera.Kind == CameraKind.Onvif
                ? client.OnvifSnapshot ??= await OnvifSnapshotUri.ResolveAsync(client.Http, new Uri(camera.Address), camera.Username, client.Password, budget.Token)
                : SnapshotAddress.For(camera);
            using var response = await client.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, budget.Token);
            if (!response.IsSuccessStatusCode)
                return Fail($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}" + (response.StatusCode == HttpStatusCode.Unauthorized ? " (user name or password refused)" : ""));
            if (response.Content.Headers.ContentLength > options.CameraMaxBytes)
                return Fail($"picture of {response.Content.Headers.ContentLength} bytes, over the limit of {options.CameraMaxBytes}");
            await using var stream = await response.Content.ReadAsStreamAsync(budget.Token);
            var bytes = await ReadLimitedAsync(stream, options.CameraMaxBytes, budget.Token);
            if (bytes is null)
                return Fail($"picture over the limit of {options.CameraMaxBytes} bytes");
            if (Jpeg.Problem(bytes) is { } garbage)
                return Fail(garbage + $" (content type {response.Content.Headers.ContentType?.MediaType ?? "none"})");
            return Snapshot.Of(bytes, clock.Now, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            client.OnvifSnapshot = null;
            return Fail($"no picture within {Budget.TotalMilliseconds:0} ms");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException or System.Xml.XmlException or UriFormatException
            or ObjectDisposedException) // the setting changed mid-request: its old client was closed
        {
            client.OnvifSnapshot = null; // the camera may have moved: ask again next time
            return Fail(e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message);
        }

        Snapshot Fail(string why) => Snapshot.Failed(why, clock.Now, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null if the stream has more.</summary>
    public static async Task<byte[]?> ReadLimitedAsync(Stream stream, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>One client per camera setting (a changed setting gets a new one): connections are reused between refreshes.</summary>
    private CameraClient ClientFor(CameraSetting camera)
    {
        var version = $"{camera.Kind}|{camera.Address}|{camera.Auth}|{camera.Username}|{camera.ChangedAt.UtcTicks}";
        if (_clients.TryGetValue(camera.Device, out var known) && known.Version == version)
            return known;
        lock (_clients)
            return NewClient(camera, version);
    }

    private CameraClient NewClient(CameraSetting camera, string version)
    {
        if (_clients.TryGetValue(camera.Device, out var known) && known.Version == version)
            return known; // another refresh made it meanwhile
        var password = camera.Auth == CameraAuth.None ? null : cameras.SecretOf(camera.Device);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = Budget,
            AllowAutoRedirect = false,
            UseProxy = false, // cameras sit on the estate's own network
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            PreAuthenticate = camera.Auth == CameraAuth.Basic,
            Credentials = camera.Auth == CameraAuth.None ? null
                : new OneScheme(camera.Auth == CameraAuth.Digest ? "Digest" : "Basic", new Uri(camera.Address).Host, new NetworkCredential(camera.Username, password)),
        };
        var fresh = new CameraClient(version, new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, password);
        _clients[camera.Device] = fresh;
        if (known is not null)
            known.Http.Dispose();
        return fresh;
    }

    public void Dispose()
    {
        foreach (var c in _clients.Values)
            c.Http.Dispose();
    }

    private sealed class CameraClient(string version, HttpClient http, string? password)
    {
        public string Version { get; } = version;
        public HttpClient Http { get; } = http;
        public string? Password { get; } = password;
        public Uri? OnvifSnapshot { get; set; }
    }

    /// <summary>
    /// The camera's credential for its registered scheme only (no downgrade from digest to basic), and
    /// only to the camera's own host: an ONVIF reply naming a snapshot URI elsewhere gets no password.
    /// </summary>
    private sealed class OneScheme(string scheme, string host, NetworkCredential credential) : ICredentials
    {
        public NetworkCredential? GetCredential(Uri uri, string authType) =>
            string.Equals(authType, scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(uri.Host, host, StringComparison.OrdinalIgnoreCase) ? credential : null;
    }
}
