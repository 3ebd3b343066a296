using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.DutyRoom.Localization;

/// <summary>
/// The console's two languages, Simplified Chinese first (the estates' operators work in it) and
/// English. Who gets which, in order: a signed-in operator their own choice (stored with the
/// operator); before sign-in the language cookie, then the browser's Accept-Language; then the
/// site's default (zh-CN). ASP.NET Core's request localization applies it per request, and a Blazor
/// circuit keeps the culture of the request that opened it.
/// </summary>
public static class ConsoleCultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly string[] All = [Chinese, English];

    public static bool IsSupported(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);

    public static void Configure(RequestLocalizationOptions o, ConsoleOptions options)
    {
        if (!IsSupported(options.DefaultLanguage))
            throw new ArgumentException($"language '{options.DefaultLanguage}': {Chinese} or {English}");
        var cultures = All.Select(CultureInfo.GetCultureInfo).ToList();
        o.SupportedCultures = cultures;
        o.SupportedUICultures = cultures;
        o.DefaultRequestCulture = new RequestCulture(options.DefaultLanguage);
        // zh, zh-Hans, zh-TW … all land on zh-CN: the only Chinese the console has.
        o.FallBackToParentCultures = true;
        o.FallBackToParentUICultures = true;
        o.RequestCultureProviders =
        [
            new CustomRequestCultureProvider(OperatorsChoice),
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 },
        ];
    }

    private static Task<ProviderCultureResult?> OperatorsChoice(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated != true)
            return Task.FromResult<ProviderCultureResult?>(null);
        // Signed in: the operator's own choice, else the site's default; never the browser's, which a duty-room PC may have in English.
        var op = http.RequestServices.GetRequiredService<Stores>().Operators.Find(http.User.Identity.Name ?? "");
        var language = IsSupported(op?.Language) ? op!.Language! : http.RequestServices.GetRequiredService<ConsoleOptions>().DefaultLanguage;
        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(language));
    }

    /// <summary>The language cookie for the sign-in pages (a year: the duty-room PC keeps it).</summary>
    public static void Remember(HttpResponse response, string language) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });

    /// <summary>Accept-Language sends "zh"; map what a browser names to one of ours.</summary>
    public static string Nearest(string name) => name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;
}
