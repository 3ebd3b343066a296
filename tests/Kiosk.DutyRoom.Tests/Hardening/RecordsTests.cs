using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Tests.Support;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Hardening;

/// <summary>
/// Issue 20's records: the visitor register exported (BOM, neutralised formulas, names not sign-in
/// names), the event search taking % and _ as typed (SQLite and PostgreSQL), and date filters that
/// are days at the site (Asia/Shanghai), not UTC days, on the page's export.
/// </summary>
public sealed class RecordsTests
{
    private const string Topic = "kiosk/v1/maple-court/main-gate/events";

    private static byte[] Event(long seq, DateTimeOffset at, string detail) => Encoding.UTF8.GetBytes(
        $"{{\"v\":1,\"dev\":\"main-gate\",\"boot\":3,\"seq\":{seq},\"ts\":\"{ConsoleDb.Iso(at)}\",\"synced\":true,\"type\":\"fault\",\"code\":1,\"src\":\"relay\",\"detail\":\"{detail}\"}}");

    [Fact] public void Event_search_takes_percent_and_underscore_as_typed_on_sqlite() => Search(TestStores.Sqlite);

    [PostgresFact] public void Event_search_takes_percent_and_underscore_as_typed_on_postgres() => Search(TestStores.Postgres);

    private static void Search(Func<TestStores> open)
    {
        using var db = open();
        var at = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        db.Stores.Archive.Ingest(Topic, Event(1, at, "lamp at 100% output"), at);
        db.Stores.Archive.Ingest(Topic, Event(2, at, "relay_2 stuck"), at);
        db.Stores.Archive.Ingest(Topic, Event(3, at, "relay 22 fine, door open"), at);
        db.Stores.Archive.Ingest(Topic, Event(4, at, "wiring! check"), at);
        string[] Found(string text) => db.Stores.Archive.Query(text: text).Select(e => e.Detail).ToArray();

        Assert.Equal(["lamp at 100% output"], Found("%"));
        Assert.Equal(["relay_2 stuck"], Found("_"));
        Assert.Equal(["relay_2 stuck"], Found("relay_2"));
        Assert.Equal(["wiring! check"], Found("!"));
        Assert.Equal(["lamp at 100% output"], Found("0% o"));
        Assert.Equal(4, Found("").Length);
        Assert.Equal(["relay 22 fine, door open"], Found("DOOR")); // still case-insensitive
    }

    [Fact]
    public async Task The_event_export_filters_by_days_at_the_site_and_takes_percent_as_typed()
    {
        await using var console = await BareConsole.StartAsync();
        // 00:30 on 2 December in Beijing is 16:30 UTC on 1 December.
        var justAfterMidnight = new DateTimeOffset(2026, 12, 1, 16, 30, 0, TimeSpan.Zero);
        var lateEvening = new DateTimeOffset(2026, 12, 1, 15, 30, 0, TimeSpan.Zero); // 23:30 on 1 December at the site
        console.Stores.Archive.Ingest(Topic, Event(1, justAfterMidnight, "after midnight 50% dim"), justAfterMidnight);
        console.Stores.Archive.Ingest(Topic, Event(2, lateEvening, "late evening"), lateEvening);
        using var client = console.Client();
        await BareConsole.SignInAsync(client, await BareConsole.TokenAsync(client), "li", BareConsole.Password);

        async Task<string> Csv(string query)
        {
            var response = await client.GetAsync("/events.csv?" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }
        var second = await Csv("from=2026-12-02&to=2026-12-02");
        Assert.Contains("after midnight", second, StringComparison.Ordinal);
        Assert.Contains("2026-12-02 00:30:00", second, StringComparison.Ordinal);
        Assert.DoesNotContain("late evening", second, StringComparison.Ordinal);
        var first = await Csv("from=2026-12-01&to=2026-12-01");
        Assert.Contains("late evening", first, StringComparison.Ordinal);
        Assert.DoesNotContain("after midnight", first, StringComparison.Ordinal);
        var percent = await Csv("q=%25");
        Assert.Contains("50% dim", percent, StringComparison.Ordinal);
        Assert.DoesNotContain("late evening", percent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_visitor_register_is_exported_for_excel_with_names_and_neutralised_formulas()
    {
        await using var console = await BareConsole.StartAsync();
        var s = console.Stores;
        var pressed = DateTimeOffset.UtcNow.AddHours(-1);
        s.Calls.Progress("maple-court", "main-gate", "c-1", "calling", pressed);
        s.Calls.Claim("main-gate", "c-1", "li", pressed.AddSeconds(20));
        s.Calls.Register("main-gate", "c-1", VisitorRules.Check(new VisitorInput("=HYPERLINK(\"http://evil.example\")", "138 0013 8000", "苏E12345", "3", "2", "1502", "探亲", null)));
        s.Calls.Decide("main-gate", "c-1", "opened", "li", pressed.AddSeconds(40), "ok");
        s.Calls.Progress("maple-court", "main-gate", "c-2", "calling", pressed.AddMinutes(5)); // nobody registered: not in the register
        using var client = console.Client();
        await BareConsole.SignInAsync(client, await BareConsole.TokenAsync(client), "chen", BareConsole.Password);

        var response = await client.GetAsync("/visitors.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("来访时间,出入口,访客姓名,手机号码,车牌号,被访住户,来访事由,身份证号（脱敏）,接听人,开门", lines[0]);
        var row = Assert.Single(lines[1..]);
        Assert.StartsWith("\"'=HYPERLINK(", row.Split(',')[2], StringComparison.Ordinal);
        Assert.Contains(",13800138000,苏E·12345,3栋2单元1502室,探亲,,李伟,", row, StringComparison.Ordinal);
        Assert.Contains(s.Audit.Recent(), a => a is { Actor: "chen", Action: "visitors.export", Result: "ok" });
        // Not for anyone signed out.
        using var stranger = console.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("/visitors.csv")).StatusCode);
    }
}
