namespace Kiosk.Core.Access
{
    /// <summary>
    /// The allow-list's weekly schedules: up to 15, each 7 days of 48 half-hours as bits (6 bytes a
    /// day, Monday first), in the estate's local time. Schedule 0 means at any time.
    /// </summary>
    public static class AccessSchedule
    {
        public const int Count = 15;
        public const int BytesPerDay = 6;
        public const int Size = 7 * BytesPerDay;
        public const int TableSize = Count * Size;

        /// <summary>
        /// Whether schedule <paramref name="schedule"/> (1..15) allows <paramref name="localDay"/>
        /// (0 = Monday .. 6 = Sunday) at <paramref name="localMinute"/> (0..1439).
        /// </summary>
        public static bool Allows(byte[] table, int schedule, int localDay, int localMinute)
        {
            if (schedule == 0)
                return true;
            if (schedule < 1 || schedule > Count)
                return false;
            int slot = localMinute / 30;
            int at = (schedule - 1) * Size + localDay * BytesPerDay + slot / 8;
            return (table[at] & (1 << (slot % 8))) != 0;
        }
    }
}
