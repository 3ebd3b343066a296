using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.DutyRoom.Tests.Hardening;

/// <summary>
/// The real console on a free loopback port with its own SQLite folder, for HTTP tests of its forms
/// and headers (no entrances: its broker client keeps trying a port nobody listens on, as it would
/// with the broker down). Clients are plain HttpClients with their own cookie jars, like two browsers.
/// </summary>
public sealed partial class BareConsole : IAsyncDisposable
{
    public const string Password = "night-shift-2026";
    private readonly string _data = Directory.CreateTempSubdirectory("kiosk-bare-console-").FullName;
    private WebApplication _app = null!;

    public string Url { get; private set; } = "";
    public Stores Stores => _app.Services.GetRequiredService<Stores>();
    public T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public static async Task<BareConsole> StartAsync(bool withOperators = true, params string[] knownProxies)
    {
        var console = new BareConsole();
        console.Url = "http://127.0.0.1:" + FreePort();
        console._app = ConsoleApp.Build(new ConsoleOptions
        {
            DataFolder = console._data,
            Urls = console.Url,
            BrokerPort = FreePort(),
            KnownProxies = [.. knownProxies],
        });
        await console._app.StartAsync();
        if (withOperators)
        {
            console.Stores.Operators.Create("li", "李伟", Password, Data.Roles.Operator, DateTimeOffset.UtcNow);
            console.Stores.Operators.Create("chen", "陈杰", Password, Data.Roles.Administrator, DateTimeOffset.UtcNow);
        }
        return console;
    }

    /// <summary>A browser of its own: a cookie jar, redirects not followed (the tests read where they point).</summary>
    public HttpClient Client(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(Url) };

    /// <summary>Opens a form page and returns its antiforgery token (the client keeps the matching cookie).</summary>
    public static async Task<string> TokenAsync(HttpClient client, string page = "/signin")
    {
        var html = await client.GetStringAsync(page);
        return TokenField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException(page + " has no antiforgery token");
    }

    /// <summary>Posts a form; <paramref name="token"/> null: without the antiforgery field.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? token, IDictionary<string, string> fields, IDictionary<string, string>? headers = null)
    {
        var all = new Dictionary<string, string>(fields);
        if (token is not null)
            all["__RequestVerificationToken"] = token;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(all) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string token, string username, string password, string? returnUrl = null, IDictionary<string, string>? headers = null) =>
        PostAsync(client, "/auth/signin", token, new Dictionary<string, string> { ["username"] = username, ["password"] = password, ["returnUrl"] = returnUrl ?? "" }, headers);

    /// <summary>The session cookie this response set, or null.</summary>
    public static string? SessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.FirstOrDefault(c => c.StartsWith("kiosk-dutyroom=", StringComparison.Ordinal)) : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
