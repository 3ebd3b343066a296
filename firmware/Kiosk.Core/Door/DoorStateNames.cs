namespace Kiosk.Core.Door
{
    /// <summary>Wire names of door states (nanoFramework's Enum.ToString gives numbers).</summary>
    public static class DoorStateNames
    {
        private static readonly string[] Names =
            { "", "LOCKED_CLOSED", "UNLOCKED", "OPEN_AUTHORISED", "DOOR_OPEN_TOO_LONG", "FORCED_OPEN", "FREE_ACCESS", "LOCK_DOWN", "DOOR_FAULT" };

        public static string Of(DoorState state)
        {
            int i = (int)state;
            return i > 0 && i < Names.Length ? Names[i] : "UNKNOWN";
        }
    }
}
