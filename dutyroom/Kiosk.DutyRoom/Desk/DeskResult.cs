using Kiosk.DutyRoom.Localization;

namespace Kiosk.DutyRoom.Desk;

/// <summary>How an operator's action went: a phrase the screen puts in the operator's language, and the audit log in English.</summary>
public sealed record DeskResult(bool Ok, Phrase Said)
{
    /// <summary>In English, for the audit log.</summary>
    public string Message => Said.English();

    public static DeskResult Done(string key, params object[] args) => new(true, new Phrase(key, args));

    public static DeskResult Refused(string key, params object[] args) => new(false, new Phrase(key, args));
}
