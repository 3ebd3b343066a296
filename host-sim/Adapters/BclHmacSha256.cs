using System.Security.Cryptography;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Adapters;

/// <summary>HMAC-SHA256 from the .NET base class library.</summary>
public sealed class BclHmacSha256 : IHmacSha256
{
    public byte[] Compute(byte[] key, byte[] data) => HMACSHA256.HashData(key, data);
}
