using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Live;
using Kiosk.DutyRoom.Sites;

namespace Kiosk.DutyRoom.Desk;

/// <summary>
/// Visitor calls from the duty room's side: every live, unanswered call rings on every screen; one
/// operator takes it (the claim is atomic in the database, so two cannot); that operator registers
/// the visitor, opens or refuses, and ends. The record keeps the whole story, including the door
/// opening and closing after an unlock. Every action is audited.
/// </summary>
public sealed class CallDesk(Stores stores, Commander commander, LiveSite live, ConsoleClock clock, Auth.OperatorGuard guard)
{
    /// <summary>device → the call whose unlock succeeded and whose door we are watching.</summary>
    private readonly ConcurrentDictionary<string, string> _awaitingDoor = new(StringComparer.Ordinal);

    /// <summary>Calls that ring on every screen: live and not yet taken by anyone.</summary>
    public IReadOnlyList<CallRecord> Ringing() => stores.Calls.Live().Where(c => c.AnsweredBy is null).ToList();

    /// <summary>The calls that ring for <paramref name="op"/>: from every site assigned to them, never from another (issue 16).</summary>
    public IReadOnlyList<CallRecord> RingingFor(Operator op) => stores.Calls.Live(stores.ScopeOf(op)).Where(c => c.AnsweredBy is null).ToList();

    public void OnCallEvent(string site, string device, string callId, string state, DateTimeOffset at)
    {
        stores.Calls.Progress(site, device, callId, state, at);
        live.Notify();
    }

    public void OnDoorEvent(string device, string doorState, DateTimeOffset at)
    {
        if (!_awaitingDoor.TryGetValue(device, out var callId))
            return;
        if (doorState is "OPEN_AUTHORISED" or "DOOR_OPEN_TOO_LONG")
            stores.Calls.DoorOpened(device, callId, at);
        else if (doorState == "LOCKED_CLOSED" && stores.Calls.Get(device, callId)?.DoorOpenedAt is not null)
        {
            stores.Calls.DoorClosed(device, callId, at);
            _awaitingDoor.TryRemove(device, out _);
        }
        live.Notify();
    }

    /// <summary>The device reported that nobody opened the door before the unlock pulse ended.</summary>
    public void OnDoorNotOpened(string device)
    {
        if (_awaitingDoor.TryRemove(device, out var callId))
        {
            stores.Calls.UnlockOutcome(device, callId, "door-not-opened");
            live.Notify();
        }
    }

    public async Task<DeskResult> AnswerAsync(Operator op, string device, string callId)
    {
        if (guard.Allow(op, "call.answer", device + "/" + callId) is not { } current)
            return Auth.OperatorGuard.NotAllowed;
        op = current;
        var call = stores.Calls.Get(device, callId);
        if (call is null || !call.IsLive)
            return Audit(op, "call.answer", device, callId, DeskResult.Refused("Desk.CallNotLive"));
        if (!stores.ScopeOf(op).Allows(call.Site))
            return Audit(op, "call.answer", device, callId, DeskResult.Refused("Desk.NotYourSite"));
        if (!stores.Calls.Claim(device, callId, op.Username, clock.Now))
            return Audit(op, "call.answer", device, callId, DeskResult.Refused("Desk.TakenBy", Who(stores.Calls.Get(device, callId)?.AnsweredBy)));
        live.Notify();
        var outcome = await commander.SendAsync(device, "answer", callId, "operator:" + op.Username);
        return Audit(op, "call.answer", device, callId, outcome.Ok
            ? DeskResult.Done("Desk.Answered")
            : DeskResult.Done("Desk.AnsweredEntranceReplied", outcome.Said));
    }

    /// <summary>
    /// Records the visitor. The audit says only that one was registered: visitor details live in the
    /// call record alone, so the retention erases them everywhere (PIPL).
    /// </summary>
    public DeskResult Register(Operator op, string device, string callId, Visitor visitor)
    {
        if (guard.Allow(op, "call.register", device + "/" + callId) is not { } current)
            return Auth.OperatorGuard.NotAllowed;
        op = current;
        if (Mine(op, device, callId) is { } refused)
            return Audit(op, "call.register", device, callId, refused);
        stores.Calls.Register(device, callId, visitor);
        live.Notify();
        return Audit(op, "call.register", device, callId, DeskResult.Done("Desk.VisitorRegistered"));
    }

