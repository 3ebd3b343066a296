using System;
using System.Collections.Generic;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.DutyRoom;

/// <summary>
/// The TLS reverse proxy the README puts in front of the console, believed only where configured
/// (--known-proxy): its X-Forwarded-Proto makes requests https, so cookies are marked Secure, and
/// its X-Forwarded-For names the client, which sign-in throttling counts. ASP.NET Core trusts
/// loopback by default; here only the listed addresses are trusted, one hop.
/// </summary>
public static class ConsoleProxies
{
    public static IReadOnlyList<IPAddress> Parse(IEnumerable<string> proxies)
    {
        var list = new List<IPAddress>();
        foreach (var p in proxies)
            list.Add(IPAddress.TryParse(p.Trim(), out var address)
                ? address
                : throw new ArgumentException($"known proxy '{p}': not an IP address (the proxy's address as the console sees it, e.g. 127.0.0.1)"));
        return list;
    }

    public static void Configure(IServiceCollection services, IReadOnlyList<IPAddress> proxies) =>
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var p in proxies)
                o.KnownProxies.Add(p);
        });
}
