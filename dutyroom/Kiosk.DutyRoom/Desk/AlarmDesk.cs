using System;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Live;
using Kiosk.DutyRoom.Sites;

namespace Kiosk.DutyRoom.Desk;

/// <summary>
/// Alarms: the entrance's latched ones (forced open, held open, tamper, fire, lamp failure, door
/// fault, …) and the console's own (device offline, refused commands). Acknowledging needs a note.
/// A device alarm is acknowledged by sending the signed `ack` command; it clears only when the
/// device reports the reset, never by the console alone.
/// </summary>
public sealed class AlarmDesk(Stores stores, Commander commander, LiveSite live, ConsoleClock clock, Auth.OperatorGuard guard)
{
    public const string DeviceOffline = "device-offline";
    public const string Security = "security";

    /// <summary>The command results that are security events: someone sent what the device refused.</summary>
    public static bool IsSecurityRefusal(string? result) => result is "bad-signature" or "replay" or "expired" or "invalid" or "rejected";

    /// <summary>
    /// The entrance's own answer to an ack while the condition lasts ("acknowledge: 1 still active",
    /// EntranceController.Acknowledge): an ordinary attempt, not a security event.
    /// </summary>
    public static bool IsStillActiveRefusal(string? result, string? detail) =>
        result == "rejected" && detail is not null && detail.StartsWith("acknowledge: ", StringComparison.Ordinal) && detail.EndsWith(" still active", StringComparison.Ordinal);

    private DeskResult StillActive(AlarmRecord alarm)
    {
        var where = live.Find(alarm.Device)?.Label ?? alarm.Device;
        return alarm.Kind is "forced-open" or "held-open" or "door-fault"
            ? DeskResult.Refused("Desk.CloseDoorFirst", where)
            : DeskResult.Refused("Desk.ConditionFirst", where);
    }

    public void OnDeviceAlarm(string site, string device, string type, string kind, string name, string detail, DateTimeOffset at)
    {
        switch (type)
        {
            case "alarm-raised":
                stores.Alarms.Raise(site, device, kind, name, AlarmRecord.FromDevice, detail, at);
                break;
            case "alarm-restored":
                stores.Alarms.Restored(device, kind, name, at);
                break;
            case "alarm-reset":
                stores.Alarms.ClearFromDevice(device, kind, at);
                break;
        }
        live.Notify();
    }

    public void OnOffline(string site, string device, DateTimeOffset at)
    {
        stores.Alarms.Raise(site, device, DeviceOffline, "link", AlarmRecord.FromConsole, "the entrance's connection was lost (last will)", at);
        live.Notify();
    }

    public void OnOnline(string device, DateTimeOffset at)
    {
        stores.Alarms.Restored(device, DeviceOffline, "link", at);
        live.Notify();
    }

    public void OnSecurityEvent(string site, string device, string result, string sender, string detail, DateTimeOffset at)
    {
        stores.Alarms.Raise(site, device, Security, result, AlarmRecord.FromConsole, $"{detail} from {sender}", at);
        live.Notify();
    }

    public async Task<DeskResult> AcknowledgeAsync(Operator op, long alarmId, string note)
    {
        if (guard.Allow(op, "alarm.ack", alarmId.ToString(System.Globalization.CultureInfo.InvariantCulture)) is not { } current)
            return Auth.OperatorGuard.NotAllowed;
        op = current;
        var alarm = stores.Alarms.Get(alarmId);
        var target = alarm is null ? alarmId.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{alarm.Device}/{alarm.Kind}:{alarm.Name}";
        DeskResult result;
        if (alarm is null || !alarm.IsOpen)
            result = DeskResult.Refused("Desk.NoOpenAlarm");
        else if (!stores.ScopeOf(op).Allows(alarm.Site))
            result = DeskResult.Refused("Desk.NotYourSite");
        else if (string.IsNullOrWhiteSpace(note))
            result = DeskResult.Refused("Desk.NoteRequired");
        else if (alarm.Origin == AlarmRecord.FromDevice && alarm.RestoredAt is null)
            // Still going on (the door is still open): the entrance would refuse the reset. Say what to do
            // instead of sending an ack it must refuse, which read as a second, security alarm (issue 20).
            result = StillActive(alarm);
        else if (alarm.Origin == AlarmRecord.FromConsole)
        {
            stores.Alarms.Acknowledge(alarmId, op.Username, note.Trim(), "ok", clock.Now);
            stores.Alarms.Clear(alarmId, clock.Now);
            result = DeskResult.Done("Desk.Acknowledged");
        }
        else
        {
            var outcome = await commander.SendAsync(alarm.Device, "ack", alarm.Kind, "operator:" + op.Username);
            stores.Alarms.Acknowledge(alarmId, op.Username, note.Trim(), outcome.Result, clock.Now);
            result = outcome.Ok
                ? DeskResult.Done("Desk.AcknowledgedEntranceResets")
                : outcome.Result == "rejected" && outcome.Detail.Length == 0 ? StillActive(alarm) // the board's one reason to reject a signed, fresh ack
                : DeskResult.Refused("Desk.AlarmStaysLatched", outcome.Said);
        }
        stores.Audit.Record(op.Username, "alarm.ack", target, note?.Trim() + " → " + result.Message, result.Ok ? "ok" : "refused", clock.Now);
        live.Notify();
        return result;
    }
}
