using System;
using System.Security.Cryptography;
using Kiosk.Core.Ports;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>HMAC-SHA256 from nanoFramework.System.Security.Cryptography (mbedTLS underneath on the ESP32).</summary>
    /// <remarks>
    /// nanoFramework hashes only a whole array and returns a new one, so the buffered form copies
    /// the counted bytes out and the MAC back: those two blocks are the adapter's, the core's
    /// buffers stay reused. The copy is one exact-size array (a command's canonical text, ~100 B).
    /// </remarks>
    public sealed class NfHmacSha256 : IHmacSha256, IHmacSha256Into
    {
        public byte[] Compute(byte[] key, byte[] data)
        {
            using (HMACSHA256 hmac = new HMACSHA256(key))
            {
                return hmac.ComputeHash(data);
            }
        }

        public void Compute(byte[] key, byte[] data, int count, byte[] mac)
        {
            byte[] exact = data;
            if (count != data.Length)
            {
                exact = new byte[count];
                Array.Copy(data, exact, count);
            }
            byte[] result = Compute(key, exact);
            Array.Copy(result, mac, 32);
        }
    }
}
