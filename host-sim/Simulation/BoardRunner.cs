using System;
using System.Threading;
using Kiosk.Core.Loop;

namespace Kiosk.HostSim.Simulation;

/// <summary>
/// Runs a board's loop on its own thread against a <see cref="VirtualClock"/>, advancing it
/// <see cref="Speed"/> times faster than real time (1 = real time). The network stays real, so a
/// ten-minute outage can be simulated in seconds while the broker and sockets are genuine.
/// Anything that touches the controller must go through the loop (the input queue), never directly.
/// </summary>
public sealed class BoardRunner : IDisposable
{
    private readonly ControllerLoop _loop;
    private readonly VirtualClock _clock;
    private readonly Thread _thread;
    private volatile bool _stop;
    private Exception? _failure;

    public BoardRunner(ControllerLoop loop, VirtualClock clock, double speed)
    {
        _loop = loop;
        _clock = clock;
        Speed = speed;
        _thread = new Thread(Run) { IsBackground = true, Name = "board loop" };
    }

    public double Speed { get; set; }

    /// <summary>An exception the loop threw, if any (the test fails on it).</summary>
    public Exception? Failure => _failure;

    public void Start() => _thread.Start();

    public void Dispose()
    {
        _stop = true;
        _thread.Join(TimeSpan.FromSeconds(10));
    }

    private void Run()
    {
        var real = System.Diagnostics.Stopwatch.StartNew();
        double virtualDue = 0;
        long lastReal = 0;
        try
        {
            while (!_stop)
            {
                var nowReal = real.ElapsedMilliseconds;
                virtualDue += (nowReal - lastReal) * Speed;
                lastReal = nowReal;
                var step = (long)Math.Min(virtualDue, _loop.TickMillis);
                if (step > 0)
                {
                    _clock.Advance(step);
                    virtualDue -= step;
                }
                _loop.RunOnce();
                if (virtualDue < _loop.TickMillis)
                    Thread.Sleep(1);
            }
        }
        catch (Exception e)
        {
            _failure = e;
        }
    }
}
