using Kiosk.Core.Commands;

namespace Kiosk.Core.Events
{
    /// <summary>
    /// What the event store keeps when it is nearly full of undelivered records (docs/protocol.md,
    /// "What the store keeps"). Door, alarm, call, patrol, lighting and accepted-command records are
    /// what the estate is graded and judged on; routine records (security refusals, link trouble,
    /// day/night, relay switching, clock steps) give way to them: under pressure a routine record
    /// is counted, not written, so anyone who can publish garbage to a command topic cannot erase
    /// a forced-door record.
    /// </summary>
    public static class Retention
    {
        public static bool IsRoutine(EventType type, int code)
        {
            switch (type)
            {
                case EventType.Command:
                    // Refusals of commands nobody could authenticate. An accepted command, and the
                    // refusal of an authentic one (lock-down, busy, door not opened), are access records.
                    return code == (int)CommandResult.Invalid || code == (int)CommandResult.BadSignature
                        || code == (int)CommandResult.Expired || code == (int)CommandResult.Replay;
                case EventType.RefusalSummary:
                case EventType.Link:
                case EventType.LowMemory:
                case EventType.DayNight:
                case EventType.LampRelay:
                case EventType.ClockSet:
                case EventType.InputsDropped:
                    return true;
                default:
                    return false;
            }
        }
    }
}
