using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Tests.Reports;
using Microsoft.Playwright;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Browser;

/// <summary>
/// The scripted November in the real console beside host-sim's site: the Reports page shows the
/// figures worked out in <see cref="AssessmentMonthTests"/>, a figure leads to its events, a table
/// downloads as CSV, and the printable report prints to PDF in Chromium, its first page kept as a PNG
/// (pdftoppm) with the screenshots.
/// </summary>
public sealed class ReportBrowserTests : IAsyncLifetime
{
    private ConsoleSite _site = null!;

    public async Task InitializeAsync() => _site = await ConsoleSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task The_month_s_figures_on_screen_their_events_csv_and_the_printed_report()
    {
        new ScriptedMonth().Load(_site.Stores, register: false); // host-sim registered the four entrances
        AssessmentMonthTests.AddPlan(_site.Stores);
        var chen = await _site.SignInAsync("chen");

        await chen.GotoAsync(_site.Url + "/reports?period=2025-11&device=");
        await chen.WaitForSelectorAsync("[data-test=lighting-rate]");
        // 5,072,400 / 5,184,000 lamp-seconds; 113 / 120 door-days; 87 / 90 calls (AssessmentMonthTests works them out).
        Assert.Equal("97.8 %", await chen.InnerTextAsync("[data-test=lighting-rate]"));
        Assert.Equal("二级", await chen.InnerTextAsync("[data-test=lighting-grade]"));
        Assert.Equal("94.1 %", await chen.InnerTextAsync("[data-test=doors-rate]"));
        Assert.Equal("二级", await chen.InnerTextAsync("[data-test=doors-grade]"));
        Assert.Equal("96.6 %", await chen.InnerTextAsync("[data-test=calls-answered]"));
        Assert.Contains("完成 58 / 60 轮", await chen.InnerTextAsync("[data-test=patrol-plan]"), StringComparison.Ordinal);
        Assert.Contains("未达最低要求", await chen.InnerTextAsync("[data-test=patrol-plan]"), StringComparison.Ordinal);
        Assert.Contains("5栋2单元", await chen.InnerTextAsync("[data-test=table-offline]"), StringComparison.Ordinal);
        Assert.Equal(3, await chen.Locator("[data-test=table-lamp-failures] tbody tr").CountAsync());
        Assert.Equal(30, await chen.Locator("[data-test=lighting] svg.chart text").CountAsync() - 3); // a bar label per November day, after the axis' 0/50/100
        await ConsoleSite.ShotAsync(chen, "zh-CN/reports");

        // Each table as CSV: UTF-8 with a BOM, Chinese headers, every night of every lit entrance.
        var csv = await chen.APIRequest.GetAsync(_site.Url + "/reports/lighting.csv?period=2025-11");
        Assert.Equal(200, csv.Status);
        var bytes = await csv.BodyAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("夜间,出入口,亮灯（灯·秒）,应亮（灯·秒）,比率", lines[0]);
        Assert.Equal(61, lines.Length);
        Assert.Contains("2025-11-20,5栋2单元,43200,86400,50 %", lines);
        Assert.Equal(400, (await chen.APIRequest.GetAsync(_site.Url + "/reports/lighting.csv?period=November")).Status);

        // The building-1 failure's circuit leads to the events behind it.
        await chen.ClickAsync("[data-test=table-lamp-failures] tbody tr:first-child a");
        await chen.WaitForURLAsync(u => u.Contains("/events?", StringComparison.Ordinal));
        await chen.WaitForSelectorAsync("[data-test=events] tbody tr");
        var rows = await chen.Locator("[data-test=events] tbody tr").AllInnerTextsAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("lamp-circuit-1", r, StringComparison.Ordinal));

        // The printable report: Chinese heading, the estate, then Chromium's print to A4 PDF and page 1 as PNG.
        await chen.GotoAsync(_site.Url + "/reports/print?period=2025-11");
        await chen.WaitForSelectorAsync("[data-test=report-print] [data-test=lighting-rate]");
        Assert.Contains("maple-court 小区安全防范考核月度报表", await chen.InnerTextAsync("[data-test=report-print] h1"), StringComparison.Ordinal);
        Assert.Equal("97.8 %", await chen.InnerTextAsync("[data-test=report-print] [data-test=lighting-rate]"));
        Assert.Equal(60, await chen.Locator("[data-test=report-print] [data-test=table-lighting] tbody tr").CountAsync()); // all rows in print
        var pdf = Path.Combine(ConsoleSite.Screenshots, "zh-CN", "monthly-report.pdf");
        await chen.PdfAsync(new PagePdfOptions { Path = pdf, Format = "A4", PrintBackground = true });
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 5));
        var png = Path.Combine(ConsoleSite.Screenshots, "zh-CN", "monthly-report-page1");
        File.Delete(png + ".png");
        using (var pdftoppm = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", pdf, png]) { RedirectStandardError = true })!)
        {
            var error = await pdftoppm.StandardError.ReadToEndAsync();
            await pdftoppm.WaitForExitAsync();
            Assert.True(pdftoppm.ExitCode == 0, "pdftoppm: " + error);
        }
        var head = File.ReadAllBytes(png + ".png")[..8];
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, head);
        // The print leaves out the console's header and buttons.
        Assert.False(await chen.EvaluateAsync<bool>("() => { const h = document.querySelector('header.top'); return h !== null && matchMedia('print').matches && getComputedStyle(h).display !== 'none'; }"));
    }
}
