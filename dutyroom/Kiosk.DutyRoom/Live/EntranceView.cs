using System;
using System.Collections.Generic;

namespace Kiosk.DutyRoom.Live;

/// <summary>What the console currently knows of one entrance, from its retained status and state, heartbeats and events.</summary>
public sealed class EntranceView(string site, string device)
{
    public string Site { get; set; } = site;
    public string Device { get; } = device;
    public string Label { get; set; } = device;
    public bool Registered { get; set; }
    public bool Online { get; set; }

    /// <summary>
    /// A birth or will has been applied. Until then a heartbeat counts as online: on a broker that
    /// gives a wildcard subscriber no retained births (RabbitMQ 3.x, docs/deployment.md) the console
    /// would otherwise show every board offline until it next reconnects.
    /// </summary>
    public bool StatusKnown { get; set; }
    public long Boot { get; set; }
    public string? Firmware { get; set; }

    /// <summary>When the console last heard anything from the entrance (its own receive time).</summary>
    public DateTimeOffset? LastHeard { get; set; }
    /// <summary>
    /// A state snapshot has been applied. Until then the door and lock show "?": on a broker that
    /// gives a wildcard subscriber no retained state (RabbitMQ 3.x) a restarted console asks the
    /// board for it (<see cref="StateRequests"/>).
    /// </summary>
    public bool StateKnown { get; set; }
    public string Door { get; set; } = "?";
    public string Lock { get; set; } = "?";

    /// <summary>When the console saw the lock released (null while secure or unknown).</summary>
    public DateTimeOffset? ReleasedAt { get; set; }

    /// <summary>The entrance's unlock pulse in seconds, from its state (null from boards that do not say).</summary>
    public int? UnlockPulseSeconds { get; set; }

    /// <summary>When the unlock window closes, if the lock is released by an unlock pulse (not fire release or an unknown pulse).</summary>
    public DateTimeOffset? RelocksAt => Lock == "released" && !Fire && ReleasedAt is { } at && UnlockPulseSeconds is int s ? at.AddSeconds(s) : null;
    public bool LockDown { get; set; }
    public bool Fire { get; set; }
    public string Call { get; set; } = "idle";
    public string CallId { get; set; } = "";
    public bool? Night { get; set; }
    public int? LightPercent { get; set; }
    public IReadOnlyList<string> Latched { get; set; } = Array.Empty<string>();
    public ArchivedEventSummary? LastEvent { get; set; }
    public DateTimeOffset? LastEventAt { get; set; }
    public long? Backlog { get; set; }
    public int? Rssi { get; set; }

    /// <summary>Whether the board's clock was set at its last heartbeat (null before one arrives).</summary>
    public bool? ClockSynced { get; set; }

    /// <summary>Free managed heap at the last heartbeat, in bytes.</summary>
    public long? FreeMemory => _heap.Count == 0 ? null : _heap[^1].Free;

    private readonly List<(DateTimeOffset At, long Free)> _heap = new();

    /// <summary>One heap reading from a heartbeat; the last hour is kept for the trend.</summary>
    public void AddHeapReading(DateTimeOffset at, long free)
    {
        _heap.Add((at, free));
        while (_heap.Count > 0 && at - _heap[0].At > TimeSpan.FromHours(1))
            _heap.RemoveAt(0);
    }

    /// <summary>
    /// Heap change in bytes per hour over the readings kept, once they span ten minutes; null before.
    /// A steady fall means a leak: the board restarts itself under its floor, and the duty room sees it coming.
    /// </summary>
    public double? HeapTrendPerHour
    {
        get
        {
            if (_heap.Count < 2)
                return null;
            var span = _heap[^1].At - _heap[0].At;
            return span < TimeSpan.FromMinutes(10) ? null : (_heap[^1].Free - _heap[0].Free) / span.TotalHours;
        }
    }

    /// <summary>Online by its status, but silent longer than the stale limit (a dead link the will has not reported yet).</summary>
    public bool IsStale(DateTimeOffset now, TimeSpan staleAfter) => Online && (LastHeard is null || now - LastHeard > staleAfter);

    /// <summary>online / stale / offline / unknown, as the overview shows it.</summary>
    public string Connection(DateTimeOffset now, TimeSpan staleAfter) =>
        LastHeard is null ? "unknown" : !Online ? "offline" : IsStale(now, staleAfter) ? "stale" : "online";

    /// <summary>Lamp circuits that failed tonight (latched lamp-failure alarms).</summary>
    public int LampFailures
    {
        get
        {
            var n = 0;
            foreach (var l in Latched)
                if (l.StartsWith("lamp-failure:", StringComparison.Ordinal))
                    n++;
            return n;
        }
    }
}