    public async Task<DeskResult> OpenAsync(Operator op, string device, string callId)
    {
        if (guard.Allow(op, "call.open", device + "/" + callId) is not { } current)
            return Auth.OperatorGuard.NotAllowed;
        op = current;
        if (Mine(op, device, callId) is { } refused)
            return Audit(op, "call.open", device, callId, refused);
        var outcome = await commander.SendAsync(device, "unlock", "", "operator:" + op.Username);
        stores.Calls.Decide(device, callId, "opened", op.Username, clock.Now, outcome.Result);
        if (outcome.Ok)
            _awaitingDoor[device] = callId;
        live.Notify();
        return Audit(op, "call.open", device, callId, outcome.Ok ? DeskResult.Done("Desk.DoorUnlocked") : DeskResult.Refused("Desk.NotUnlocked", outcome.Said));
    }

    /// <summary>Refusing records the decision and ends the call at the entrance.</summary>
    public async Task<DeskResult> RefuseAsync(Operator op, string device, string callId)
    {
        if (guard.Allow(op, "call.refuse", device + "/" + callId) is not { } current)
            return Auth.OperatorGuard.NotAllowed;
        op = current;
        if (Mine(op, device, callId) is { } refused)
            return Audit(op, "call.refuse", device, callId, refused);
        stores.Calls.Decide(device, callId, "refused", op.Username, clock.Now, null);
        var outcome = await commander.SendAsync(device, "end", callId, "operator:" + op.Username);
        live.Notify();
        return Audit(op, "call.refuse", device, callId, outcome.Ok ? DeskResult.Done("Desk.RefusedEnded") : DeskResult.Done("Desk.RefusedEnding", outcome.Said));
    }

    public async Task<DeskResult> EndAsync(Operator op, string device, string callId)
    {
        if (guard.Allow(op, "call.end", device + "/" + callId) is not { } current)
            return Auth.OperatorGuard.NotAllowed;
        op = current;
        if (Mine(op, device, callId) is { } refused)
            return Audit(op, "call.end", device, callId, refused);
        var outcome = await commander.SendAsync(device, "end", callId, "operator:" + op.Username);
        live.Notify();
        return Audit(op, "call.end", device, callId, outcome.Ok ? DeskResult.Done("Desk.CallEnded") : DeskResult.Refused("Desk.EntranceReplied", outcome.Said));
    }

    /// <summary>A missed call was dealt with (called back, or nothing to do): it leaves the missed list.</summary>
    public DeskResult MarkDealt(Operator op, string device, string callId)
    {
        if (guard.Allow(op, "call.dealt", device + "/" + callId) is not { } current)
            return Auth.OperatorGuard.NotAllowed;
        op = current;
        if (stores.Calls.Get(device, callId) is { } call && !stores.ScopeOf(op).Allows(call.Site))
            return Audit(op, "call.dealt", device, callId, DeskResult.Refused("Desk.NotYourSite"));
        var ok = stores.Calls.Dealt(device, callId, op.Username, clock.Now);
        live.Notify();
        return Audit(op, "call.dealt", device, callId, ok ? DeskResult.Done("Desk.MarkedDealt") : DeskResult.Refused("Desk.AlreadyDealt"));
    }

    /// <summary>Null if the operator holds this live call; else why not.</summary>
    private DeskResult? Mine(Operator op, string device, string callId)
    {
        var call = stores.Calls.Get(device, callId);
        if (call is null)
            return DeskResult.Refused("Desk.NoSuchCall");
        if (!stores.ScopeOf(op).Allows(call.Site))
            return DeskResult.Refused("Desk.NotYourSite"); // taken away from them since they answered
        if (call.AnsweredBy != op.Username)
            return call.AnsweredBy is null ? DeskResult.Refused("Desk.AnswerFirst") : DeskResult.Refused("Desk.TakenBy", Who(call.AnsweredBy));
        return null;
    }

    /// <summary>An operator as people know them (王芳), for words on screen; the audit keeps sign-in names.</summary>
    private string Who(string? username) =>
        username is null ? "?" : stores.Operators.DisplayNames().GetValueOrDefault(username, username);

    private DeskResult Audit(Operator op, string action, string device, string callId, DeskResult result)
    {
        stores.Audit.Record(op.Username, action, device + "/" + callId, result.Message, result.Ok ? "ok" : "refused", clock.Now);
        return result;
    }
}
