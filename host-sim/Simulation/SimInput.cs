using Kiosk.Core.Loop;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Simulation;

/// <summary>An input pin whose level the test sets; each change is queued as an edge, as the GPIO adapter does.</summary>
public sealed class SimInput : IDigitalInput
{
    private readonly InputQueue _queue;
    private readonly int _channel;

    public SimInput(InputQueue queue, int channel, bool high)
    {
        _queue = queue;
        _channel = channel;
        High = high;
    }

    public bool High { get; private set; }

    public bool Read() => High;

    public void Set(bool high, long atMillis)
    {
        if (high == High)
            return;
        High = high;
        _queue.Enqueue(InputKind.DigitalEdge, _channel, high ? 1 : 0, atMillis);
    }
}
