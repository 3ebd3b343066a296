using System;

namespace Kiosk.DutyRoom.Cameras;

/// <summary>
/// One attempt to get a still picture from an entrance's camera: the JPEG, or why there is none
/// (in English, for the log; the screens say only "camera unavailable").
/// </summary>
public sealed record Snapshot(byte[]? Jpeg, string? Problem, DateTimeOffset At, TimeSpan Took)
{
    public bool Ok => Jpeg is not null;

    /// <summary>The entrance has no camera registered: nothing to show, nothing to complain about.</summary>
    public bool NoCamera { get; init; }

    public static Snapshot Of(byte[] jpeg, DateTimeOffset at, TimeSpan took) => new(jpeg, null, at, took);

    public static Snapshot Failed(string problem, DateTimeOffset at, TimeSpan took) => new(null, problem, at, took);
}

/// <summary>
/// The JPEG check a picture passes before anyone sees it or it is kept: SOI marker (FF D8) then a
/// marker (FF), and the EOI marker (FF D9) at the end. A camera answering with an HTML login page, a
/// JSON error or a truncated frame is refused with that said.
/// </summary>
public static class Jpeg
{
    public static string? Problem(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4)
            return $"not a JPEG: {data.Length} bytes";
        if (data[0] != 0xFF || data[1] != 0xD8 || data[2] != 0xFF)
            return $"not a JPEG: starts {Convert.ToHexString(data[..Math.Min(8, data.Length)])}";
        // Trailing padding after EOI is common on cheap cameras; look for EOI in the last bytes.
        var tail = data[Math.Max(0, data.Length - 32)..];
        for (var i = tail.Length - 2; i >= 0; i--)
            if (tail[i] == 0xFF && tail[i + 1] == 0xD9)
                return null;
        return "not a whole JPEG: no end-of-image marker (truncated)";
    }
}
