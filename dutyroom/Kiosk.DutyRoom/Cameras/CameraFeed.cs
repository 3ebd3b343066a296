using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Kiosk.DutyRoom.Cameras;

/// <summary>
/// The live picture of each entrance with a call going on, in memory only: refreshed every 1.5 s
/// while the call rings or is answered, dropped when it ends (a live frame is not a record; the ones
/// kept are <see cref="PictureKeeper"/>'s). <see cref="Changed"/> tells the screens showing that
/// entrance to fetch the new frame; the rest of the console does not redraw for it.
/// A camera that fails is logged when it starts failing and when it recovers, not every refresh.
/// </summary>
public sealed class CameraFeed(SnapshotFetcher fetcher, Stores stores, ConsoleOptions options, ILogger<CameraFeed> log) : IDisposable
{
    private readonly ConcurrentDictionary<string, LiveFrame> _frames = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _watching = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private long _version;

    /// <summary>An entrance's live frame changed (a new picture, or the camera became unavailable).</summary>
    public event Action<string>? Changed;

    public LiveFrame? Frame(string device) => _frames.GetValueOrDefault(device);

    /// <summary>Shows what the camera gave (or that it failed) on the screens watching this entrance.</summary>
    public void Publish(string device, Snapshot snapshot)
    {
        if (snapshot.NoCamera)
            return;
        var before = _frames.GetValueOrDefault(device);
        // A failed refresh shows "camera unavailable", never the last picture: an old frame would show someone who has left.
        var frame = new LiveFrame(snapshot.Jpeg, snapshot.At, Interlocked.Increment(ref _version), snapshot.Problem);
        _frames[device] = frame;
        if (snapshot.Problem is not null && before?.Problem is null)
            log.LogWarning("camera at {Device}: unavailable, {Reason}", device, snapshot.Problem);
        else if (snapshot.Ok && before?.Problem is not null)
            log.LogInformation("camera at {Device}: available again", device);
        Changed?.Invoke(device);
    }

    /// <summary>Keeps the entrance's live frame fresh while a call there is live; returns at once (the loop runs on its own).</summary>
    public void Watch(string device, TimeSpan firstDelay)
    {
        if (!_watching.TryAdd(device, 0))
            return;
        _ = Task.Run(async () =>
        {
            try
            {
                var delay = firstDelay;
                while (!_stopping.IsCancellationRequested)
                {
                    await Task.Delay(delay, _stopping.Token);
                    delay = TimeSpan.FromMilliseconds(options.CameraRefreshMilliseconds);
                    if (!stores.Calls.Live().Any(c => c.Device == device))
                        break;
                    Publish(device, await fetcher.FetchAsync(device, _stopping.Token));
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e)
            {
                log.LogError(e, "camera at {Device}: the live picture stopped", device);
            }
            finally
            {
                _watching.TryRemove(device, out _);
                if (_frames.TryRemove(device, out _))
                    Changed?.Invoke(device);
            }
        });
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }
}

/// <summary>An entrance's live frame: the JPEG (or none, and why), when, and a version the screens put in the picture's URL.</summary>
public sealed record LiveFrame(byte[]? Jpeg, DateTimeOffset At, long Version, string? Problem);
