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
            Write(storage, name, data, size, new byte[ScratchSize(size)]);
        }

        /// <summary>Bytes of scratch <see cref="Write(IStorage, string, byte[], int, byte[])"/> needs for a <paramref name="size"/>-byte record.</summary>
        public static int ScratchSize(int size)
        {
            return (size + 8) * 3;
        }

        /// <summary>
        /// Writes <paramref name="data"/> over the older copy, working in <paramref name="scratch"/>
        /// (at least <see cref="ScratchSize"/> bytes), so a record written on every command (the
        /// command counter) costs no allocation.
        /// </summary>
        public static void Write(IStorage storage, string name, byte[] data, int size, byte[] scratch)
        {
            int stride = size + 8;
            if (scratch == null || scratch.Length < stride * 3)
                throw new System.ArgumentException("scratch must hold " + stride * 3 + " bytes", "scratch");
            System.Array.Clear(scratch, 0, stride * 2);
            int read = storage.Read(name, 0, scratch, 0, stride * 2);
            uint generation0 = read >= stride && GoodAt(scratch, 0, size) ? EventRecordCodec.GetUInt32(scratch, size) : 0;
            uint generation1 = read >= stride * 2 && GoodAt(scratch, stride, size) ? EventRecordCodec.GetUInt32(scratch, stride + size) : 0;
            int target = generation0 <= generation1 ? 0 : 1;
            uint next = (generation0 > generation1 ? generation0 : generation1) + 1;
            int record = stride * 2;
            System.Array.Copy(data, 0, scratch, record, size);
            EventRecordCodec.PutUInt32(scratch, record + size, next);
            EventRecordCodec.PutUInt32(scratch, record + size + 4, Crc32.Compute(scratch, record, size + 4));
            storage.Write(name, target * stride, scratch, record, stride);
        }

        private static bool GoodAt(byte[] both, int at, int size)
        {
            return EventRecordCodec.GetUInt32(both, at + size + 4) == Crc32.Compute(both, at, size + 4);
        }
    }
}
