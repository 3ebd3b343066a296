using System;
using System.Linq;
using System.Text;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Protocol;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Loop;

/// <summary>
/// Values nanoCLR refuses (a DateTime past 3000) must never reach it, and whatever still throws
/// costs one input, not the loop that is the door.
/// </summary>
public sealed class HostileValueTests
{
    [Theory]
    [InlineData("253402300799000")] // 9999-12-31: fine on desktop, ArgumentOutOfRange on a board
    [InlineData("32503680000000")]  // 3000-01-01 exactly
    [InlineData("9223372036854775807")]
    public void A_signed_time_command_past_what_the_board_can_hold_is_refused_and_the_door_still_works(string arg)
    {
        var b = new BoardRig(clockSet: true);
        b.Rig.Settled();
        b.Run(3000);
        var before = b.Rig.Clock.UtcNow;

        b.Command("time", arg);
        b.Command("unlock", "");

        var replies = b.Published("reply");
        Assert.Equal("invalid", replies[0].GetProperty("result").GetString());
        Assert.Contains("2020..2999", replies[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", replies[1].GetProperty("result").GetString());
        Assert.InRange(b.Rig.Clock.UtcNow, before, before.AddSeconds(5));
        Assert.True(b.Rig.LockPinReleased);
        Assert.Equal(0, b.Loop.Faults);
    }

    [Fact]
    public void A_time_source_answering_a_year_the_board_cannot_hold_is_refused()
    {
        var b = new BoardRig();
        b.Time.Answer(new DateTime(9000, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Answer(BoardRig.RealNow);
        b.Rig.Settled();

        b.RunMinutes(1);

        Assert.Contains("TIME_FAILED: implausible time from the time source", b.LinkRecords());
        Assert.InRange(b.Rig.Clock.UtcNow, BoardRig.RealNow, BoardRig.RealNow.AddMinutes(1));
        Assert.Equal(0, b.Loop.Faults);
    }

    [Fact]
    public void Times_are_written_within_what_the_board_can_hold()
    {
        var writer = new MessageWriter("maple-court", "main-gate");

        var text = Encoding.ASCII.GetString(writer.Heartbeat(1, 1, 1, 0, 0, true, long.MaxValue));

        Assert.Contains("\"ts\":\"2999-12-31T23:59:59.999Z\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fault_in_the_middle_of_an_unlock_leaves_the_lock_secure_and_says_so()
    {
        var rig = new EntranceRig().Settled();
        rig.Press(InputFunction.ExitButton);
        Assert.True(rig.LockPinReleased);

        rig.Controller.OnFault(new InvalidOperationException("planted"), rig.Now);

        Assert.False(rig.LockPinReleased);
        var fault = Assert.Single(rig.Events(EventType.Fault));
        Assert.Equal("planted", fault.Detail);
    }

    [Fact]
    public void A_fault_during_fire_release_keeps_the_door_free()
    {
        var rig = new EntranceRig().Settled();
        rig.Set(InputFunction.Fire, true);
        rig.Run(1000);
        Assert.True(rig.LockPinReleased);

        rig.Controller.OnFault(new InvalidOperationException("planted"), rig.Now);

        Assert.True(rig.LockPinReleased, "people must get out during a fire whatever the code does");
    }
}
