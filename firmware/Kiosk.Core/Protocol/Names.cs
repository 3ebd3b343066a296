using Kiosk.Core.Alarms;
using Kiosk.Core.Call;
using Kiosk.Core.Commands;
using Kiosk.Core.Door;
using Kiosk.Core.Events;

namespace Kiosk.Core.Protocol
{
    /// <summary>Wire names for the core's enums (nanoFramework's Enum.ToString gives numbers). docs/protocol.md lists them.</summary>
    public static class Names
    {
        private static readonly string[] EventTypes =
        {
            "", "boot", "door", "alarm-raised", "alarm-restored", "alarm-reset", "call", "command", "input-fault",
            "input-recovered", "patrol", "lighting", "day-night", "store-warning", "inputs-dropped", "clock-set", "lamp-relay",
            "link", "low-memory", "refusals", "fault", "access", "access-list",
        };

        private static readonly string[] LinkEvents =
            { "", "NETWORK_UP", "NETWORK_FAILED", "NETWORK_LOST", "BROKER_CONNECTED", "BROKER_FAILED", "TIME_FAILED", "STACK_HUNG" };

        private static readonly string[] AlarmKinds =
            { "", "forced-open", "held-open", "tamper", "fire", "perimeter", "emergency", "lamp-failure", "input-fault", "door-fault", "reader-lockout" };

        private static readonly string[] AccessResults =
            { "", "granted", "unknown", "expired", "not-yet-valid", "out-of-schedule", "wrong-door", "locked-out", "clock-not-set", "lock-down", "bad-frame" };

        private static readonly string[] Results =
            { "ok", "rejected", "expired", "replay", "bad-signature", "busy", "door-not-opened", "invalid" };

        public static string Of(EventType type)
        {
            int i = (int)type;
            return i > 0 && i < EventTypes.Length ? EventTypes[i] : "unknown";
        }

        public static string Of(AlarmKind kind)
        {
            int i = (int)kind;
            return i > 0 && i < AlarmKinds.Length ? AlarmKinds[i] : "unknown";
        }

        public static string Of(CommandResult result)
        {
            int i = (int)result;
            return i >= 0 && i < Results.Length ? Results[i] : "unknown";
        }

        /// <summary>The symbolic name of an event's code for door, alarm, call and command events; null for other types.</summary>
        public static string CodeName(EventType type, int code)
        {
            switch (type)
            {
                case EventType.DoorState: return DoorStateNames.Of((DoorState)code);
                case EventType.AlarmRaised:
                case EventType.AlarmRestored:
                case EventType.AlarmReset: return Of((AlarmKind)code);
                case EventType.Call: return CallStateNames.Of((CallState)code);
                case EventType.Command: return Of((CommandResult)code);
                case EventType.Link: return code > 0 && code < LinkEvents.Length ? LinkEvents[code] : null;
                case EventType.Access: return code > 0 && code < AccessResults.Length ? AccessResults[code] : null;
                default: return null;
            }
        }

        /// <summary>The alarm kind for a wire name, or 0 for "all".</summary>
        public static int AlarmKindOf(string name)
        {
            for (int i = 1; i < AlarmKinds.Length; i++)
                if (AlarmKinds[i] == name)
                    return i;
            return name == "all" ? 0 : -1;
        }
    }
}
