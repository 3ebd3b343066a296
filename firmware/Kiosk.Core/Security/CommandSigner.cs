using System.Text;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Security
{
    /// <summary>Signs commands: used by the duty-room console and by tests; the device only verifies.</summary>
    public static class CommandSigner
    {
        public static void Sign(SignedCommand command, byte[] key, IHmacSha256 hmac)
        {
            command.Mac = Hex.Encode(hmac.Compute(key, Encoding.UTF8.GetBytes(command.Canonical())));
        }
    }
}
