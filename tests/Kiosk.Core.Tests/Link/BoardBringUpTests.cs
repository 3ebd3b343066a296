using System;
using System.Linq;
using Kiosk.Core.Call;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Link;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Link;

/// <summary>
/// The board as the device app builds it, on the virtual clock: Wi-Fi that refuses, a broker that
/// refuses, SNTP that answers late, a network that drops. The door never waits on any of it.
/// </summary>
public sealed class BoardBringUpTests
{
    [Fact]
    public void A_wrong_wifi_password_leaves_the_door_working_shows_offline_and_is_recorded_once()
    {
        var b = new BoardRig();
        b.Network.Otherwise = "wrong Wi-Fi password for '东门岗亭-IoT'";
        b.Rig.Settled();

        b.RunMinutes(10);
        b.Rig.Press(InputFunction.ExitButton);

        Assert.True(b.Rig.LockPinReleased, "the exit button must open the door with no network");
        Assert.Equal(IndicatorMode.DoorOpen, b.Rig.Controller.Indicator.Mode);
        b.Run(6000);
        Assert.Equal(IndicatorMode.Offline, b.Rig.Controller.Indicator.Mode);
        Assert.True(b.Network.Attempts >= 10, $"retried {b.Network.Attempts} times in 10 minutes");
        Assert.Equal(new[] { "NETWORK_FAILED: wrong Wi-Fi password for '东门岗亭-IoT'" }, b.LinkRecords());
        Assert.Equal(0, b.Client.Connects);
    }

    [Fact]
    public void Bring_up_that_fails_then_recovers_delivers_the_failure_record_once_connected()
    {
        var b = new BoardRig();
        b.Network.Answer("Wi-Fi '东门岗亭-IoT' not found", "Wi-Fi '东门岗亭-IoT' not found", "no address from DHCP in 30 s");
        b.Time.Answer(BoardRig.RealNow);
        b.Rig.Settled();

        b.RunMinutes(2);
        b.AckAll();

        Assert.Equal(4, b.Network.Attempts);
        var records = b.LinkRecords();
        Assert.Equal("NETWORK_FAILED: Wi-Fi '东门岗亭-IoT' not found", records[0]);
        Assert.Equal("NETWORK_FAILED: no address from DHCP in 30 s", records[1]);
        Assert.StartsWith("NETWORK_UP: 192.168.10.21 after 3 failed", records[2], StringComparison.Ordinal);
        Assert.Equal(1, b.Client.Connects);
        var delivered = b.PublishedEvents().Where(e => e.GetProperty("type").GetString() == "link").Select(e => e.GetProperty("name").GetString());
        Assert.Equal(new[] { "NETWORK_FAILED", "NETWORK_FAILED", "NETWORK_UP" }, delivered);
        Assert.Equal(IndicatorMode.Ready, b.Rig.Controller.Indicator.Mode);
    }

    [Fact]
    public void A_network_stack_that_hangs_is_given_up_on_never_holds_the_loop_and_restarts_the_board_when_quiet()
    {
        var worker = new HangingWorker();
        var b = new BoardRig(c => c["network"]!["connectTimeoutSeconds"] = 20, worker);
        b.Rig.Settled();

        b.Run(20_000 + NetworkSupervisor.HangSlackMillis + 500);
        b.Rig.Set(InputFunction.DoorContact, true); // forced open while the stack hangs
        b.Run(500);

        Assert.Equal(Kiosk.Core.Door.DoorState.ForcedOpen, b.Rig.Controller.DoorState);
        Assert.Equal(new[] { "NETWORK_FAILED: no answer from the network adapter in 20 s" }, b.LinkRecords());
        b.RunMinutes(11);
        Assert.Equal(1, worker.Started); // a blocked thread is not doubled by every retry
        Assert.Contains("STACK_HUNG: network bring-up hung: restart when quiet", b.LinkRecords());
        Assert.Equal(0, b.Power.Reboots); // the forced door is still open

        b.Rig.Set(InputFunction.DoorContact, false); // closed again; the forced-open alarm stays latched, which a restart does not wait for
        b.Run(2000);

        Assert.Equal(1, b.Power.Reboots);
        Assert.Equal("planned: hung: network bring-up", b.Rig.Reboot().Events(EventType.Boot).Last().Detail);
    }

