using System;
using System.Globalization;

namespace Kiosk.DutyRoom.Localization;

/// <summary>
/// Times as the duty room reads them: in the site's time zone (not the server's, which may run in
/// UTC), 24-hour, yyyy-MM-dd HH:mm:ss in every language. The database keeps UTC.
/// </summary>
public sealed class SiteTime
{
    public const string DefaultZone = "Asia/Shanghai";
    public const string Format = "yyyy-MM-dd HH:mm:ss";

    public SiteTime(ConsoleOptions options)
    {
        try
        {
            Zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"time zone '{options.TimeZone}': not a time zone this machine knows (an IANA id such as {DefaultZone})", e);
        }
    }

    public TimeZoneInfo Zone { get; }

    public string Show(DateTimeOffset? t) => t is null ? "—" : TimeZoneInfo.ConvertTime(t.Value, Zone).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The start of a calendar day at the site (a date picked in a search), as an instant.</summary>
    public DateTimeOffset StartOfDay(DateTime date)
    {
        var local = DateTime.SpecifyKind(date.Date, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
