using System;
using System.Security.Cryptography;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Adapters;

/// <summary>HMAC-SHA256 from the .NET base class library; the buffered form allocates nothing.</summary>
public sealed class BclHmacSha256 : IHmacSha256, IHmacSha256Into
{
    public byte[] Compute(byte[] key, byte[] data) => HMACSHA256.HashData(key, data);

    public void Compute(byte[] key, byte[] data, int count, byte[] mac) => HMACSHA256.HashData(key, data.AsSpan(0, count), mac);
}
