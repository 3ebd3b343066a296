using System;
using System.Collections.Generic;
using System.Diagnostics;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Simulation;

/// <summary>
/// An output pin that remembers every level written to it, in order, and when (real time, for
/// latency measurements). Safe to read from another thread while a board's loop writes it.
/// </summary>
public sealed class SimOutput : IDigitalOutput
{
    private readonly object _gate = new();
    private readonly List<bool> _writes = new();
    private long _lastWriteTicks;

    /// <summary>Every level written, oldest first (the live list: read it only when the loop is not running).</summary>
    public List<bool> Writes => _writes;

    public bool? Level
    {
        get
        {
            lock (_gate)
                return _writes.Count == 0 ? null : _writes[^1];
        }
    }

    /// <summary>A copy of every level written so far, safe while the loop runs.</summary>
    public bool[] Snapshot()
    {
        lock (_gate)
            return _writes.ToArray();
    }

    /// <summary>Stopwatch timestamp of the last write.</summary>
    public long LastWriteTimestamp
    {
        get
        {
            lock (_gate)
                return _lastWriteTicks;
        }
    }

    /// <summary>
    /// Raised on the writing thread after every write: a benchmark waits on it instead of spinning,
    /// since a spinning reader on a two-core machine takes the core the board's loop needs.
    /// </summary>
    public event Action<bool>? Written;

    public void Write(bool high)
    {
        lock (_gate)
        {
            _writes.Add(high);
            _lastWriteTicks = Stopwatch.GetTimestamp();
        }
        Written?.Invoke(high);
    }
}
