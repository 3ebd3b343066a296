using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Kiosk.Core.Security;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Desk;
using Kiosk.DutyRoom.Live;
using Kiosk.DutyRoom.Localization;
using Kiosk.DutyRoom.Mqtt;
using Kiosk.DutyRoom.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Desk;

/// <summary>
/// The console's message handling without a browser: what the entrances publish becomes calls,
/// alarms and the live picture exactly once; malformed input is refused and counted; commands are
/// signed with the registry's key and answered by the device's reply.
/// </summary>
public sealed class MessageRouterTests : IDisposable
{
    private const string Site = "maple-court";
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly TestStores _db = TestStores.Sqlite();
    private readonly FakeBus _bus = new();
    private readonly LiveSite _live = new();
    private readonly MessageRouter _router;
    private readonly CallDesk _calls;
    private readonly AlarmDesk _alarms;
    private readonly Operator _li;
    private readonly AheadClock _clock = new();
    private readonly StateRequests _states;
    private long _seq;

    public MessageRouterTests()
    {
        var clock = _clock;
        var options = new ConsoleOptions { CommandTimeoutSeconds = 2 };
        var commander = new Commander(_db.Stores, _bus, clock, options);
        var guard = new Kiosk.DutyRoom.Auth.OperatorGuard(_db.Stores, clock);
        _calls = new CallDesk(_db.Stores, commander, _live, clock, guard);
        _alarms = new AlarmDesk(_db.Stores, commander, _live, clock, guard);
        _states = new StateRequests(commander, clock, NullLogger<StateRequests>.Instance, TimeSpan.Zero); // at once, on this thread
        _router = new MessageRouter(_db.Stores, _live, _calls, _alarms, commander, clock, NullLogger<MessageRouter>.Instance, states: _states);
        _bus.Router = _router;
        _db.Stores.Devices.Add(Site, "main-gate", "Main gate", Convert.ToHexString(Key), "test", DateTimeOffset.UtcNow);
        _li = _db.Stores.Operators.Create("li", "Li Wei", "0123456789", Roles.Operator, DateTimeOffset.UtcNow);
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public void The_entrance_refusing_an_ack_while_the_door_is_still_open_is_no_security_alarm()
    {
        // Issue 20: the board's own "acknowledge: 1 still active" is an ordinary attempt, not a forged command.
        Event("command", "rejected", "operator:li", "acknowledge: 1 still active");
        Assert.DoesNotContain(_db.Stores.Alarms.Open(), a => a.Kind == AlarmDesk.Security);
        Event("command", "rejected", "mqtt", "unlock: retained command dropped");
        Assert.Contains(_db.Stores.Alarms.Open(), a => a.Kind == AlarmDesk.Security);
    }

    private void Event(string type, string? name, string src, string detail = "", long? seq = null)
    {
        var s = seq ?? ++_seq;
        var named = name is null ? "" : $"\"name\":\"{name}\",";
        _router.Handle($"kiosk/v1/{Site}/main-gate/events", Encoding.ASCII.GetBytes(
            $"{{\"v\":1,\"site\":\"{Site}\",\"dev\":\"main-gate\",\"boot\":4,\"seq\":{s},\"ts\":\"2026-11-24T21:00:{s % 60:00}.000Z\",\"synced\":true,\"type\":\"{type}\",\"code\":1,{named}\"src\":\"{src}\",\"detail\":\"{detail}\"}}"));
    }

    private void Status(bool online, long conn) =>
        _router.Handle($"kiosk/v1/{Site}/main-gate/status", Encoding.ASCII.GetBytes(
            $"{{\"v\":1,\"dev\":\"main-gate\",\"state\":\"{(online ? "online" : "offline")}\",\"boot\":4,\"conn\":{conn},\"ts\":\"2026-11-24T21:00:00.000Z\",\"fw\":\"0.6.0\",\"cfg\":1}}"));

    [Fact]
    public void A_heartbeat_gives_the_live_picture_the_board_heap_and_whether_its_clock_is_set()
    {
        _router.Handle($"kiosk/v1/{Site}/main-gate/heartbeat", Encoding.ASCII.GetBytes(
            "{\"v\":1,\"dev\":\"main-gate\",\"boot\":4,\"ts\":\"1970-01-01T00:01:00.000Z\",\"uptime\":60,\"freeMem\":81234,\"rssi\":0,\"backlog\":3,\"synced\":false}"));

        var view = _live.Entrances.Single(e => e.Device == "main-gate");
        Assert.Equal(81234, view.FreeMemory);
        Assert.False(view.ClockSynced);
        Assert.Equal(3, view.Backlog);
    }

    [Fact]
    public void A_board_heard_by_heartbeat_before_any_birth_is_online_and_a_later_will_still_takes_it_offline()
    {
        // RabbitMQ 3.x gives the console's wildcard subscription no retained births: after a console
        // restart the first it hears of a board may be its heartbeat.
        _router.Handle($"kiosk/v1/{Site}/main-gate/heartbeat", Encoding.ASCII.GetBytes(
            "{\"v\":1,\"dev\":\"main-gate\",\"boot\":4,\"ts\":\"1970-01-01T00:01:00.000Z\",\"uptime\":60,\"freeMem\":81234,\"rssi\":0,\"backlog\":0,\"synced\":true}"));
        var view = _live.Entrances.Single(e => e.Device == "main-gate");
        Assert.Equal("online", view.Connection(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(2)));
        Assert.Equal(4, view.Boot);

        Status(online: false, conn: 3);

        Assert.Equal("offline", view.Connection(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(2)));
        _router.Handle($"kiosk/v1/{Site}/main-gate/heartbeat", Encoding.ASCII.GetBytes(
            "{\"v\":1,\"dev\":\"main-gate\",\"boot\":4,\"ts\":\"1970-01-01T00:01:30.000Z\",\"uptime\":90,\"freeMem\":81234,\"rssi\":0,\"backlog\":0,\"synced\":true}"));
        Assert.Equal("offline", view.Connection(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(2))); // a birth, not a heartbeat, brings it back once a status is known
    }

    [Fact]
    public void A_board_heard_while_its_door_state_is_unknown_is_asked_for_it_once_signed_and_not_again_once_it_is_known()
    {
        // RabbitMQ 3.x gives a restarted console no retained state: without asking, the door shows "?" until it next changes.
        Heartbeat(60);
        var asked = _bus.Commands.Single(c => c.GetProperty("cmd").GetString() == "state");
        var signed = ToSigned(asked);
        Assert.Equal(("main-gate", "", StateRequests.Sender), (signed.DeviceId, signed.Argument, signed.Sender));
        Assert.Equal(Convert.ToHexStringLower(new Kiosk.HostSim.Adapters.BclHmacSha256().Compute(Key, Encoding.UTF8.GetBytes(signed.Canonical()))), signed.Mac); // the device's key
        Assert.Equal($"kiosk/v1/{Site}/main-gate/reply", _bus.ResponseTopics.Last());

        Heartbeat(90);
        Assert.Single(_bus.Commands); // not again at every heartbeat
        _clock.Ahead = StateRequests.Again + TimeSpan.FromSeconds(1);
        Heartbeat(400);
        Assert.Equal(2, _bus.Commands.Count); // the state never came: asked again, no sooner than Again

        _router.Handle($"kiosk/v1/{Site}/main-gate/state", Encoding.ASCII.GetBytes(
            "{\"v\":1,\"dev\":\"main-gate\",\"door\":\"closed\",\"lock\":\"secure\",\"lockdown\":false,\"fire\":false,\"call\":\"idle\",\"callId\":\"\",\"night\":true,\"light\":12,\"latched\":[],\"boot\":4}"));
        var view = _live.Entrances.Single(e => e.Device == "main-gate");
        Assert.True(view.StateKnown);
        Assert.Equal("closed", view.Door);
        _clock.Ahead = StateRequests.Again * 3;
        Heartbeat(900);
        Assert.Equal(2, _bus.Commands.Count);
        Assert.Equal(2, _states.Asked);
    }

    [Fact]
    public void A_board_not_in_the_registry_is_not_asked_for_its_state()
    {
        _router.Handle($"kiosk/v1/{Site}/side-gate/heartbeat", Encoding.ASCII.GetBytes(
            "{\"v\":1,\"dev\":\"side-gate\",\"boot\":4,\"ts\":\"1970-01-01T00:01:00.000Z\",\"uptime\":60,\"freeMem\":81234,\"rssi\":0,\"backlog\":0,\"synced\":true}"));
        Assert.Empty(_bus.Commands); // it has no key here: nothing could be signed for it
    }

    [Fact]
    public void A_board_whose_clock_is_not_set_is_not_asked_it_would_refuse_as_a_security_event()
    {
        Heartbeat(60, synced: false);
        Assert.Empty(_bus.Commands);
        Heartbeat(90); // its clock set meanwhile (sntp or a time command)
        Assert.Single(_bus.Commands, c => c.GetProperty("cmd").GetString() == "state");
    }

    [Fact]
    public void A_request_that_waits_is_dropped_when_the_state_comes_meanwhile()
    {
        // Consoles restarted together: another console's request made the board publish; this one need not ask too.
        var commander = new Commander(_db.Stores, _bus, _clock, new ConsoleOptions { CommandTimeoutSeconds = 2 });
        var states = new StateRequests(commander, _clock, NullLogger<StateRequests>.Instance, TimeSpan.FromMilliseconds(300));
        var view = _live.Entrances.FirstOrDefault(e => e.Device == "main-gate") ?? new EntranceView(Site, "main-gate");

        states.OnHeard(view);
        view.StateKnown = true; // the state arrives before the request goes
        Assert.True(System.Threading.SpinWait.SpinUntil(() => states.AnsweredMeanwhile == 1, TimeSpan.FromSeconds(10)));

        Assert.Equal((1, 0), (states.Asked, states.Sent));
        Assert.Empty(_bus.Commands);
    }

    private void Heartbeat(long uptime, bool synced = true) =>
        _router.Handle($"kiosk/v1/{Site}/main-gate/heartbeat", Encoding.ASCII.GetBytes(
            $"{{\"v\":1,\"dev\":\"main-gate\",\"boot\":4,\"ts\":\"1970-01-01T00:00:00.000Z\",\"uptime\":{uptime},\"freeMem\":81234,\"rssi\":0,\"backlog\":0,\"synced\":{(synced ? "true" : "false")}}}"));

    /// <summary>The wall clock moved on by <see cref="Ahead"/>.</summary>
    private sealed class AheadClock : ConsoleClock
    {
        public TimeSpan Ahead { get; set; }
        public override DateTimeOffset Now => DateTimeOffset.UtcNow + Ahead;
    }

    [Fact]
    public async Task A_call_from_event_to_open_door_keeps_its_story_and_the_unlock_is_signed_with_the_registry_key()
    {
        Event("call", "calling", "4-1");
        Event("call", "ringing", "4-1");
        Event("call", "ringing", "4-1", seq: 2); // at-least-once: the same event again

        Assert.Single(_calls.Ringing());
        _bus.Reply = "ok";
        Assert.True((await _calls.AnswerAsync(_li, "main-gate", "4-1")).Ok);
        Assert.Empty(_calls.Ringing());
        var opened = await _calls.OpenAsync(_li, "main-gate", "4-1");
        Event("door", "OPEN_AUTHORISED", "contact");
        Event("door", "LOCKED_CLOSED", "contact");

        Assert.True(opened.Ok, opened.Message);
        var unlock = _bus.Commands.Single(c => c.GetProperty("cmd").GetString() == "unlock");
        Assert.Equal("operator:li", unlock.GetProperty("from").GetString());
        var signed = ToSigned(unlock);
        Assert.Equal(Convert.ToHexStringLower(new Kiosk.HostSim.Adapters.BclHmacSha256().Compute(Key, Encoding.UTF8.GetBytes(signed.Canonical()))), signed.Mac); // the device's key
        Assert.Equal($"kiosk/v1/{Site}/main-gate/reply", _bus.ResponseTopics.Last());
        var call = _db.Stores.Calls.Get("main-gate", "4-1")!;
        Assert.Equal(("li", "ok"), (call.AnsweredBy, call.UnlockResult));
        Assert.NotNull(call.DoorOpenedAt);
        Assert.NotNull(call.DoorClosedAt);
    }

    [Fact]
    public async Task A_second_operator_cannot_take_a_call_that_is_taken()
    {
        var wang = _db.Stores.Operators.Create("wang", "Wang Fang", "0123456789", Roles.Operator, DateTimeOffset.UtcNow);
        Event("call", "calling", "4-2");
        _bus.Reply = "ok";

        await _calls.AnswerAsync(_li, "main-gate", "4-2");
        var second = await _calls.AnswerAsync(wang, "main-gate", "4-2");
        var open = await _calls.OpenAsync(wang, "main-gate", "4-2");

        Assert.Equal((false, "taken by Li Wei"), (second.Ok, second.Message)); // the operator as people know them (issue 20)
        Assert.False(open.Ok);
        Assert.DoesNotContain(_bus.Commands, c => c.GetProperty("from").GetString() == "operator:wang");
    }

    [Fact]
    public async Task A_device_alarm_is_cleared_only_by_the_device_after_the_acknowledge_command()
    {
        Event("alarm-raised", "forced-open", "door");
        Event("alarm-restored", "forced-open", "door");
        var alarm = _db.Stores.Alarms.Open().Single();

        var noNote = await _alarms.AcknowledgeAsync(_li, alarm.Id, " ");
        _bus.Reply = "ok";
        var acked = await _alarms.AcknowledgeAsync(_li, alarm.Id, "checked on camera");

        Assert.False(noNote.Ok);
        Assert.True(acked.Ok);
        Assert.Equal("forced-open", _bus.Commands.Last().GetProperty("arg").GetString());
        Assert.Single(_db.Stores.Alarms.Open()); // still latched at the door until it says so
        Event("alarm-reset", "forced-open", "door", "by operator:li");
        Assert.Empty(_db.Stores.Alarms.Open());
    }

    [Fact]
    public async Task No_reply_is_a_timeout_and_the_alarm_stays()
    {
        Event("alarm-raised", "tamper", "tamper-3");
        Event("alarm-restored", "tamper", "tamper-3"); // over: the ack is sent (one still going on is refused before sending)
        _bus.Reply = null;

        var result = await _alarms.AcknowledgeAsync(_li, _db.Stores.Alarms.Open().Single().Id, "on my way");

        Assert.Contains(result.Said.Args, a => a is Phrase { Key: "Result.timeout" }); // the console's own result, worded on screen: "no reply in time"
        Assert.Contains(new Phrase("Result.timeout"), result.Said.Args); // the console's own result, in words for the screen: "no reply in time"
        Assert.Single(_db.Stores.Alarms.Open());
    }

    [Fact]
    public void Refused_commands_and_a_lost_connection_become_console_alarms_and_a_late_will_changes_nothing()
    {
        Status(online: true, conn: 2);
        Status(online: false, conn: 1); // a late will from the older connection
        Assert.Empty(_db.Stores.Alarms.Open());
        Assert.True(_live.Find("main-gate")!.Online);
        Assert.Equal("0.6.0", _db.Stores.Archive.Status("main-gate")!.Firmware);

        Event("command", "replay", "operator:mallory", "unlock replay");
        Event("command", "bad-signature", "operator:mallory", "unlock bad MAC");
        Status(online: false, conn: 2);

        var kinds = _db.Stores.Alarms.Open().Select(a => a.Kind + ":" + a.Name).OrderBy(k => k).ToList();
        Assert.Equal(["device-offline:link", "security:bad-signature", "security:replay"], kinds);
        Assert.False(_live.Find("main-gate")!.Online);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"v\":2,\"dev\":\"main-gate\"}")]
    [InlineData("{\"v\":1,\"dev\":\"side-gate\",\"state\":\"online\",\"boot\":1,\"conn\":1}")]
    [InlineData("{\"v\":1,\"dev\":\"main-gate\",\"state\":\"sleepy\",\"boot\":1,\"conn\":1}")]
    [InlineData("[1,2,3]")]
    public void Malformed_messages_are_refused_counted_and_change_nothing(string payload)
    {
        foreach (var leaf in new[] { "status", "events", "state", "heartbeat", "reply" })
            _router.Handle($"kiosk/v1/{Site}/main-gate/{leaf}", Encoding.ASCII.GetBytes(payload));
        _router.Handle($"kiosk/v1/{Site}/main-gate/events", new byte[MessageRouter.MaxPayloadBytes + 1]);

        Assert.Equal(6, _router.Refused);
        Assert.Empty(_db.Stores.Archive.Query());
        Assert.Empty(_db.Stores.Alarms.Open());
        Assert.Null(_db.Stores.Archive.Status("main-gate"));
    }

