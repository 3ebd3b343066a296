using Microsoft.Extensions.Localization;

namespace Kiosk.DutyRoom.Localization;

/// <summary>
/// What the entrances say on the wire (LOCKED_CLOSED, released, ringing, forced-open, bad-signature)
/// in the words an operator uses (门已锁闭, 锁已打开, 正在呼叫, 门被强行打开, 签名错误). A value a newer
/// firmware sends that has no words yet is shown as it came, marked unknown, rather than hidden.
/// </summary>
public static class Words
{
    public static string Door(IStringLocalizer l, string state) => Say(l, "Door.", state);

    public static string Lock(IStringLocalizer l, string state) => Say(l, "Lock.", state);

    public static string Call(IStringLocalizer l, string state) => Say(l, "Call.", state);

    public static string Alarm(IStringLocalizer l, string kind) => Say(l, "Alarm.", kind);

    public static string Result(IStringLocalizer l, string result) => Say(l, "Result.", result);

    public static string Connection(IStringLocalizer l, string connection) => Say(l, "Connection.", connection);

    public static string EventType(IStringLocalizer l, string type) => Say(l, "EventType.", type);

    public static string Role(IStringLocalizer l, string role) => Say(l, "Role.", role);

    /// <summary>An event's name: door, call, alarm and command events name a state, a kind or a result; other names (inputs, link codes) as they came.</summary>
    public static string? EventName(IStringLocalizer l, string type, string? name) => name is null ? null : type switch
    {
        "door" => Door(l, name),
        "call" => Call(l, name),
        "alarm-raised" or "alarm-restored" or "alarm-reset" => Alarm(l, name),
        "command" => Result(l, name),
        _ => name,
    };

    private static string Say(IStringLocalizer l, string prefix, string value)
    {
        var words = l[prefix + value];
        return words.ResourceNotFound ? l["Words.Unknown", value] : words.Value;
    }
}
