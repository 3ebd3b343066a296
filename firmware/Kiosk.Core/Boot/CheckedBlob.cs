using Kiosk.Core.Events;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Boot
{
    /// <summary>
    /// A small record kept as two copies with a CRC each, written alternately, so power lost in
    /// the middle of a write leaves the other copy good. Used for the boot counter and lock wiring.
    /// </summary>
    public static class CheckedBlob
    {
        /// <summary>Reads the newest good copy of a <paramref name="size"/>-byte record into <paramref name="into"/>; false when neither copy is good.</summary>
        public static bool Read(IStorage storage, string name, byte[] into, int size)
        {
            int stride = size + 8;
            byte[] both = new byte[stride * 2];
            int read = storage.Read(name, 0, both, 0, both.Length);
            uint bestGeneration = 0;
            bool found = false;
            for (int copy = 0; copy < 2; copy++)
            {
                int at = copy * stride;
                if (at + stride > read)
                    continue;
                if (EventRecordCodec.GetUInt32(both, at + size + 4) != Crc32.Compute(both, at, size + 4))
                    continue;
                uint generation = EventRecordCodec.GetUInt32(both, at + size);
                if (found && generation <= bestGeneration)
                    continue;
                found = true;
                bestGeneration = generation;
                System.Array.Copy(both, at, into, 0, size);
            }
            return found;
        }

        /// <summary>Writes <paramref name="data"/> over the older copy.</summary>
        public static void Write(IStorage storage, string name, byte[] data, int size)
        {
            int stride = size + 8;
            byte[] both = new byte[stride * 2];
            int read = storage.Read(name, 0, both, 0, both.Length);
            uint generation0 = read >= stride && GoodAt(both, 0, size) ? EventRecordCodec.GetUInt32(both, size) : 0;
            uint generation1 = read >= stride * 2 && GoodAt(both, stride, size) ? EventRecordCodec.GetUInt32(both, stride + size) : 0;
            int target = generation0 <= generation1 ? 0 : 1;
            uint next = (generation0 > generation1 ? generation0 : generation1) + 1;
            byte[] record = new byte[stride];
            System.Array.Copy(data, 0, record, 0, size);
            EventRecordCodec.PutUInt32(record, size, next);
            EventRecordCodec.PutUInt32(record, size + 4, Crc32.Compute(record, 0, size + 4));
            storage.Write(name, target * stride, record, 0, stride);
        }

        private static bool GoodAt(byte[] both, int at, int size)
        {
            return EventRecordCodec.GetUInt32(both, at + size + 4) == Crc32.Compute(both, at, size + 4);
        }
    }
}
