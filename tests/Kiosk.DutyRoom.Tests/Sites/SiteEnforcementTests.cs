using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Desk;
using Kiosk.DutyRoom.Live;
using Kiosk.DutyRoom.Mqtt;
using Kiosk.DutyRoom.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Sites;

/// <summary>
/// The desks check the operator's sites at the moment of each action, from the database (issue 16):
/// another estate's call, door or alarm is refused and audited before any command leaves, and a site
/// taken away takes effect at the next action.
/// </summary>
public sealed class SiteEnforcementTests : IDisposable
{
    private readonly TestStores _db = TestStores.Sqlite();
    private readonly RecordingBus _bus = new();
    private readonly CallDesk _calls;
    private readonly DoorDesk _doors;
    private readonly AlarmDesk _alarms;
    private readonly MessageRouter _router;
    private readonly Operator _li;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public SiteEnforcementTests()
    {
        var clock = new ConsoleClock();
        var live = new LiveSite();
        var options = new ConsoleOptions { CommandTimeoutSeconds = 1, OperatorsMayControlDoors = true };
        var commander = new Commander(_db.Stores, _bus, clock, options);
        var guard = new Kiosk.DutyRoom.Auth.OperatorGuard(_db.Stores, clock);
        _calls = new CallDesk(_db.Stores, commander, live, clock, guard);
        _doors = new DoorDesk(_db.Stores, commander, live, clock, options, guard);
        _alarms = new AlarmDesk(_db.Stores, commander, live, clock, guard);
        _router = new MessageRouter(_db.Stores, live, _calls, _alarms, commander, clock, NullLogger<MessageRouter>.Instance);
        _db.Stores.Devices.Add("fenglin-yuan", "fl-east-gate", "东门岗亭", new string('1', 64), "test", _now);
        _db.Stores.Devices.Add("guihua-yuan", "gh-north-gate", "北门岗亭", new string('2', 64), "test", _now);
        live.SyncRegistry(_db.Stores.Devices, _db.Stores.Archive);
        _li = _db.Stores.Operators.Create("li", "李伟", "0123456789", Roles.Operator, _now);
        _db.Stores.SiteAssignments.Assign("li", "fenglin-yuan", "chen", _now);
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Another_site_s_call_door_and_alarm_are_refused_before_any_command_is_sent()
    {
        _db.Stores.Calls.Progress("guihua-yuan", "gh-north-gate", "1-1", "ringing", _now);
        var (alarm, _) = _db.Stores.Alarms.Raise("guihua-yuan", "gh-north-gate", "forced-open", "door", AlarmRecord.FromDevice, "", _now);

        Assert.Empty(_calls.RingingFor(_li)); // it never rings for li
        Assert.Single(_calls.Ringing());
        var answer = await _calls.AnswerAsync(_li, "gh-north-gate", "1-1");
        var open = await _doors.OpenAsync(_li, "gh-north-gate");
        var lockDown = await _doors.LockDownAsync(_li, "gh-north-gate", on: true);
        var ack = await _alarms.AcknowledgeAsync(_li, alarm, "checked");
        var dealt = _calls.MarkDealt(_li, "gh-north-gate", "1-1");

        Assert.All(new[] { answer, open, lockDown, ack, dealt }, r => Assert.Equal((false, "Desk.NotYourSite"), (r.Ok, r.Said.Key)));
        Assert.Empty(_bus.Topics); // nothing left the console
        Assert.Null(_db.Stores.Calls.Get("gh-north-gate", "1-1")!.AnsweredBy);
        Assert.True(_db.Stores.Alarms.Get(alarm)!.IsOpen);
        Assert.Equal(5, _db.Stores.Audit.Recent(actor: "li").Count(a => a.Result == "refused"));
    }

    [Fact]
    public async Task A_site_assigned_or_taken_away_counts_from_the_next_action()
    {
        _db.Stores.Calls.Progress("guihua-yuan", "gh-north-gate", "1-1", "ringing", _now);
        _db.Stores.SiteAssignments.Assign("li", "guihua-yuan", "chen", _now);

        Assert.Single(_calls.RingingFor(_li));
        var answer = await _calls.AnswerAsync(_li, "gh-north-gate", "1-1");
        Assert.True(answer.Ok);
        Assert.Equal(["kiosk/v1/guihua-yuan/gh-north-gate/cmd"], _bus.Topics);

        // Taken away while li holds the call: the next step on it is refused.
        _db.Stores.SiteAssignments.Unassign("li", "guihua-yuan");
        var open = await _calls.OpenAsync(_li, "gh-north-gate", "1-1");
        Assert.Equal((false, "Desk.NotYourSite"), (open.Ok, open.Said.Key));
        Assert.Single(_bus.Topics);
    }

    [Fact]
    public void A_message_from_another_site_under_a_registered_device_id_is_refused()
    {
        _router.Handle("kiosk/v1/guihua-yuan/fl-east-gate/status", Encoding.ASCII.GetBytes(
            "{\"v\":1,\"dev\":\"fl-east-gate\",\"state\":\"online\",\"boot\":1,\"conn\":1,\"ts\":\"2026-11-24T21:00:00.000Z\",\"fw\":\"0.6.0\",\"cfg\":1}"));

        Assert.Equal(1, _router.Refused);
        Assert.Null(_db.Stores.Archive.Status("fl-east-gate"));
    }

    [Fact]
    public void A_backlog_event_from_another_site_under_a_registered_device_id_is_refused_by_the_archive_lane_too()
    {
        var forged = new Kiosk.DutyRoom.Data.IncomingMessage("kiosk/v1/guihua-yuan/fl-east-gate/events", Encoding.UTF8.GetBytes(
            "{\"v\":1,\"site\":\"guihua-yuan\",\"dev\":\"fl-east-gate\",\"boot\":1,\"seq\":1,\"ts\":\"2026-11-24T21:00:00.000Z\",\"synced\":true,\"type\":\"patrol\",\"code\":2,\"src\":\"p1\",\"detail\":\"check-in\"}"), _now);
        var genuine = forged with { Topic = "kiosk/v1/fenglin-yuan/fl-east-gate/events", Payload = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(forged.Payload).Replace("guihua-yuan", "fenglin-yuan", StringComparison.Ordinal)) };

        _router.HandleBatch([forged, genuine]);

        Assert.Equal(1, _router.Refused);
        Assert.Equal("fenglin-yuan", Assert.Single(_db.Stores.Archive.Query(device: "fl-east-gate")).Site);
    }

    /// <summary>Records what the desks publish; no entrance answers (a command that is sent waits for its 1 s timeout).</summary>
    private sealed class RecordingBus : IMessageBus
    {
        public List<string> Topics { get; } = [];
        public bool IsConnected => true;

        public Task<bool> PublishAsync(string topic, byte[] payload, string? responseTopic, byte[]? correlation)
        {
            Topics.Add(topic);
            return Task.FromResult(true);
        }
    }
}
