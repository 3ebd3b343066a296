using Kiosk.Core.Events;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Boot
{
    /// <summary>
    /// Counts boots. The boot id goes into every event and the MQTT birth message, so the centre
    /// can order events across reboots and a late last-will from an older boot cannot mark a newer
    /// one offline.
    /// </summary>
    public static class BootCounter
    {
        public const string BlobName = "boot.counter";

        /// <summary>Increments and stores the counter; returns this boot's id (1 on a new board).</summary>
        public static int Next(IStorage storage)
        {
            byte[] value = new byte[4];
            uint last = CheckedBlob.Read(storage, BlobName, value, 4) ? EventRecordCodec.GetUInt32(value, 0) : 0;
            uint next = last + 1;
            if (next == 0 || next > int.MaxValue)
                next = 1;
            EventRecordCodec.PutUInt32(value, 0, next);
            CheckedBlob.Write(storage, BlobName, value, 4);
            return (int)next;
        }
    }
}
