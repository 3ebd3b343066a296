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

    /// <summary>
    /// Step each board the way its own loop runs on the device: at once when an input is queued,
    /// otherwise once per <see cref="SimulatedBoard.TickMillis"/> tick. Off (the default), every board
    /// runs at every simulated millisecond, which the latency benchmarks want (1 ms resolution) and
    /// which costs ten times the ticks: at 1,000 boards that was most of the runner's CPU.
    /// Set before <see cref="Start"/>.
    /// </summary>
    public bool DeviceCadence { get; set; }

    /// <summary>Threads that step the boards (each takes every n-th board); 1 steps them on the runner's own thread. Set before <see cref="Start"/>.</summary>
    public int Threads { get; set; } = 1;

    public InvariantMonitor Monitor { get; }

    /// <summary>Simulated time since the runner started, in ms.</summary>
    public long SiteMillis => Interlocked.Read(ref _siteMillis);

    private long _holdAt = long.MaxValue;

    /// <summary>
    /// Site time does not pass this (ms; long.MaxValue: no hold). A scenario holds the site at its
    /// next step's time, so a script that runs late on a loaded machine (its thread starved for a
    /// second) finds the site where the script says, not seconds further on. Time not run while held
    /// is dropped, not caught up in a burst. The boards still run their loops meanwhile, at that time.
    /// </summary>
    public long HoldAt
    {
        get => Interlocked.Read(ref _holdAt);
        set
        {
            Interlocked.Exchange(ref _holdAt, value);
            _wake.Set(); // a released runner moves on at once
        }
    }

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
        {
            _boards.Add(board);
            _version++;
        }
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
            _version++;
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
            var room = HoldAt - SiteMillis;
            if (due > room)
                due = Math.Max(0, room); // held: the time beyond the hold is dropped
            var step = (long)Math.Min(due, SimulatedBoard.TickMillis);
            if (step > 0)
            {
                due -= step;
                Interlocked.Add(ref _siteMillis, step);
            }
            RunScheduled();
            StepAll(step);
            // Until the next millisecond of simulated time, or at once when any board has an input
            // (the device's loop waits on its queue the same way): a poll here would add up to a
            // millisecond to every command and edge, which is what the benchmark once measured.
            if (due < SimulatedBoard.TickMillis)
                _wake.WaitOne(1);
        }
    }

    // The boards as last copied from _boards (Add and Replace bump _version), and when each last ran:
    // copying the list at every step was 1,000 array copies a second of the whole fleet.
    private int _version;
    private int _steppingVersion = -1;
    private SimulatedBoard[] _stepping = Array.Empty<SimulatedBoard>();
    private long[] _lastRun = Array.Empty<long>();

    private long _busyTicks;
    private long _loopsRun;

    /// <summary>Boards stepped between two looks for inputs that arrived meanwhile.</summary>
    private const int PendingCheckEvery = 16;

    /// <summary>Wall time the runner has spent stepping boards (the rest it waited for time to pass): where a fleet run stops keeping up.</summary>
    public TimeSpan Busy => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _busyTicks));

    /// <summary>Board loop passes (ControllerLoop.RunOnce) so far; Busy / this is the cost of one.</summary>
    public long LoopsRun => Interlocked.Read(ref _loopsRun);

    private void StepAll(long step)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            StepBoards(step);
        }
        finally
        {
            Interlocked.Add(ref _busyTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
        }
    }

    private void StepBoards(long step)
    {
        lock (_gate)
        {
            if (_steppingVersion != _version)
            {
                _stepping = _boards.ToArray();
                _lastRun = new long[_stepping.Length];
                Array.Fill(_lastRun, long.MinValue / 2);
                _steppingVersion = _version;
            }
        }
        var boards = _stepping;
        var threads = Math.Clamp(Threads, 1, Math.Max(1, boards.Length));
        if (threads == 1)
        {
            var ran = 0;
            for (var i = 0; i < boards.Length; i++)
            {
                ran += StepOne(boards, i, step);
                // An input that arrives while the others step (a command for a board already
                // passed, or far down the list) is handed over now, not after every board has had
                // its turn: with a thousand boards one round takes milliseconds, and each device's
                // loop has its core to itself.
                if ((i + 1) % PendingCheckEvery == 0 && _wake.WaitOne(0))
                    for (var j = 0; j < boards.Length; j++)
                        if (boards[j].Queue.Count > 0)
                            ran += StepOne(boards, j, 0);
            }
            Interlocked.Add(ref _loopsRun, ran);
            return;
        }
        System.Threading.Tasks.Parallel.For(0, threads, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var ran = 0;
            for (var i = t; i < boards.Length; i += threads)
                ran += StepOne(boards, i, step);
            Interlocked.Add(ref _loopsRun, ran);
        });
    }

    /// <summary>Advances one board's clock and runs its loop when due; 1 when it ran.</summary>
    private int StepOne(SimulatedBoard[] boards, int index, long step)
    {
        var board = boards[index];
        try
        {
            if (step > 0)
                board.Clock.Advance(step);
            if (DeviceCadence)
            {
                var now = board.Clock.NowMillis;
                if (board.Queue.Count == 0 && now - _lastRun[index] < SimulatedBoard.TickMillis)
                    return 0;
                _lastRun[index] = now;
            }
            board.Loop.RunOnce();
            Monitor.Check(board, SiteMillis);
            return 1;
        }
        catch (PowerLossException)
        {
            Replace(board, board.PowerCycle());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Interlocked.CompareExchange(ref _failure, e, null);
        }
        return 1;
    }
}
