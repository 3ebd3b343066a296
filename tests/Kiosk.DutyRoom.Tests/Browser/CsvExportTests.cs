using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Kiosk.HostSim.Site;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Browser;

/// <summary>
/// The event log's CSV as an operator downloads it for Excel on a Chinese Windows, on the real path
/// a hostile value takes: someone on the broker publishes a command whose 'from' is a spreadsheet
/// formula and whose MAC is wrong; the entrance refuses it and records who it claimed to be from;
/// the console archives that record; the export must show the formula as text, not run it.
/// </summary>
public sealed class CsvExportTests : IAsyncLifetime
{
    private const string Formula = "=HYPERLINK(\"http://evil.example/\",\"x\")";
    private ConsoleSite _site = null!;

    public async Task InitializeAsync() => _site = await ConsoleSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_refused_command_s_formula_sender_is_exported_as_text_in_utf8_with_a_bom_and_chinese_headers()
    {
        var li = await _site.SignInAsync("li");
        await using var intruder = await DutyRoomClient.ConnectAsync(_site.Site.Port);
        await intruder.SendAsync(_site.Site.SiteId, "main-gate", new byte[32], "unlock", sender: Formula); // not the entrance's key: bad signature

        var deadline = DateTime.UtcNow.AddSeconds(10);
        // The entrance's record keeps the sender's first 24 bytes: still a formula.
        while (!_site.Stores.Archive.Query(device: "main-gate").Any(e => e.Source.StartsWith("=HYPERLINK(", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the entrance's refusal, naming the claimed sender, reached the archive");
            await Task.Delay(50);
        }
        Assert.False(_site.Site.Board("main-gate")!.LockReleased);

        var response = await li.APIRequest.GetAsync(_site.Url + "/events.csv?device=main-gate");
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/csv; charset=utf-8", response.Headers["content-type"], StringComparison.Ordinal);
        var bytes = await response.BodyAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // Excel reads UTF-8 only with the byte-order mark
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal("时间,小区,设备,启动次数,序号,时钟已校准,类型,代码,名称,来源,详情", lines[0]);
        var refused = lines.Single(l => l.Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"http", refused, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", string.Join("\n", lines), StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=", string.Join("\n", lines), StringComparison.Ordinal);
        Assert.Matches("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},", lines[1]); // site time, as on screen
        Assert.Contains(_site.Stores.Audit.Recent(), a => a is { Actor: "li", Action: "events.export", Result: "ok" });
    }
}
