using System;
using System.Globalization;
using System.IO;
using SkiaSharp;

namespace Kiosk.HostSim.Cameras;

/// <summary>
/// Draws a simulated camera's frame with SkiaSharp: the entrance's name (Chinese names too: the font
/// is a CJK one found on the system, fonts-wqy-zenhei on Debian), the time, and whether a visitor is
/// standing at the board (a call ringing or answered there), encoded as a JPEG.
/// The NoDependencies native build has no fontconfig, so fonts are loaded from files; with none of
/// them present the default typeface is used and Chinese shows as boxes, but a frame is still served.
/// </summary>
public static class CameraFrame
{
    public const int Width = 640;
    public const int Height = 360;

    private static readonly string[] FontFiles =
    [
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        @"C:\Windows\Fonts\msyh.ttc",
        @"C:\Windows\Fonts\simhei.ttf",
    ];

    private static readonly Lazy<SKTypeface> Face = new(LoadFace);

    /// <summary>The font file in use, or null for Skia's default (for host-sim's start-up line and the docs).</summary>
    public static string? FontFile { get; private set; }

    public static byte[] Render(string entrance, DateTimeOffset now, TimeZoneInfo zone, bool visitor, int quality = 80)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(0x2b, 0x33, 0x3f));
        using var fill = new SKPaint { IsAntialias = true };
        // A gate and a ground line, so the frame looks like a view and not a test card.
        fill.Color = new SKColor(0x3d, 0x47, 0x55);
        canvas.DrawRect(0, Height * 0.7f, Width, Height * 0.3f, fill);
        fill.Color = new SKColor(0x8a, 0x93, 0xa0);
        canvas.DrawRect(Width * 0.62f, Height * 0.22f, 12, Height * 0.5f, fill);
        canvas.DrawRect(Width * 0.62f, Height * 0.22f, Width * 0.3f, 10, fill);
        if (visitor)
        {
            // A figure at the board: head and body.
            fill.Color = new SKColor(0xf2, 0xc1, 0x4e);
            canvas.DrawCircle(Width * 0.42f, Height * 0.36f, 26, fill);
            canvas.DrawRoundRect(Width * 0.42f - 34, Height * 0.36f + 32, 68, 110, 18, 18, fill);
        }
        var local = TimeZoneInfo.ConvertTime(now, zone);
        using var big = new SKFont(Face.Value, 34);
        using var small = new SKFont(Face.Value, 22);
        fill.Color = SKColors.White;
        canvas.DrawText(entrance, 18, 46, SKTextAlign.Left, big, fill);
        canvas.DrawText(local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), 18, Height - 18, SKTextAlign.Left, small, fill);
        fill.Color = visitor ? new SKColor(0xf2, 0xc1, 0x4e) : new SKColor(0xb8, 0xc0, 0xcc);
        canvas.DrawText(visitor ? "访客在门前 · visitor present" : "无人 · nobody", 18, 84, SKTextAlign.Left, small, fill);
        fill.Color = new SKColor(0xe0, 0x45, 0x3a);
        canvas.DrawCircle(Width - 24, 24, 8, fill); // the "recording" dot
        using var image = surface.Snapshot();
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return jpeg.ToArray();
    }

    private static SKTypeface LoadFace()
    {
        foreach (var file in FontFiles)
        {
            if (!File.Exists(file))
                continue;
            var face = SKTypeface.FromFile(file);
            if (face is not null)
            {
                FontFile = file;
                return face;
            }
        }
        return SKTypeface.Default;
    }
}
