using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Kiosk.DutyRoom.Live;

/// <summary>
/// The live picture of every entrance, kept in memory from what the broker delivers (retained
/// status and state arrive again on every connect). <see cref="Changed"/> tells the open screens
/// to redraw; they read, the MQTT thread writes, under one lock.
/// </summary>
public sealed class LiveSite
{
    private readonly ConcurrentDictionary<string, EntranceView> _entrances = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>Something changed: screens redraw. Raised outside the lock.</summary>
    public event Action? Changed;

    public bool BrokerConnected { get; private set; }

    /// <summary>Every entrance by label. Sorted once per added or relabelled entrance, not per read: at 5,000 entrances every open screen reads it on every redraw.</summary>
    public IReadOnlyList<EntranceView> Entrances
    {
        get
        {
            lock (_gate)
                return _sorted ??= _entrances.Values.OrderBy(e => e.Label, StringComparer.Ordinal).ThenBy(e => e.Device, StringComparer.Ordinal).ToList().AsReadOnly();
        }
    }

    private IReadOnlyList<EntranceView>? _sorted;

    public EntranceView? Find(string device) => _entrances.GetValueOrDefault(device);

    public void Update(string site, string device, Action<EntranceView> change)
    {
        UpdateQuietly(site, device, change);
        Notify();
    }

    /// <summary>
    /// Like <see cref="Update"/>, but screens redraw only if <paramref name="change"/> says something
    /// they show changed: a heartbeat that changes nothing on screen (5,000 boards send 170 a second)
    /// costs no redraw on any screen.
    /// </summary>
    public void UpdateIfShown(string site, string device, Func<EntranceView, bool> change)
    {
        bool shown;
        lock (_gate)
            shown = change(Entrance(site, device));
        if (shown)
            Notify();
    }

    private EntranceView Entrance(string site, string device)
    {
        if (_entrances.TryGetValue(device, out var e))
            return e;
        _sorted = null;
        return _entrances.GetOrAdd(device, d => new EntranceView(site, d));
    }

    /// <summary>
    /// As <see cref="Update"/> without the redraw: the archive lane applies a batch of thousands of
    /// events and then calls <see cref="Notify"/> once, rather than redrawing every screen per event.
    /// </summary>
    public void UpdateQuietly(string site, string device, Action<EntranceView> change)
    {
        lock (_gate)
            change(Entrance(site, device));
    }

    /// <summary>Shows every registered entrance (even one not heard from yet) under its label.</summary>
    public void SyncRegistry(Kiosk.DutyRoom.Data.DeviceRegistry registry, Kiosk.DutyRoom.Data.EventArchive archive)
    {
        foreach (var d in registry.All(archive))
        {
            lock (_gate)
            {
                var e = Entrance(d.Site, d.Device);
                if (e.Label != d.Label)
                    _sorted = null;
                e.Label = d.Label;
                e.Registered = true;
                e.Firmware ??= d.Status?.Firmware;
            }
        }
        Notify();
    }

    public void SetBroker(bool connected)
    {
        BrokerConnected = connected;
        Notify();
    }

    public void Notify() => Changed?.Invoke();

    /// <summary>Applies a retained state snapshot (docs/protocol.md, state).</summary>
    public static void ApplyState(EntranceView e, JsonElement s, DateTimeOffset? now = null)
    {
        e.Door = s.GetProperty("door").GetString() ?? "?";
        e.StateKnown = true;
        var wasReleased = e.Lock == "released";
        e.Lock = s.GetProperty("lock").GetString() ?? "?";
        // The unlock window runs from the moment the lock was released (issue 20: counted down on screen).
        if (e.Lock != "released")
            e.ReleasedAt = null;
        else if (!wasReleased)
            e.ReleasedAt = now;
        e.UnlockPulseSeconds = s.TryGetProperty("pulse", out var pulse) && pulse.ValueKind == JsonValueKind.Number ? pulse.GetInt32() : null;
        e.LockDown = s.GetProperty("lockdown").GetBoolean();
        e.Fire = s.GetProperty("fire").GetBoolean();
        e.Call = s.GetProperty("call").GetString() ?? "idle";
        e.CallId = s.GetProperty("callId").GetString() ?? "";
        e.Night = s.GetProperty("night").GetBoolean();
        e.LightPercent = s.GetProperty("light").GetInt32();
        e.Latched = s.GetProperty("latched").EnumerateArray().Select(l => l.GetString() ?? "").ToArray();
        e.Boot = s.GetProperty("boot").GetInt64();
    }
}
