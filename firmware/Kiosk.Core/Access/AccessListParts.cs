using Kiosk.Core.Ports;
using Kiosk.Core.Security;

namespace Kiosk.Core.Access
{
    /// <summary>
    /// Cuts an allow-list update into the <c>acl</c> commands the board takes (docs/access.md):
    /// part 1 the schedule table, then up to 16 records a part in hash order. Used by the duty room
    /// and the simulator; the board only applies them (<see cref="AccessListSync"/>).
    /// </summary>
    public static class AccessListParts
    {
        /// <summary>Parts needed for <paramref name="records"/> records: the schedule part and the record parts.</summary>
        public static int Count(int records)
        {
            return 1 + (records + AccessListSync.RecordsPerPart - 1) / AccessListSync.RecordsPerPart;
        }

        /// <summary>
        /// The argument and data of part <paramref name="part"/> (1-based) of an update whose records
        /// (28 bytes each, sorted by hash) are <paramref name="records"/>.
        /// </summary>
        public static void Part(bool full, uint baseVersion, uint version, byte[] schedules, byte[] records, int part,
            IHmacSha256 hmac, byte[] key, out string argument, out string data)
        {
            int count = records.Length / AccessEntry.Size;
            int parts = Count(count);
            if (part == 1)
                data = Hex.Encode(schedules);
            else
            {
                int first = (part - 2) * AccessListSync.RecordsPerPart;
                int n = count - first < AccessListSync.RecordsPerPart ? count - first : AccessListSync.RecordsPerPart;
                byte[] slice = new byte[n * AccessEntry.Size];
                System.Array.Copy(records, first * AccessEntry.Size, slice, 0, slice.Length);
                data = Hex.Encode(slice);
            }
            argument = (full ? "full:" : "delta:") + (full ? 0 : baseVersion) + ":" + version + ":" + part + ":" + parts + ":"
                + AccessListSync.Digest(hmac, key, data);
        }
    }
}
