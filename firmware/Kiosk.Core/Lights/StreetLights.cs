using System.Collections;
using Kiosk.Core.Alarms;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Lights
{
    /// <summary>
    /// Day and night from the light sensor (with hysteresis and a dwell time, so headlights and
    /// clouds do not flip it), dusk-to-dawn lamp relays, a lamp-failure alarm for a circuit that
    /// should be lit at night and is not, and per-night lit/expected counters, reported at dawn.
    /// </summary>
    public sealed class StreetLights
    {
        private readonly LightSettings _settings;
        private readonly IAnalogInput _sensor;
        private readonly AlarmBoard _alarms;
        private readonly EventLog _log;
        private readonly ArrayList _circuits = new ArrayList();
        private bool _known;
        private bool _night;
        private long _nightSince;
        private long _candidateSince = -1;
        private long _nextSampleAt;
        private long _lastTick = -1;
        private int _levelPercent = -1;
        private int _nights;

        /// <param name="sensor">Null when the board has no light sensor: day/night is then unknown and lamps are not checked.</param>
        public StreetLights(LightSettings settings, IAnalogInput sensor, AlarmBoard alarms, EventLog log)
        {
            _settings = settings;
            _sensor = sensor;
            _alarms = alarms;
            _log = log;
        }

        public bool IsNight => _known && _night;

        /// <summary>Day/night has been decided from at least one sample.</summary>
        public bool IsKnown => _known;

        /// <summary>The last light level, per cent of full scale; -1 before the first sample.</summary>
        public int LevelPercent => _levelPercent;

        /// <summary>Nights completed since boot (each produced a lighting report per circuit).</summary>
        public int NightsCompleted => _nights;

        public int CircuitCount => _circuits.Count;

        public LampCircuit Circuit(int i)
        {
            return (LampCircuit)_circuits[i];
        }

        /// <summary>The circuit with this number, created on first use.</summary>
        public LampCircuit CircuitNumbered(int number)
        {
            for (int i = 0; i < _circuits.Count; i++)
                if (((LampCircuit)_circuits[i]).Number == number)
                    return (LampCircuit)_circuits[i];
            LampCircuit circuit = new LampCircuit(number, _alarms.Add(AlarmKind.LampFailure, number, "lamp-circuit-" + number));
            _circuits.Add(circuit);
            return circuit;
        }

        public void FeedbackChanged(int circuitNumber, bool lit, long nowMillis)
        {
            LampCircuit circuit = CircuitNumbered(circuitNumber);
            Accumulate(nowMillis);
            circuit.Lit = lit;
            if (lit)
                _alarms.Restore(circuit.Failure);
        }

        public void Tick(long nowMillis)
        {
            Accumulate(nowMillis);
            if (_sensor != null && nowMillis >= _nextSampleAt)
            {
                _nextSampleAt = nowMillis + _settings.SampleSeconds * 1000L;
                Sample(nowMillis);
            }
            if (!IsNight)
                return;
            for (int i = 0; i < _circuits.Count; i++)
            {
                LampCircuit circuit = (LampCircuit)_circuits[i];
                if (circuit.HasFeedback && !circuit.Lit && WarmedUp(nowMillis))
                    _alarms.Raise(circuit.Failure, nowMillis);
            }
        }

        private bool WarmedUp(long nowMillis)
        {
            return nowMillis - _nightSince >= _settings.LampWarmUpSeconds * 1000L;
        }

        private void Sample(long nowMillis)
        {
            int max = _sensor.MaxValue;
            int raw = _sensor.Read();
            if (raw < 0)
                raw = 0;
            if (raw > max)
                raw = max;
            _levelPercent = max > 0 ? (int)((long)raw * 100 / max) : 0;
            if (!_known)
            {
                _known = true;
                SetNight(_levelPercent < _settings.DarkBelowPercent, nowMillis);
                return;
            }
            bool wantsChange = _night ? _levelPercent > _settings.LightAbovePercent : _levelPercent < _settings.DarkBelowPercent;
            if (!wantsChange)
            {
                _candidateSince = -1;
                return;
            }
            if (_candidateSince < 0)
                _candidateSince = nowMillis;
            if (nowMillis - _candidateSince >= _settings.DwellSeconds * 1000L)
                SetNight(!_night, nowMillis);
        }

        private void SetNight(bool night, long nowMillis)
        {
            bool wasNight = _night;
            _night = night;
            _nightSince = nowMillis;
            _candidateSince = -1;
            _log.Record(EventType.DayNight, night ? 1 : 0, "light-sensor", "level " + _levelPercent + "%");
            if (!night && wasNight)
                ReportNight();
            for (int i = 0; i < _circuits.Count; i++)
            {
                LampCircuit circuit = (LampCircuit)_circuits[i];
                if (!night)
                    _alarms.Restore(circuit.Failure); // daytime: a dark lamp is expected
                if (circuit.Relay != null && _settings.DuskToDawn && circuit.RelayOn != night)
                {
                    circuit.RelayOn = night;
                    circuit.Relay.Write(night == circuit.RelayActiveHigh);
                    _log.Record(EventType.LampRelay, circuit.Number, "dusk-to-dawn", night ? "on" : "off");
                }
            }
        }

        private void ReportNight()
        {
            _nights++;
            for (int i = 0; i < _circuits.Count; i++)
            {
                LampCircuit circuit = (LampCircuit)_circuits[i];
                if (!circuit.HasFeedback)
                    continue;
                _log.Record(EventType.LightingReport, circuit.Number, "lamp-circuit-" + circuit.Number,
                    "lit " + circuit.LitMillis / 1000 + " of " + circuit.ExpectedMillis / 1000 + " s");
                circuit.ExpectedMillis = 0;
                circuit.LitMillis = 0;
            }
        }

        /// <summary>Adds the time since the last call to each circuit's night counters.</summary>
        private void Accumulate(long nowMillis)
        {
            long elapsed = _lastTick < 0 ? 0 : nowMillis - _lastTick;
            _lastTick = nowMillis;
            if (elapsed <= 0 || !IsNight || !WarmedUp(nowMillis))
                return;
            for (int i = 0; i < _circuits.Count; i++)
            {
                LampCircuit circuit = (LampCircuit)_circuits[i];
                if (!circuit.HasFeedback)
                    continue;
                circuit.ExpectedMillis += elapsed;
                if (circuit.Lit)
                    circuit.LitMillis += elapsed;
            }
        }
    }
}
