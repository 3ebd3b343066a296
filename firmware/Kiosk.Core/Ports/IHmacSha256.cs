namespace Kiosk.Core.Ports
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104 over FIPS 180-4): nanoFramework's System.Security.Cryptography on the
    /// device, the BCL's on desktop. Behind a port because the core cannot reference either.
    /// </summary>
    public interface IHmacSha256
    {
        /// <summary>The 32-byte MAC of <paramref name="data"/> under <paramref name="key"/>.</summary>
        byte[] Compute(byte[] key, byte[] data);
    }
}
