using System;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.DutyRoom.Tests.Browser;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Hardening;

/// <summary>
/// Issue 20: acknowledging a forced-open alarm while the door is still open was refused by the
/// entrance and turned into a second, security alarm. The operator is told to close the door first,
/// nothing is sent, no alarm is added; once the door is closed the acknowledgement goes through.
/// </summary>
public sealed class AlarmAckBrowserTests : IAsyncLifetime
{
    private ConsoleSite _site = null!;

    public async Task InitializeAsync() => _site = await ConsoleSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Acknowledging_a_forced_door_that_is_still_open_says_close_it_first_and_raises_nothing()
    {
        var li = await _site.SignInAsync("li");
        var board = _site.Site.Board("building-1")!;
        board.Set(InputFunction.DoorContact, true);
        await li.GotoAsync(_site.Url + "/alarms");
        await li.WaitForSelectorAsync("header[data-interactive=yes] [data-test=broker][data-connected=yes]");
        await li.WaitForSelectorAsync("[data-test=open-alarms] tr[data-alarm=forced-open]");
        var commandsBefore = _site.Stores.Archive.Query("building-1", "command").Count;

        await li.FillAsync("tr[data-alarm=forced-open] [data-test=ack-note]", "门还开着，先确认");
        await li.ClickAsync("tr[data-alarm=forced-open] [data-test=ack]");
        await li.WaitForSelectorAsync("[data-test=alarm-result][data-result=bad]:has-text('请先关好 3栋1单元 的门')");
        await Task.Delay(1500); // what the entrance would have answered, had anything been sent
        Assert.Equal(commandsBefore, _site.Stores.Archive.Query("building-1", "command").Count);
        var open = _site.Stores.Alarms.Open();
        Assert.Equal(["forced-open"], open.Where(a => a.Device == "building-1").Select(a => a.Kind).ToArray());
        Assert.Equal(1, await li.Locator("[data-test=open-alarms] tr.alarm-row").CountAsync());
        Assert.Contains(_site.Stores.Audit.Recent(), a => a is { Actor: "li", Action: "alarm.ack", Result: "refused" });

        // Door closed: the same acknowledgement resets the entrance's latch.
        board.Set(InputFunction.DoorContact, false);
        await li.WaitForSelectorAsync("tr[data-alarm=forced-open] [data-test=alarm-now]:has-text('已恢复')");
        await li.FillAsync("tr[data-alarm=forced-open] [data-test=ack-note]", "门已关好");
        await li.ClickAsync("tr[data-alarm=forced-open] [data-test=ack]");
        await li.WaitForSelectorAsync("[data-test=no-alarms]");
        await ConsoleSite.WaitAsync(() => board.Controller.Alarms.LatchedCount == 0, "the entrance reset its latch");
        Assert.DoesNotContain(_site.Stores.Alarms.Recent(20), a => a.Kind == "security");
    }
}
