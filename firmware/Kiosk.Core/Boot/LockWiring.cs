using Kiosk.Core.Config;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Boot
{
    /// <summary>
    /// The lock relay's pin and secure level from the last config that booted, kept on its own so
    /// the firmware can drive the lock secure before it reads (or fails to read) the full config.
    /// Only the wiring is kept, never the lock's state: nothing ever restores "unlocked" from flash.
    /// </summary>
    public static class LockWiring
    {
        public const string BlobName = "lock.wiring";

        public static void Save(IStorage storage, LockSettings settings)
        {
            byte[] data = new byte[4];
            if (TryLoad(storage, out int pin, out bool secureHigh) && pin == settings.Pin && secureHigh == settings.SecureLevel)
                return; // unchanged: spare the flash
            data[0] = (byte)settings.Pin;
            data[1] = settings.SecureLevel ? (byte)1 : (byte)0;
            data[2] = (byte)settings.Type;
            CheckedBlob.Write(storage, BlobName, data, 4);
        }

        /// <summary>The saved pin and secure level; false on a board that never booted a valid config.</summary>
        public static bool TryLoad(IStorage storage, out int pin, out bool secureLevelHigh)
        {
            byte[] data = new byte[4];
            pin = -1;
            secureLevelHigh = false;
            if (!CheckedBlob.Read(storage, BlobName, data, 4))
                return false;
            pin = data[0];
            secureLevelHigh = data[1] == 1;
            return true;
        }
    }
}
