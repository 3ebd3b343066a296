using System;
using System.IO;
using System.Security.Claims;
using Kiosk.DutyRoom.Auth;
using Kiosk.DutyRoom.Components;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Desk;
using Kiosk.DutyRoom.Live;
using Kiosk.DutyRoom.Localization;
using Kiosk.DutyRoom.Mqtt;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiosk.DutyRoom;

/// <summary>
/// Builds the console as one web application: used by its own Program, by host-sim (which starts it
/// beside the simulated site) and by the browser tests. Everything is a singleton over one database.
/// </summary>
public static class ConsoleApp
{
    public static WebApplication Build(ConsoleOptions options, ConsoleClock? clock = null)
    {
        if (options.RetentionDays < EventArchive.DefaultRetentionDays)
            throw new ArgumentException($"retention: at least {EventArchive.DefaultRetentionDays} days (GB 50396), not {options.RetentionDays}");
        if (options.VisitorRetentionDays < 1)
            throw new ArgumentException($"visitor retention: at least 1 day, not {options.VisitorRetentionDays}");
        if (options.ShareGroup is { } group && (group.Length == 0 || group.IndexOfAny(['/', '+', '#']) >= 0))
            throw new ArgumentException($"share group '{group}': a name without / + #");
        var siteTime = new SiteTime(options); // refuses an unknown time zone before anything starts
        var proxies = ConsoleProxies.Parse(options.KnownProxies); // and a proxy that is not an address
        Directory.CreateDirectory(options.DataFolder);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The static assets (blazor.web.js, console.css) are found by this name, also when another program hosts the console.
            ApplicationName = typeof(ConsoleApp).Assembly.GetName().Name,
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // "No XML encryptor configured": expected off Windows; the key ring's folder is private to the console's user instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(clock ?? new ConsoleClock());
        services.AddSingleton(siteTime);
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o => ConsoleCultures.Configure(o, options));
        services.AddSingleton(ConsoleDb.Parse(options.DatabaseSpec));
        services.AddSingleton<Stores>();
        services.AddSingleton<LiveSite>();
        services.AddSingleton<ConsoleMqtt>();
        services.AddSingleton<IMessageBus>(sp => sp.GetRequiredService<ConsoleMqtt>());
        services.AddHostedService(sp => sp.GetRequiredService<ConsoleMqtt>());
        services.AddHostedService<RetentionService>();
        services.AddSingleton<Commander>();
        services.AddSingleton<CallDesk>();
        services.AddSingleton<AlarmDesk>();
        services.AddSingleton<DoorDesk>();
        services.AddSingleton<Live.StateRequests>(); // asks a board whose state this console lacks (RabbitMQ: no retained state)
        services.AddSingleton<MessageRouter>();
        services.AddSingleton<ArchiveLane>(); // issue 16: backlog events archived in batches, behind the live lane
        services.AddSingleton<LiveLane>();
        services.AddSingleton<OtherConsoles>(); // issue 16: scale-out, calls changed by another console on the same PostgreSQL
        services.AddHostedService(sp => sp.GetRequiredService<OtherConsoles>());
        services.AddSingleton<Residents.AccessSync>(); // resident access: allow-lists to the doors
        services.AddSingleton<Residents.ResidentDesk>();
        services.AddSingleton<SetupGate>();
        services.AddSingleton<SignInThrottle>();
        Cameras.CameraServices.AddCameras(services, options); // issue 19: entrance cameras, kept pictures
        // Issue 20: every action re-checks its operator (OperatorGuard); live screens lose a changed account at once.
        services.AddSingleton<OperatorGuard>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, OperatorAuthenticationState>();

        // Device keys are encrypted with this key ring, kept outside the database (Windows: also DPAPI-protected).
        ConsoleProtection.Configure(services.AddDataProtection(), options.DataFolder);

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = "/signin";
            cookie.AccessDeniedPath = "/not-allowed"; // issue 20: an operator on an admin page is told why
            cookie.Cookie.Name = "kiosk-dutyroom";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(14); // a night shift and its handover
            cookie.SlidingExpiration = true;
            // Secure whenever the request is https: behind the TLS proxy that is what the forwarded headers say (issue 20).
            cookie.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
            cookie.Events.OnValidatePrincipal = context =>
            {
                // A disabled operator, one whose role changed, or a session from before a password reset is signed out at the next request.
                if (!OperatorClaims.StillValid(context.Principal, context.HttpContext.RequestServices.GetRequiredService<Stores>()))
                    context.RejectPrincipal();
                return System.Threading.Tasks.Task.CompletedTask;
            };
        });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery();
        services.AddRazorComponents().AddInteractiveServerComponents();

        ConsoleProxies.Configure(services, proxies);

        var app = builder.Build();
        if (proxies.Count > 0)
            app.UseForwardedHeaders(); // first: the client's address and https, from the known proxies only
        app.UseLiveOriginCheck();
        app.UseAuthentication();
        app.UseRequestLocalization(); // after authentication: a signed-in operator's own language comes first
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapAuth();
        app.MapLanguage();
        app.MapExports();
        Reports.ReportEndpoints.MapReportExports(app); // issue 14: every report table as CSV
        Residents.AccessLogExport.MapAccessLogExport(app);
        Cameras.CameraEndpoints.MapCameras(app); // issue 19: live frames and kept pictures, audited
        Visitors.VisitorRegisterExport.MapVisitorRegisterExport(app); // issue 20: the visitor register as CSV
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>While there are no operators, the one-time link that creates the first administrator (there is no default account); else null.</summary>
    public static string? SetupLink(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Stores>().Operators.Count() > 0)
            return null;
        var url = app.Services.GetRequiredService<ConsoleOptions>().Urls.Split(';')[0].TrimEnd('/');
        return $"{url}/setup?code={app.Services.GetRequiredService<SetupGate>().Code}";
    }

    /// <summary>The operator behind a signed-in user, fresh from the database (null if gone or disabled).</summary>
    public static Operator? OperatorOf(this Stores stores, ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? stores.Operators.Find(user.Identity.Name ?? "") : null;
}
