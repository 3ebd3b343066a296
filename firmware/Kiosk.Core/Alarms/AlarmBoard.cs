using System.Collections;
using Kiosk.Core.Events;

namespace Kiosk.Core.Alarms
{
    /// <summary>Every alarm point of one controller, created at start-up, and their latches.</summary>
    public sealed class AlarmBoard
    {
        private readonly ArrayList _alarms = new ArrayList();
        private readonly EventLog _log;

        public AlarmBoard(EventLog log)
        {
            _log = log;
        }

        public int Count => _alarms.Count;

        public Alarm this[int i] => (Alarm)_alarms[i];

        public Alarm Add(AlarmKind kind, int index, string name)
        {
            Alarm alarm = new Alarm(kind, index, name);
            _alarms.Add(alarm);
            return alarm;
        }

        /// <summary>The alarm point of this kind and index, or null.</summary>
        public Alarm Find(AlarmKind kind, int index)
        {
            for (int i = 0; i < _alarms.Count; i++)
            {
                Alarm alarm = (Alarm)_alarms[i];
                if (alarm.Kind == kind && alarm.Index == index)
                    return alarm;
            }
            return null;
        }

        /// <summary>The condition began: latch and record it (once per occurrence).</summary>
        public void Raise(Alarm alarm, long nowMillis)
        {
            if (alarm.Active)
                return;
            alarm.Active = true;
            alarm.Latched = true;
            alarm.RaisedAt = nowMillis;
            _log.Record(EventType.AlarmRaised, (int)alarm.Kind, alarm.Name, "");
        }

        /// <summary>The condition ended; the latch stays until an operator acknowledges.</summary>
        public void Restore(Alarm alarm)
        {
            if (!alarm.Active)
                return;
            alarm.Active = false;
            _log.Record(EventType.AlarmRestored, (int)alarm.Kind, alarm.Name, "latched until acknowledged");
        }

        /// <summary>How many alarms are latched now.</summary>
        public int LatchedCount
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _alarms.Count; i++)
                    if (((Alarm)_alarms[i]).Latched)
                        n++;
                return n;
            }
        }

        /// <summary>
        /// Resets latched alarms of <paramref name="kind"/> (0 = every kind) whose condition has
        /// ended. Returns how many were reset, and how many stay because their condition is still
        /// present in <paramref name="stillActive"/>.
        /// </summary>
        public int Acknowledge(int kind, string source, out int stillActive)
        {
            int reset = 0;
            stillActive = 0;
            for (int i = 0; i < _alarms.Count; i++)
            {
                Alarm alarm = (Alarm)_alarms[i];
                if (!alarm.Latched || (kind != 0 && (int)alarm.Kind != kind))
                    continue;
                if (alarm.Active)
                {
                    stillActive++;
                    continue;
                }
                alarm.Latched = false;
                reset++;
                _log.Record(EventType.AlarmReset, (int)alarm.Kind, alarm.Name, "by " + source);
            }
            return reset;
        }
    }
}
