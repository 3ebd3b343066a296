using System;
using System.Linq;
using System.Text;
using Kiosk.DutyRoom.Live;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Live;

/// <summary>The heap trend the duty room watches, so a leaking board is seen before it restarts itself.</summary>
public sealed class BoardHealthTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 21, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_heap_falling_over_the_last_hour_shows_its_rate()
    {
        var view = new EntranceView("maple-court", "main-gate");
        for (var i = 0; i <= 120; i++) // a heartbeat every 30 s for an hour, losing 100 bytes each
            view.AddHeapReading(Start.AddSeconds(30 * i), 80_000 - 100 * i);

        Assert.Equal(68_000, view.FreeMemory);
        Assert.Equal(-12_000, view.HeapTrendPerHour!.Value, precision: 0);
    }

    [Fact]
    public void Readings_older_than_an_hour_leave_the_trend()
    {
        var view = new EntranceView("maple-court", "main-gate");
        view.AddHeapReading(Start, 20_000); // a dip long ago
        for (var i = 1; i <= 4; i++)
            view.AddHeapReading(Start.AddMinutes(30 * i), 80_000);

        Assert.Equal(0, view.HeapTrendPerHour!.Value, precision: 0);
    }

    [Fact]
    public void No_trend_is_claimed_from_less_than_ten_minutes()
    {
        var view = new EntranceView("maple-court", "main-gate");
        view.AddHeapReading(Start, 80_000);
        view.AddHeapReading(Start.AddMinutes(5), 60_000);

        Assert.Null(view.HeapTrendPerHour);
        Assert.Equal(60_000, view.FreeMemory);
    }
}
