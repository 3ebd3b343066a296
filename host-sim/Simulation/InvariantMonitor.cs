using System.Collections.Generic;
using Kiosk.Core.Alarms;
using Kiosk.Core.Events;
using Kiosk.Core.Protocol;

namespace Kiosk.HostSim.Simulation;

/// <summary>
/// Watches every simulated board while a simulation runs and records each violation of the
/// controller's promises: the lock released with no authorised cause (accepted unlock or fire), a
/// gap in a board's event sequence, an alarm that stopped being latched without an acknowledgement,
/// an undelivered record that matters (door, alarm, call, patrol, access: not <see cref="Retention"/>'s
/// routine kinds) overwritten in the store.
/// </summary>
public sealed class InvariantMonitor
{
    private readonly object _gate = new();
    private readonly List<string> _violations = new();

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
                return _violations.ToArray();
        }
    }

    /// <summary>Starts watching a board (again after each power cycle).</summary>
    public void Watch(SimulatedBoard board)
    {
        var watcher = new BoardWatcher(this, board);
        board.Controller.Store.SetListener(watcher);
        board.Watcher = watcher;
    }

    /// <summary>Called on the runner's thread after each step of <paramref name="board"/>.</summary>
    public void Check(SimulatedBoard board, long siteMillis)
    {
        var c = board.Controller;
        if (board.Pins.LockReleased && !c.UnlockPulseActive && !c.FireActive)
            Report(board, siteMillis, "lock released without an authorised cause");
        board.Watcher?.CheckAlarms(siteMillis);
    }

    internal void Report(SimulatedBoard board, long siteMillis, string what)
    {
        lock (_gate)
        {
            if (_violations.Count < 1000)
                _violations.Add($"{board.Config.DeviceId} at {siteMillis / 1000.0:F1} s: {what}");
        }
    }

    internal sealed class BoardWatcher : IEventListener
    {
        private readonly InvariantMonitor _monitor;
        private readonly SimulatedBoard _board;
        private readonly HashSet<(int Kind, string Name)> _raised = new();
        private readonly HashSet<(int Kind, string Name)> _reset = new();
        private long _expected;
        private readonly bool[] _routine;
        private long _overwritten;
        private readonly long _first;

        public BoardWatcher(InvariantMonitor monitor, SimulatedBoard board)
        {
            _monitor = monitor;
            _board = board;
            _expected = board.Controller.Store.LastSequence + 1;
            _first = _expected;
            _routine = new bool[board.Controller.Store.Capacity];
            _overwritten = board.Controller.Store.OverwrittenUndelivered;
        }

        public void OnAppended(EventRecord record)
        {
            _board.Recorded(record);
            if (record.Sequence != _expected)
                _monitor.Report(_board, -1, $"event sequence gap: expected {_expected}, got {record.Sequence}");
            _expected = record.Sequence + 1;
            CheckOverwrite(record);
            var point = (record.Code, record.Source);
            if (record.Type == EventType.AlarmRaised)
            {
                _raised.Add(point);
                _reset.Remove(point);
            }
            else if (record.Type == EventType.AlarmReset)
            {
                _reset.Add(point);
            }
        }

        /// <summary>The store counts each undelivered record it overwrites; the one it lost is the slot's previous occupant.</summary>
        private void CheckOverwrite(EventRecord record)
        {
            var store = _board.Controller.Store;
            var slot = (int)((record.Sequence - 1) % _routine.Length);
            if (store.OverwrittenUndelivered > _overwritten)
            {
                _overwritten = store.OverwrittenUndelivered;
                var lost = record.Sequence - _routine.Length;
                // Records from before this watcher started are unknown: only those it saw are judged.
                if (lost >= _first && !_routine[slot])
                    _monitor.Report(_board, -1, $"undelivered record {lost} overwritten by {Names.Of(record.Type)} {record.Sequence}");
            }
            _routine[slot] = Retention.IsRoutine(record.Type, record.Code);
        }

        public void CheckAlarms(long siteMillis)
        {
            var alarms = _board.Controller.Alarms;
            for (var i = 0; i < alarms.Count; i++)
            {
                Alarm alarm = alarms[i];
                var point = ((int)alarm.Kind, alarm.Name);
                if (!alarm.Latched && _raised.Contains(point) && !_reset.Contains(point))
                {
                    _monitor.Report(_board, siteMillis, $"alarm {alarm.Kind} {alarm.Name} lost: no longer latched and never acknowledged");
                    _raised.Remove(point);
                }
            }
        }
    }
}