    private static SignedCommand ToSigned(JsonElement c) => new()
    {
        DeviceId = c.GetProperty("dev").GetString()!,
        Command = c.GetProperty("cmd").GetString()!,
        Argument = c.GetProperty("arg").GetString()!,
        Sender = c.GetProperty("from").GetString()!,
        IssuedAt = c.GetProperty("iat").GetInt64(),
        ExpiresAt = c.GetProperty("exp").GetInt64(),
        Counter = c.GetProperty("ctr").GetInt64(),
        Mac = c.GetProperty("mac").GetString()!,
    };

    /// <summary>Stands in for the broker and the device: records what the console publishes and answers with <see cref="Reply"/> (null: silence).</summary>
    private sealed class FakeBus : IMessageBus
    {
        public MessageRouter Router { get; set; } = null!;
        public string? Reply { get; set; }
        public List<JsonElement> Commands { get; } = [];
        public List<string?> ResponseTopics { get; } = [];
        public bool IsConnected => true;

        public Task<bool> PublishAsync(string topic, byte[] payload, string? responseTopic, byte[]? correlation)
        {
            var command = JsonDocument.Parse(payload).RootElement.Clone();
            Commands.Add(command);
            ResponseTopics.Add(responseTopic);
            if (Reply is not null)
            {
                var id = command.GetProperty("id").GetString();
                _ = Task.Run(() => Router.Handle(responseTopic!, Encoding.ASCII.GetBytes(
                    $"{{\"v\":1,\"id\":\"{id}\",\"dev\":\"main-gate\",\"cmd\":\"{command.GetProperty("cmd").GetString()}\",\"result\":\"{Reply}\",\"detail\":\"\",\"ts\":\"2026-11-24T21:00:00.000Z\"}}")));
            }
            return Task.FromResult(true);
        }
    }
}
