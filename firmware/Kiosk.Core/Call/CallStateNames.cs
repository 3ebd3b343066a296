namespace Kiosk.Core.Call
{
    /// <summary>Wire names of call states (nanoFramework's Enum.ToString gives numbers).</summary>
    public static class CallStateNames
    {
        private static readonly string[] Names =
            { "idle", "calling", "ringing", "connected", "ended", "missed", "cancelled", "failed-offline" };

        public static string Of(CallState state)
        {
            int i = (int)state;
            return i >= 0 && i < Names.Length ? Names[i] : "unknown";
        }
    }
}
