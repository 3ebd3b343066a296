using System;
using System.Text;
using Kiosk.DutyRoom.Mqtt;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Desk;

/// <summary>Which lane a message takes: what an operator acts on now is live; a backlog is archived in batches.</summary>
public sealed class MessageLaneTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 22, 0, 0, TimeSpan.Zero);

    private static MessageLane Lane(string type, DateTimeOffset at, bool synced = true, string leaf = "events") =>
        MessageLanes.Of($"kiosk/v1/maple-court/main-gate/{leaf}", Encoding.UTF8.GetBytes(
            $"{{\"v\":1,\"site\":\"maple-court\",\"dev\":\"main-gate\",\"boot\":3,\"seq\":9,\"ts\":\"{Kiosk.DutyRoom.Data.ConsoleDb.Iso(at)}\",\"synced\":{(synced ? "true" : "false")},\"type\":\"{type}\",\"code\":1,\"name\":\"calling\",\"src\":\"3-1\",\"detail\":\"\"}}"), Now);

    [Theory]
    [InlineData("call")]
    [InlineData("alarm-raised")]
    [InlineData("alarm-reset")]
    [InlineData("door")]
    [InlineData("command")]
    public void What_an_operator_acts_on_is_live_when_recorded_just_now(string type)
    {
        Assert.Equal(MessageLane.Live, Lane(type, Now.AddSeconds(-5)));
        Assert.Equal(MessageLane.Archive, Lane(type, Now.AddMinutes(-30)));
    }

    [Fact]
    public void Routine_events_take_the_archive_lane_however_new()
    {
        Assert.Equal(MessageLane.Archive, Lane("patrol", Now));
        Assert.Equal(MessageLane.Archive, Lane("lighting", Now));
    }

    [Fact]
    public void A_call_by_a_clock_not_yet_set_is_live_whatever_its_time()
    {
        // A board back from a power cut before SNTP answers: its clock may say 1970.
        Assert.Equal(MessageLane.Live, Lane("call", new DateTimeOffset(1970, 1, 1, 0, 1, 0, TimeSpan.Zero), synced: false));
    }

    [Fact]
    public void Status_state_and_replies_are_live_and_so_is_what_cannot_be_read()
    {
        Assert.Equal(MessageLane.Live, Lane("patrol", Now, leaf: "status"));
        Assert.Equal(MessageLane.Live, Lane("patrol", Now, leaf: "state"));
        Assert.Equal(MessageLane.Live, MessageLanes.Of("kiosk/v1/maple-court/main-gate/events", Encoding.UTF8.GetBytes("{\"v\":1,"), Now));
        Assert.Equal(MessageLane.Live, MessageLanes.Of("kiosk/v1/maple-court/main-gate/events", Encoding.UTF8.GetBytes("[1,2]"), Now));
    }
}
