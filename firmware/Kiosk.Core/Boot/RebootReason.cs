using Kiosk.Core.Ports;

namespace Kiosk.Core.Boot
{
    /// <summary>
    /// Why the controller restarted. A planned restart (a command, a config change, an update)
    /// writes its reason just before it happens; a boot that finds none was unplanned: power loss,
    /// a crash or the watchdog. The platform's own reset cause is added when the adapter knows it.
    /// </summary>
    public static class RebootReason
    {
        public const string BlobName = "reboot.reason";
        // Fits an event record's 40-character detail.
        public const string Unplanned = "unplanned: power loss, crash, watchdog";

        /// <summary>Call just before a planned restart.</summary>
        public static void RecordPlanned(IStorage storage, string reason)
        {
            char[] chars = reason.ToCharArray();
            byte[] text = new byte[chars.Length > 40 ? 40 : chars.Length];
            for (int i = 0; i < text.Length; i++)
                text[i] = chars[i] >= ' ' && chars[i] <= '~' ? (byte)chars[i] : (byte)'?';
            storage.Delete(BlobName);
            storage.Write(BlobName, 0, text, 0, text.Length);
        }

        /// <summary>Reads and clears the planned reason; <see cref="Unplanned"/> when there was none.</summary>
        public static string TakeAtBoot(IStorage storage, string platformCause)
        {
            string reason = Unplanned;
            int length = storage.Length(BlobName);
            if (length > 0)
            {
                byte[] text = new byte[length > 40 ? 40 : length];
                int read = storage.Read(BlobName, 0, text, 0, text.Length);
                reason = "planned: " + Ascii.Decode(text, 0, read);
                storage.Delete(BlobName);
            }
            if (platformCause != null && platformCause.Length > 0)
                reason = reason + "; " + platformCause;
            return reason;
        }
    }
}
