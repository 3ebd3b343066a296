using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Live;
using Kiosk.DutyRoom.Localization;
using Kiosk.DutyRoom.Sites;

namespace Kiosk.DutyRoom.Desk;

/// <summary>
/// Door control outside calls: open, lock-down on and off. Administrators only, unless the console
/// is configured to let operators do it too. The device's reply is shown and audited.
/// </summary>
public sealed class DoorDesk(Stores stores, Commander commander, LiveSite live, ConsoleClock clock, ConsoleOptions options, Auth.OperatorGuard guard)
{
    public bool MayControl(Operator op) => op.IsAdministrator || options.OperatorsMayControlDoors;

    public Task<DeskResult> OpenAsync(Operator op, string device) => SendAsync(op, device, "door.open", "unlock", "");

    public Task<DeskResult> LockDownAsync(Operator op, string device, bool on) =>
        SendAsync(op, device, on ? "door.lockdown-on" : "door.lockdown-off", "lockdown", on ? "on" : "off");

    private async Task<DeskResult> SendAsync(Operator op, string device, string action, string command, string argument)
    {
        // The role is read again now: the screen's operator may have been demoted or disabled since it opened.
        if (guard.Allow(op, action, device) is not { } current)
            return Auth.OperatorGuard.NotAllowed;
        op = current;
        DeskResult result;
        if (!MayControl(op))
            result = DeskResult.Refused("Desk.DoorControlAdminsOnly");
        else if (!stores.MayActOn(op, device))
            result = DeskResult.Refused("Desk.NotYourSite");
        else
        {
            var outcome = await commander.SendAsync(device, command, argument, "operator:" + op.Username);
            var what = new Phrase("Command." + (argument.Length == 0 ? command : command + "-" + argument));
            result = outcome.Ok ? DeskResult.Done("Desk.CommandOk", what) : DeskResult.Refused("Desk.CommandFailed", what, outcome.Said);
        }
        stores.Audit.Record(op.Username, action, device, result.Message, result.Ok ? "ok" : "refused", clock.Now);
        live.Notify();
        return result;
    }
}
