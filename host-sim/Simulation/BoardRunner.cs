using System;
using System.Collections.Generic;
using System.Threading;

namespace Kiosk.HostSim.Simulation;

/// <summary>
/// Steps the loops of a set of boards on one thread, advancing every board's virtual clock
/// <see cref="Speed"/> times faster than real time (1 = real time, 0 = paused). The network stays
/// real, so a ten-minute outage can be simulated in seconds while broker and sockets are genuine.
/// A board whose storage reports a power cut mid-write is replaced by the board that boots
/// afterwards. An <see cref="InvariantMonitor"/> checks every board after every step.
/// </summary>
public sealed class BoardRunner : IDisposable
{
    private readonly object _gate = new();
    private readonly List<SimulatedBoard> _boards = new();
    private readonly Thread _thread;
    private readonly AutoResetEvent _wake = new(false);
    private volatile bool _stop;
    private long _siteMillis;
    private Exception? _failure;

    public BoardRunner(double speed, InvariantMonitor? monitor = null)
    {
        Speed = speed;
        Monitor = monitor ?? new InvariantMonitor();
        _thread = new Thread(Run) { IsBackground = true, Name = "board runner" };
    }

    public double Speed { get; set; }

    public InvariantMonitor Monitor { get; }

    /// <summary>Simulated time since the runner started, in ms.</summary>
    public long SiteMillis => Interlocked.Read(ref _siteMillis);

    /// <summary>An exception a board's loop threw (other than a simulated power cut); tests fail on it.</summary>
    public Exception? Failure => _failure;

    /// <summary>Raised on the runner thread when a board is replaced after a power cut (old, new).</summary>
    public event Action<SimulatedBoard, SimulatedBoard>? BoardRebooted;

    public IReadOnlyList<SimulatedBoard> Boards => Snapshot();

    private SimulatedBoard[] Snapshot()
    {
        lock (_gate)
            return _boards.ToArray();
    }

    public void Add(SimulatedBoard board)
    {
        Monitor.Watch(board);
        board.Queue.AlsoSignal(_wake);
        lock (_gate)
            _boards.Add(board);
    }

    /// <summary>Swaps a board for its rebooted self (scripted power cycle), keeping its place.</summary>
    public void Replace(SimulatedBoard old, SimulatedBoard next)
    {
        Monitor.Watch(next);
        next.Queue.AlsoSignal(_wake);
        lock (_gate)
        {
            var i = _boards.IndexOf(old);
            if (i >= 0)
                _boards[i] = next;
            else
                _boards.Add(next);
        }
        BoardRebooted?.Invoke(old, next);
    }

    public void Start() => _thread.Start();

    private readonly List<(long At, Action Act)> _scheduled = new();

    /// <summary>
    /// Runs <paramref name="act"/> on the runner's thread as soon as site time reaches
    /// <paramref name="siteMillis"/>, between two steps: exact in site time whatever the speed or
    /// the machine's load (a button released "after 300 ms" is released after 300 ms).
    /// </summary>
    public void At(long siteMillis, Action act)
    {
        lock (_gate)
            _scheduled.Add((siteMillis, act));
    }

    private void RunScheduled()
    {
        List<Action>? due = null;
        lock (_gate)
        {
            for (var i = _scheduled.Count - 1; i >= 0; i--)
            {
                if (_scheduled[i].At > SiteMillis)
                    continue;
                (due ??= new List<Action>()).Insert(0, _scheduled[i].Act);
                _scheduled.RemoveAt(i);
            }
        }
        if (due is null)
            return;
        foreach (var act in due)
        {
            try
            {
                act();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _failure ??= e;
            }
        }
    }

    public void Dispose()
    {
        _stop = true;
        if (_thread.IsAlive)
            _thread.Join(TimeSpan.FromSeconds(10));
    }

    private void Run()
    {
        var real = System.Diagnostics.Stopwatch.StartNew();
        double due = 0;
        long lastReal = 0;
        while (!_stop)
        {
            var nowReal = real.ElapsedMilliseconds;
            due += (nowReal - lastReal) * Speed;
            lastReal = nowReal;
            var step = (long)Math.Min(due, SimulatedBoard.TickMillis);
            if (step > 0)
            {
                due -= step;
                Interlocked.Add(ref _siteMillis, step);
            }
            RunScheduled();
            var boards = Snapshot();
            for (var i = 0; i < boards.Length; i++)
            {
                StepOne(boards[i], step);
                // An input that arrives while the others step (a command for a board already
                // passed, or far down the list) is handed over now, not after every board has had
                // its turn: with a thousand boards one round takes milliseconds, and each device's
                // loop has its core to itself.
                if ((i + 1) % PendingCheckEvery == 0 && _wake.WaitOne(0))
                    StepPending();
            }
            // Until the next millisecond of simulated time, or at once when any board has an input
            // (the device's loop waits on its queue the same way): a poll here would add up to a
            // millisecond to every command and edge, which is what the benchmark once measured.
            if (due < SimulatedBoard.TickMillis)
                _wake.WaitOne(1);
        }
    }

    /// <summary>Boards stepped between two looks for inputs that arrived meanwhile.</summary>
    private const int PendingCheckEvery = 16;

    /// <summary>Runs the loop of every board with an input waiting, without advancing its clock (a fresh list: a board may have been replaced this round).</summary>
    private void StepPending()
    {
        foreach (var board in Snapshot())
            if (board.Queue.Count > 0)
                StepOne(board, 0);
    }

    private void StepOne(SimulatedBoard board, long step)
    {
        try
        {
            if (step > 0)
                board.Clock.Advance(step);
            board.Loop.RunOnce();
            Monitor.Check(board, SiteMillis);
        }
        catch (PowerLossException)
        {
            Replace(board, board.PowerCycle());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _failure ??= e;
        }
    }
}
