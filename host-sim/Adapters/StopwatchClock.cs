using System.Diagnostics;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Adapters;

/// <summary>Real monotonic time for a board running at real-time speed.</summary>
public sealed class StopwatchClock : IMonotonicClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public long NowMillis => _watch.ElapsedMilliseconds;
}
