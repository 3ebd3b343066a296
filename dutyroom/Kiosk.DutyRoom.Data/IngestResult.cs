namespace Kiosk.DutyRoom.Data;

/// <summary>What became of one message.</summary>
public enum IngestResult
{
    /// <summary>New: stored.</summary>
    Stored,

    /// <summary>Already had it (same device, boot and sequence): at-least-once delivery sent it twice.</summary>
    Duplicate,

    /// <summary>A status older than one already seen (a late will): ignored, the device stays as it was.</summary>
    Stale,

    /// <summary>Not a topic the archive keeps (state, heartbeat, reply, cmd).</summary>
    Ignored,

    /// <summary>Malformed: refused, with the reason in the log.</summary>
    Rejected,
}
