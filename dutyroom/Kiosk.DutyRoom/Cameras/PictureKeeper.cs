using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Data.Cameras;
using Kiosk.DutyRoom.Desk;
using Microsoft.Extensions.Logging;

namespace Kiosk.DutyRoom.Cameras;

/// <summary>
/// Keeps a picture with the record at the moments that matter: a call's ring, its answer (the
/// entrance reports it connected) and the door opening after the operator's unlock; an alarm when
/// it is raised (forced open, held open, tamper, fire, refused commands …). Handed each archived
/// event after the desks have handled it, it returns at once: the camera is asked on another thread,
/// so neither the ring nor the door waits for it.
/// <para>Size cap: oldest pictures go first. One still inside retention is evicted too (the picture of
/// the visitor at the gate now matters more than a month-old one), but never quietly: each such
/// eviction is audited and a console alarm "picture storage full" is raised (docs/operator-guide.md).</para>
/// </summary>
public sealed class PictureKeeper(Stores stores, PictureStore pictures, SnapshotFetcher fetcher, CameraFeed feed, ConsoleOptions options,
    ConsoleClock clock, ILogger<PictureKeeper> log)
{
    public const string StorageAlarm = "picture-storage";

    /// <summary>(device, call, moment) already taken: at-least-once delivery and a ringing→ringing repeat keep one picture.</summary>
    private readonly ConcurrentDictionary<(string, string, string), byte> _taken = new();
    private int _pending;

    /// <summary>A picture was kept (the benchmark and the tests listen).</summary>
    public event Action<StoredPicture>? Kept;

    /// <summary>A moment passed with no picture: the camera was unavailable (the reason is in the log too).</summary>
    public event Action<string, string, string>? Missed;

    /// <summary>Camera requests not finished yet.</summary>
    public int Pending => System.Threading.Volatile.Read(ref _pending);

    /// <summary>An event this much older than the console's clock is a replay from the board's store after an outage.</summary>
    public static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(30);

    public void OnEvent(string site, string device, string type, string? name, string src, DateTimeOffset at)
    {
        // The camera shows now, not then: a ring or alarm delivered late (store-and-forward after an
        // outage, or from a board whose clock is not set) keeps no picture rather than a wrong one.
        var late = (clock.Now - at).Duration() > LiveWithin;
        switch (type)
        {
            case "call" when name is "ended" or "missed" or "cancelled" or "failed-offline":
                foreach (var key in _taken.Keys)
                    if (key.Item1 == device && key.Item2 == src)
                        _taken.TryRemove(key, out _);
                break;
            case var _ when late:
                break;
            case "call" when name is "calling" or "ringing":
                feed.Watch(device, TimeSpan.FromMilliseconds(options.CameraRefreshMilliseconds));
                Take(site, device, StoredPicture.Ring, src, null);
                break;
            case "call" when name == "connected":
                Take(site, device, StoredPicture.Answer, src, null);
                break;
            case "door" when name == "OPEN_AUTHORISED":
                // The call desk has just stamped the call whose unlock opened this door.
                if (stores.Db.Query("SELECT call_id FROM calls WHERE device = @device AND door_opened_at = @at", r => r.GetString(0),
                        ("@device", device), ("@at", ConsoleDb.Iso(at))) is [var callId, ..])
                    Take(site, device, StoredPicture.DoorOpen, callId, null);
                break;
            case "alarm-raised" when name is not null:
                if (stores.Alarms.OpenFor(device, name, src) is { } alarm)
                    Take(site, device, StoredPicture.Alarm, null, alarm.Id);
                break;
            case "command" when AlarmDesk.IsSecurityRefusal(name):
                if (stores.Alarms.OpenFor(device, AlarmDesk.Security, name!) is { } refused)
                    Take(site, device, StoredPicture.Alarm, null, refused.Id);
                break;
        }
    }

    private void Take(string site, string device, string moment, string? callId, long? alarmId)
    {
        if (callId is not null && !_taken.TryAdd((device, callId, moment), 0))
            return;
        System.Threading.Interlocked.Increment(ref _pending);
        _ = Task.Run(async () =>
        {
            try
            {
                var snapshot = await fetcher.FetchAsync(device);
                if (snapshot.NoCamera)
                    return;
                if (callId is not null)
                    feed.Publish(device, snapshot); // the call's live picture too: the ring banner shows it at once
                if (!snapshot.Ok)
                {
                    log.LogWarning("camera at {Device}: no {Moment} picture, {Reason}", device, moment, snapshot.Problem);
                    Missed?.Invoke(device, moment, snapshot.Problem!);
                    return;
                }
                var kept = pictures.Keep(device, moment, callId, alarmId, snapshot.Jpeg!, snapshot.At);
                HoldToCap(site, device, kept.Id);
                Kept?.Invoke(kept);
            }
            catch (Exception e)
            {
                // Full disk, database gone: the record lacks its picture, the console goes on.
                log.LogError(e, "camera at {Device}: the {Moment} picture could not be kept", device, moment);
            }
            finally
            {
                System.Threading.Interlocked.Decrement(ref _pending);
            }
        });
    }

    private void HoldToCap(string site, string device, long spare)
    {
        var eviction = pictures.EnforceCap(clock.Now, options.VisitorRetentionDays, spare);
        if (eviction.Removed == 0)
            return;
        log.LogInformation("pictures: {Count} oldest removed at the size cap ({Freed} bytes), {Inside} of them inside retention",
            eviction.Removed, eviction.FreedBytes, eviction.InsideRetention);
        if (eviction.InsideRetention == 0)
            return;
        var detail = $"{eviction.InsideRetention} picture(s) inside the {options.VisitorRetentionDays}-day retention evicted: "
            + $"{eviction.KeptBytes} of {pictures.CapBytes} bytes in use";
        stores.Audit.Record("console", "picture.evict", device, detail, "ok", clock.Now);
        stores.Alarms.Raise(site, device, StorageAlarm, "full", AlarmRecord.FromConsole, detail, clock.Now);
        log.LogWarning("pictures: storage full, {Detail}", detail);
    }
}
