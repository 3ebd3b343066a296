namespace Kiosk.Core.Ports
{
    /// <summary>
    /// HMAC-SHA256 over the first bytes of a reused buffer, into a reused buffer: what lets the
    /// device check a command's MAC without allocating. A separate port so an adapter that can only
    /// hash whole arrays (or a console's own) still serves through <see cref="IHmacSha256"/>.
    /// </summary>
    public interface IHmacSha256Into
    {
        /// <summary>Writes the 32-byte MAC of <paramref name="data"/>[0..<paramref name="count"/>) under <paramref name="key"/> into <paramref name="mac"/>[0..32).</summary>
        void Compute(byte[] key, byte[] data, int count, byte[] mac);
    }
}