    [Fact]
    public void An_mqtt_connect_that_never_returns_is_not_doubled_and_restarts_the_board_when_quiet()
    {
        var worker = new StuckMqttWorker();
        var b = new BoardRig(worker: worker, clockSet: true);
        b.Rig.Settled();

        b.RunMinutes(20);

        Assert.Equal(1, worker.Stuck);
        Assert.Contains("BROKER_FAILED: no answer from broker.maple-court.lan in 20 s", b.LinkRecords());
        Assert.Contains("STACK_HUNG: mqtt connect hung: restart when quiet", b.LinkRecords());
        Assert.Equal(1, b.Power.Reboots);
    }

    [Fact]
    public void The_clock_set_late_is_recorded_with_its_offset_and_earlier_records_say_unsynced()
    {
        var b = new BoardRig();
        b.Time.Fail("no answer from ntp.aliyun.com or cn.pool.ntp.org", 3).Answer(BoardRig.RealNow);
        b.Rig.Settled();
        b.Rig.Press(InputFunction.ExitButton); // recorded before the clock is set

        b.RunMinutes(1);
        b.AckAll();

        var history = b.Rig.History;
        var set = history.Single(e => e.Type == EventType.ClockSet);
        Assert.Equal("sntp", set.Source);
        var offset = long.Parse(set.Detail.Split(' ')[1]);
        Assert.InRange(offset, (long)(BoardRig.RealNow - BoardRig.Unset).TotalMilliseconds - 120_000, (long)(BoardRig.RealNow - BoardRig.Unset).TotalMilliseconds);
        var before = history.TakeWhile(e => e.Type != EventType.ClockSet).ToList();
        Assert.All(before, e => Assert.False(e.TimeSynced, $"{e.Type} before the clock was set must say unsynced"));
        Assert.All(before, e => Assert.True(e.UnixMillis < 86_400_000, "and carries the board's unset time, not a guess"));
        Assert.True(history.Last().TimeSynced);
        Assert.Single(b.LinkRecords(), r => r == "TIME_FAILED: no answer from ntp.aliyun.com or cn.pool.ntp.org");
        Assert.Equal(new[] { "ntp.aliyun.com", "cn.pool.ntp.org" }, b.Time.ServersAsked[0]);
        Assert.True(b.Rig.Clock.IsSynced);
        Assert.InRange(b.Rig.Clock.UtcNow, BoardRig.RealNow, BoardRig.RealNow.AddMinutes(1));
    }

    [Fact]
    public void The_clock_is_synced_again_daily()
    {
        var b = new BoardRig(c => c["time"] = new System.Text.Json.Nodes.JsonObject { ["ntpServers"] = new System.Text.Json.Nodes.JsonArray("ntp.estate.lan"), ["syncHours"] = 24 });
        b.Time.Answer(BoardRig.RealNow).Answer(BoardRig.RealNow.AddHours(24).AddSeconds(3));
        b.Rig.Settled();

        b.RunMinutes(23 * 60 + 50);
        Assert.Equal(1, b.Time.Queries);
        b.RunMinutes(20);

        Assert.Equal(2, b.Time.Queries);
        Assert.Equal(new[] { "ntp.estate.lan" }, b.Time.ServersAsked[1]);
        Assert.Equal(2, b.Rig.History.Count(e => e.Type == EventType.ClockSet));
    }

    [Fact]
    public void A_broker_that_refuses_the_credentials_is_recorded_in_words_and_retried_with_backoff()
    {
        var b = new BoardRig(clockSet: true);
        b.Client.Refuse(0x86, 6).FailBeforeBroker("DNS: cannot resolve broker.maple-court.lan", 2);
        b.Rig.Settled();

        b.RunMinutes(5);
        b.AckAll();

        Assert.Equal(9, b.Client.Connects);
        Assert.True(b.Client.Closes >= 8, "every refused or failed client is closed");
        var records = b.LinkRecords();
        Assert.Contains("BROKER_FAILED: broker refused: bad user name or password", records);
        Assert.Contains("BROKER_FAILED: DNS: cannot resolve broker.maple-court.lan", records);
        Assert.Single(records, r => r.StartsWith("BROKER_FAILED: broker refused", StringComparison.Ordinal));
        Assert.Contains(records, r => r.StartsWith("BROKER_CONNECTED: after 8 failed", StringComparison.Ordinal));
        Assert.Contains(b.PublishedEvents(), e => e.TryGetProperty("name", out var name) && name.GetString() == "BROKER_CONNECTED");
        Assert.Equal(new[] { "kiosk/v1/maple-court/main-gate/cmd", "kiosk/v1/maple-court/main-gate/status" }, b.Client.Subscriptions);
        Assert.Equal("kiosk-maple-court.main-gate", b.Client.LastOptions!.ClientId);
    }

