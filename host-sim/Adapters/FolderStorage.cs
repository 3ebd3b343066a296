using System;
using System.IO;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Adapters;

/// <summary>
/// Named blobs as files in one folder per board, so a simulated reboot keeps its event store,
/// boot counter and command counter, as the device's flash does. Each write reaches the operating
/// system before it returns; with <c>durable</c> it is also forced to disk (a simulated power cut
/// does not take the host's page cache with it, so the simulator does not need that by default).
/// </summary>
public sealed class FolderStorage : IStorage
{
    private readonly string _folder;
    private readonly bool _durable;

    public FolderStorage(string folder, bool durable = false)
    {
        _folder = folder;
        _durable = durable;
        Directory.CreateDirectory(folder);
    }

    public string Folder => _folder;

    public int Length(string name)
    {
        var info = new FileInfo(PathOf(name));
        return info.Exists ? (int)info.Length : -1;
    }

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
            return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (position >= stream.Length)
            return 0;
        stream.Seek(position, SeekOrigin.Begin);
        var total = 0;
        while (total < count)
        {
            var read = stream.Read(buffer, offset + total, count - total);
            if (read <= 0)
                break;
            total += read;
        }
        return total;
    }

    public void Write(string name, int position, byte[] buffer, int offset, int count)
    {
        using var stream = new FileStream(PathOf(name), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        stream.Seek(position, SeekOrigin.Begin);
        stream.Write(buffer, offset, count);
        stream.Flush(flushToDisk: _durable);
    }

    public void Delete(string name) => File.Delete(PathOf(name));

    private string PathOf(string name)
    {
        if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains("..", StringComparison.Ordinal))
            throw new ArgumentException($"'{name}' is not a blob name", nameof(name));
        return Path.Combine(_folder, name);
    }
}
