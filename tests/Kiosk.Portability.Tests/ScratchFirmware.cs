using System;
using System.IO;
using Xunit;

namespace Kiosk.Portability.Tests;

/// <summary>A scratch copy of the firmware projects that a test may break, checked against the repository's nf-api data.</summary>
internal sealed class ScratchFirmware : IDisposable
{
    public ScratchFirmware()
    {
        var root = RepositoryRoot.Find();
        foreach (var folder in FirmwareCheck.SourceFolders)
            CopyTree(System.IO.Path.Combine(root, folder), System.IO.Path.Combine(Root, folder));
    }

    public string Root { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kiosk-scratch-" + Guid.NewGuid().ToString("N"));

    public string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    public FirmwareCheckReport Check() => FirmwareCheck.Run(Root, NfApiStubs.Folder);

    public void Edit(string relativePath, string from, string to)
    {
        var path = PathOf(relativePath);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }
}
