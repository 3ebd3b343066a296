using System.IO;
using Kiosk.Core.Ports;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>
    /// Named blobs as files on the ESP32's internal flash file system (drive I:). Each write is
    /// flushed before returning, so the event store's torn-write reasoning holds.
    /// </summary>
    public sealed class FlashStorage : IStorage
    {
        private readonly string _folder;

        public FlashStorage(string folder)
        {
            _folder = folder;
            if (!Directory.Exists(folder))
                Directory.CreateDirectory(folder);
        }

        public int Length(string name)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
                return -1;
            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return (int)stream.Length;
            }
        }

        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
                return 0;
            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                if (position >= stream.Length)
                    return 0;
                stream.Seek(position, SeekOrigin.Begin);
                int total = 0;
                while (total < count)
                {
                    int read = stream.Read(buffer, offset + total, count - total);
                    if (read <= 0)
                        break;
                    total += read;
                }
                return total;
            }
        }

        public void Write(string name, int position, byte[] buffer, int offset, int count)
        {
            using (FileStream stream = new FileStream(PathOf(name), FileMode.OpenOrCreate, FileAccess.ReadWrite))
            {
                stream.Seek(position, SeekOrigin.Begin);
                stream.Write(buffer, offset, count);
                stream.Flush();
            }
        }

        public void Delete(string name)
        {
            string path = PathOf(name);
            if (File.Exists(path))
                File.Delete(path);
        }

        private string PathOf(string name)
        {
            return _folder + "\\" + name;
        }
    }
}
