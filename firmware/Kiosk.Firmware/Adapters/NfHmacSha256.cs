using System.Security.Cryptography;
using Kiosk.Core.Ports;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>HMAC-SHA256 from nanoFramework.System.Security.Cryptography (mbedTLS underneath on the ESP32).</summary>
    public sealed class NfHmacSha256 : IHmacSha256
    {
        public byte[] Compute(byte[] key, byte[] data)
        {
            using (HMACSHA256 hmac = new HMACSHA256(key))
            {
                return hmac.ComputeHash(data);
            }
        }
    }
}
