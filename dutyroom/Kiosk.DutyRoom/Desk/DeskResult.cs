namespace Kiosk.DutyRoom.Desk;

/// <summary>How an operator's action went, in words for the screen.</summary>
public sealed record DeskResult(bool Ok, string Message)
{
    public static DeskResult Done(string message) => new(true, message);

    public static DeskResult Refused(string message) => new(false, message);
}
