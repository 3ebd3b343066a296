using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiosk.DutyRoom.Auth;

/// <summary>
/// The live connection (Blazor's hub, /_blazor) is a WebSocket that browsers open from any page with
/// the console's cookie attached: a page on another site could drive an operator's console through
/// it (cross-site WebSocket hijacking). Browsers always say where a WebSocket or a script's request
/// comes from (Origin), so one from another origin than the console's own is refused (issue 20).
/// Behind a known TLS proxy the console's own origin is https and the proxy's host (ConsoleApp).
/// </summary>
public static class LiveOriginCheck
{
    public static void UseLiveOriginCheck(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/_blazor") && http.Request.Headers.Origin.ToString() is { Length: > 0 } origin && !IsOwn(origin, http.Request))
            {
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LiveOriginCheck))
                    .LogWarning("refused a live connection from origin {Origin} (the console is {Scheme}://{Host})", origin, http.Request.Scheme, http.Request.Host);
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await http.Response.WriteAsync("live connection: only from this console's own pages");
                return;
            }
            await next(http);
        });

    /// <summary>The same scheme, host and port as the request itself.</summary>
    public static bool IsOwn(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var o)
        && string.Equals(o.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(o.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
