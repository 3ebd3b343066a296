namespace Kiosk.Core.Ports
{
    /// <summary>
    /// Named blobs in non-volatile storage (flash on the device, a folder per board on desktop).
    /// Small settings are whole blobs; the event store is one blob written slot by slot (kept on the
    /// device as segment files of one flash block, <see cref="Storage.SegmentedStorage"/>). A write
    /// returns only when the bytes are durable, so the core can reason about power loss.
    /// </summary>
    public interface IStorage
    {
        /// <summary>Length in bytes of the named blob, or -1 when it does not exist.</summary>
        int Length(string name);

        /// <summary>Reads up to <paramref name="count"/> bytes from <paramref name="position"/>; returns how many were read.</summary>
        int Read(string name, int position, byte[] buffer, int offset, int count);

        /// <summary>Writes bytes at <paramref name="position"/>, creating or extending the blob as needed.</summary>
        void Write(string name, int position, byte[] buffer, int offset, int count);

        /// <summary>Removes the named blob; no error when it does not exist.</summary>
        void Delete(string name);
    }
}
