using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Browser;

/// <summary>
/// Resident access in the real console, in Chromium, against host-sim's building-1 (a board with a
/// reader): an administrator imports the property office's CSV into building 3's door group (a bad file is
/// refused whole, with its lines named), a resident's card opens the door, the card is revoked on
/// screen and refused at the reader, and the access log tells both.
/// </summary>
public sealed class ResidentsBrowserTests : IAsyncLifetime
{
    private const string Door = "building-1";
    private ConsoleSite _site = null!;

    public async Task InitializeAsync() => _site = await ConsoleSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private static FilePayload Csv(string text) =>
        new() { Name = "住户.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray() };

    [Fact]
    public async Task Import_a_card_that_opens_revoke_it_and_read_both_in_the_access_log()
    {
        var chen = await _site.SignInAsync("chen");
        await chen.GotoAsync(_site.Url + "/residents");
        // Interactive once the page's live connection is up (a click before that does nothing).
        await chen.WaitForSelectorAsync("[data-test=broker][data-connected=yes]");
        await chen.WaitForSelectorAsync("[data-test=group-name]");

        // Building 3's door group (host-sim's building-1), made at the desk as an administrator would on this page.
        var desk = _site.Site.DutyRoom!.Services.GetRequiredService<Kiosk.DutyRoom.Residents.ResidentDesk>();
        desk.SaveDoorGroup(_site.Stores.Operators.Find("chen")!, "3栋", [Door]);

        // A file with one bad row is refused whole, naming the line; nothing is imported.
        await UploadAsync(chen, Csv("楼栋,单元,房号,姓名,卡号,门禁组\r\n3,1,1201,张伟,12:34567,3栋\r\n3,1,1202,李娜,不是卡号,3栋\r\n"), "[data-test=import-problems] li");
        var problems = await chen.Locator("[data-test=import-problems] li").AllInnerTextsAsync();
        Assert.True(problems.Count == 1, string.Join(" | ", problems));
        Assert.StartsWith("第 3 行", problems[0], StringComparison.Ordinal); // the line of the bad row
        Assert.Empty(_site.Stores.Residents.All(null));

        // The corrected file goes in whole.
        await UploadAsync(chen, Csv("楼栋,单元,房号,姓名,卡号,门禁组\r\n3,1,1201,张伟,12:34567,3栋\r\n3,1,1202,李娜,12:40000,3栋\r\n"), "[data-test=residents] tbody tr >> nth=1");
        Assert.Equal(2, await chen.Locator("[data-test=residents] tbody tr").CountAsync());
        await WaitAsync(() => Confirmed() == 2, "both cards in force on building-1");

        Assert.Equal(1, await SwipeAsync(12, 34567)); // granted: 张伟's card opens
        Assert.True(_site.Site.Board(Door)!.LockReleased);
        await ConsoleSite.ShotAsync(chen, "zh-CN/residents");

        // Revoke 张伟's card on screen: within 5 s the board refuses it.
        var zhang = chen.Locator("[data-test=residents] tbody tr", new() { HasText = "张伟" });
        await zhang.Locator("[data-test=revoke]").ClickAsync();
        await zhang.Locator("[data-live=no]").WaitForAsync();
        var revoked = DateTime.UtcNow;
        await WaitAsync(() => Confirmed() == 1, "the revocation in force on building-1", 5);
        Assert.InRange((DateTime.UtcNow - revoked).TotalSeconds, 0, 5);
        Assert.Equal(2, await SwipeAsync(12, 34567)); // unknown: refused at the reader

        // The access log: the granted entry names the resident and household, the refusal does not.
        await chen.GotoAsync(_site.Url + "/access");
        await chen.WaitForSelectorAsync("[data-test=access-log] tbody tr >> nth=1");
        var rows = await chen.Locator("[data-test=access-log] tbody tr").AllInnerTextsAsync();
        Assert.Contains(rows, r => r.Contains("张伟", StringComparison.Ordinal) && r.Contains("1201", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("card:", StringComparison.Ordinal) && !r.Contains("张伟", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("34567", StringComparison.Ordinal)); // the card number never shows in the log
        var inForce = await chen.InnerTextAsync($"[data-test=access-doors] tr[data-device={Door}] [data-test=in-force]");
        Assert.Equal("v" + _site.Site.Board(Door)!.Controller.AllowList!.Version, inForce); // what the board holds, not a heartbeat's older word
        await ConsoleSite.ShotAsync(chen, "zh-CN/access");

        // The log as CSV, as the console exports every table: UTF-8 with a BOM.
        var csv = await chen.APIRequest.GetAsync(_site.Url + "/access.csv?device=" + Door);
        Assert.Equal(200, csv.Status);
        var bytes = await csv.BodyAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Contains("张伟", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    /// <summary>
    /// Chooses a file in the import field until the page answers. Blazor's InputFile hooks its input
    /// from script after the first render; on a loaded machine a file chosen before that is not seen,
    /// so the choice is made again if nothing has happened after a few seconds.
    /// </summary>
    private static async Task UploadAsync(IPage page, FilePayload file, string answered)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.SetInputFilesAsync("[data-test=import-file]", file);
            try
            {
                await page.WaitForSelectorAsync(answered, new PageWaitForSelectorOptions { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 4)
            {
            }
        }
    }

    private int Confirmed() => Kiosk.DutyRoom.Residents.AccessListBuilder.Count(_site.Stores.AccessLists.Of(Door).ConfirmedRecords);

    private Task<int> SwipeAsync(int facility, int number) => _site.SwipeAsync(Door, r => r.Swipe26(facility, number));

    private static Task WaitAsync(Func<bool> condition, string what, int seconds = 30) => ConsoleSite.WaitAsync(condition, what, seconds);
}
