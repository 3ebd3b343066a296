namespace Kiosk.DutyRoom.Desk;

/// <summary>
/// What became of a command: the device's result (ok, rejected, expired, replay, bad-signature,
/// busy, door-not-opened, invalid) or the console's own (timeout, not-registered, broker-down, not-allowed).
/// </summary>
public sealed record CommandOutcome(string RequestId, string Result, string Detail)
{
    public bool Ok => Result == "ok";

    public override string ToString() => Detail.Length == 0 ? Result : Result + " (" + Detail + ")";
}
