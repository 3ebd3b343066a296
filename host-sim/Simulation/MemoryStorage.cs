using System;
using System.Collections.Generic;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Simulation;

/// <summary>
/// Named blobs in memory, shared across "reboots" of a rig. <see cref="TearNextWriteAfter"/>
/// simulates power lost mid-write: only the first N bytes of the next write land, then it throws.
/// </summary>
public sealed class MemoryStorage : IStorage
{
    private readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);
    private int _tearAfter = -1;
    private string? _tearOnly;

    public int Writes { get; private set; }

    /// <summary>Reads so far (each is a file opened on the board): what a lookup costs.</summary>
    public int Reads { get; private set; }

    /// <summary>The next write (to <paramref name="blob"/>, or any blob when null) lands only its first <paramref name="bytes"/> bytes, then "power fails".</summary>
    public void TearNextWriteAfter(int bytes, string? blob = null)
    {
        _tearAfter = bytes;
        _tearOnly = blob;
    }

    public int Length(string name) => _blobs.TryGetValue(name, out var b) ? b.Length : -1;

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        Reads++;
        if (!_blobs.TryGetValue(name, out var blob) || position >= blob.Length)
            return 0;
        var n = Math.Min(count, blob.Length - position);
        Array.Copy(blob, position, buffer, offset, n);
        return n;
    }

    public void Write(string name, int position, byte[] buffer, int offset, int count)
    {
        Writes++;
        _blobs.TryGetValue(name, out var blob);
        blob ??= Array.Empty<byte>();
        if (blob.Length < position + count)
            Array.Resize(ref blob, position + count);
        var landed = count;
        var tear = _tearAfter >= 0 && (_tearOnly is null || _tearOnly == name);
        if (tear)
            landed = Math.Min(count, _tearAfter);
        Array.Copy(buffer, offset, blob, position, landed);
        _blobs[name] = blob;
        if (tear)
        {
            _tearAfter = -1;
            throw new PowerLossException();
        }
    }

    public void Delete(string name) => _blobs.Remove(name);

    public byte[] Snapshot(string name) => (byte[])_blobs[name].Clone();
}
