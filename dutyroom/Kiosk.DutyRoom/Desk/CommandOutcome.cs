using Kiosk.DutyRoom.Localization;

namespace Kiosk.DutyRoom.Desk;

/// <summary>
/// What became of a command: the device's result (ok, rejected, expired, replay, bad-signature,
/// busy, door-not-opened, invalid) or the console's own (timeout, not-registered, broker-down, not-allowed).
/// </summary>
public sealed record CommandOutcome(string RequestId, string Result, string Detail)
{
    public bool Ok => Result == "ok";

    /// <summary>The result in words ("Result.timeout"), with the device's own detail after it, untranslated, if it gave one.</summary>
    public Phrase Said => Detail.Length == 0 ? new Phrase("Result." + Result) : new Phrase("Result.WithDetail", new Phrase("Result." + Result), Detail);

    public override string ToString() => Said.English();
}