    [Fact]
    public void A_week_of_failures_records_at_most_a_handful_of_reasons()
    {
        var b = new BoardRig(clockSet: true);
        for (var i = 0; i < 400; i++)
            b.Client.FailBeforeBroker(i % 2 == 0 ? "no answer from broker.maple-court.lan" : "socket error " + i);
        b.Rig.Settled();

        b.RunMinutes(6 * 60);

        Assert.True(b.Client.Connects > 300, $"{b.Client.Connects} attempts in six hours");
        var brokerFailures = b.LinkRecords().Where(r => r.StartsWith("BROKER_FAILED", StringComparison.Ordinal)).ToList();
        Assert.True(FailureNotes.MaxRecordedPerOutage == brokerFailures.Count, string.Join("\n", brokerFailures));
    }

    [Fact]
    public void Losing_the_network_drops_the_broker_link_and_reconnects_with_a_new_birth()
    {
        var b = new BoardRig(clockSet: true);
        b.Rig.Settled();
        b.Run(3000);
        Assert.Equal(LinkState.Connected, b.Node.LinkState);

        b.Network.Drop("link lost");
        b.Run(100);
        Assert.NotEqual(LinkState.Connected, b.Node.LinkState);
        Assert.Equal(IndicatorMode.Offline, b.Rig.Controller.Indicator.Mode);
        b.RunMinutes(1);
        b.AckAll();

        Assert.Equal(LinkState.Connected, b.Node.LinkState);
        var births = b.Published("status").Where(s => s.GetProperty("state").GetString() == "online").ToList();
        Assert.Equal(new[] { 1, 2 }, births.Select(s => s.GetProperty("conn").GetInt32()));
        Assert.Contains("NETWORK_LOST: link lost", b.LinkRecords());
    }

    [Fact]
    public void A_late_callback_from_a_dropped_connection_is_ignored()
    {
        var b = new BoardRig(clockSet: true);
        b.Rig.Settled();
        b.Run(3000);
        var old = b.Client.Connection;
        b.Client.Drop("keep-alive timeout");
        b.RunMinutes(1);
        Assert.Equal(LinkState.Connected, b.Node.LinkState);
        Assert.NotEqual(old, b.Client.Connection);
        var unlocksBefore = b.Rig.History.Count(e => e.Type == EventType.Command);

        b.Client.Sink!.Closed(old, "late close of the old connection");
        b.Client.Sink!.Acknowledged(old, 1);
        b.Run(200);

        Assert.Equal(LinkState.Connected, b.Node.LinkState);
        Assert.Equal(unlocksBefore, b.Rig.History.Count(e => e.Type == EventType.Command));
    }

    [Fact]
    public void A_visitor_call_runs_the_same_protocol_as_on_the_simulated_boards()
    {
        var b = new BoardRig(clockSet: true);
        b.Rig.Settled();
        b.Run(3000);
        b.AckAll();

        b.Rig.Press(InputFunction.CallButton);
        b.AckAll(); // the duty room has the call: it rings
        Assert.Equal(CallState.Ringing, b.Rig.Controller.Call.State);
        var callId = b.Rig.Controller.Call.CallId;
        b.Command("answer", callId);
        b.Command("unlock", "");

        Assert.True(b.Rig.LockPinReleased);
        var replies = b.Published("reply");
        Assert.Equal(new[] { "ok", "ok" }, replies.Select(r => r.GetProperty("result").GetString()));
        Assert.Equal(new[] { "req-1", "req-2" }, replies.Select(r => r.GetProperty("id").GetString()));
        b.AckAll();
        var calls = b.PublishedEvents().Where(e => e.GetProperty("type").GetString() == "call").Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Equal(new[] { "CALLING", "RINGING", "CONNECTED" }, calls.Take(3).Select(s => s!.ToUpperInvariant()));
        var seqs = b.PublishedEvents().Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.OrderBy(s => s), seqs);
    }
}
