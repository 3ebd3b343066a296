using System;
using Kiosk.Core.Loop;
using Xunit;

namespace Kiosk.Core.Tests.Loop;

public sealed class VirtualClockTests
{
    [Fact]
    public void Setting_the_wall_clock_marks_it_synced_and_leaves_monotonic_time_alone()
    {
        var clock = new VirtualClock(new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc), synced: false);
        clock.Advance(1500);

        clock.Set(new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc));
        clock.Advance(500);

        Assert.True(clock.IsSynced);
        Assert.Equal(2000, clock.NowMillis);
        Assert.Equal(new DateTime(2026, 11, 24, 8, 0, 0, 500, DateTimeKind.Utc), clock.UtcNow);
    }

    [Fact]
    public void Monotonic_time_never_goes_back()
    {
        var clock = new VirtualClock(DateTime.UnixEpoch, synced: false);

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(-1));
    }
}
