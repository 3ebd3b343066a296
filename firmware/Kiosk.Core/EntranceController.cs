using System;
using Kiosk.Core.Access;
using Kiosk.Core.Alarms;
using Kiosk.Core.Boot;
using Kiosk.Core.Call;
using Kiosk.Core.Commands;
using Kiosk.Core.Config;
using Kiosk.Core.Door;
using Kiosk.Core.Events;
using Kiosk.Core.Inputs;
using Kiosk.Core.Lights;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;

namespace Kiosk.Core
{
    /// <summary>
    /// One entrance: door and lock, visitor call, street lights, alarm and patrol inputs, and the
    /// event store, driven by the loop. Building it drives the lock secure before anything else.
    /// Every public method runs on the loop thread.
    /// </summary>
    public sealed class EntranceController : IInputHandler
    {
        /// <summary>Inputs that never settle (slow flapping under the fault limit) stop holding alarms back after this.</summary>
        public const int MaxSettleMillis = 30000;

        private readonly ControllerConfig _config;
        private readonly ControllerPorts _ports;
        private readonly LockDriver _lock;
        private readonly EventStore _store;
        private readonly EventLog _log;
        private readonly AlarmBoard _alarms;
        private readonly DoorMachine _door;
        private readonly int _unlockPulseSeconds;
        private readonly CallSession _call;
        private readonly StreetLights _lights;
        private readonly Indicator _indicator;
        private readonly DebouncedInput[] _inputs;
        private readonly Alarm[] _inputAlarms;
        private readonly Alarm[] _faultAlarms;
        private readonly long _bootAt;
        private readonly AllowList _allowList;
        private AccessPoint _access;
        private bool _settled;

        public EntranceController(ControllerConfig config, ControllerPorts ports)
        {
            if (config == null || ports == null || ports.Lock == null)
                throw new ArgumentNullException(config == null ? "config" : "ports");
            // First, on every boot path: the lock to its secure level. No state is restored.
            _lock = new LockDriver(ports.Lock, config.Lock);

            _config = config;
            _ports = ports;
            _bootAt = ports.Clock.NowMillis;
            if (ports.Inputs.Length != config.Inputs.Length || ports.Outputs.Length != config.Outputs.Length)
                throw new ArgumentException("ports must match the config: one port per configured input and output");

            LockWiring.Save(ports.Storage, config.Lock);
            int bootId = BootCounter.Next(ports.Storage);
            string reason = RebootReason.TakeAtBoot(ports.Storage, ports.PlatformResetCause);
            _store = new EventStore(ports.Storage, config.EventCapacity);
            _store.Open();
            _log = new EventLog(_store, ports.WallClock, bootId);
            _log.Record(EventType.Boot, 1, config.DeviceId, reason);
            if (_store.TornSlotsFound > 0)
                _log.Record(EventType.StoreWarning, 3, "event-store", "torn records skipped: " + _store.TornSlotsFound);

            _alarms = new AlarmBoard(_log);
            _door = new DoorMachine(config.Lock, _lock, _alarms, _log);
            _unlockPulseSeconds = config.Lock.UnlockPulseSeconds;
            _call = new CallSession(config.Call, _log);
            _lights = new StreetLights(config.Lights, ports.LightSensor, _alarms, _log);
            _indicator = BuildIndicator(config, ports);

            _inputs = new DebouncedInput[config.Inputs.Length];
            _inputAlarms = new Alarm[config.Inputs.Length];
            _faultAlarms = new Alarm[config.Inputs.Length];
            for (int i = 0; i < config.Inputs.Length; i++)
            {
                InputPin pin = config.Inputs[i];
                _inputs[i] = new DebouncedInput(pin.ActiveHigh, pin.DebounceMillis, config.FlapLimitPerMinute, ports.Inputs[i].Read(), _bootAt);
                _inputAlarms[i] = AlarmFor(pin, i);
                if (pin.Function != InputFunction.DoorContact)
                    _faultAlarms[i] = _alarms.Add(AlarmKind.InputFault, i, pin.Name);
                if (pin.Function == InputFunction.LampFeedback)
                {
                    LampCircuit circuit = _lights.CircuitNumbered(pin.Circuit);
                    circuit.HasFeedback = true;
                    circuit.Lit = _inputs[i].IsActive;
                }
            }
            for (int i = 0; i < config.Outputs.Length; i++)
            {
                OutputPin output = config.Outputs[i];
                if (output.Function != OutputFunction.LampRelay)
                    continue;
                LampCircuit circuit = _lights.CircuitNumbered(output.Circuit);
                circuit.Relay = ports.Outputs[i];
                circuit.RelayActiveHigh = output.ActiveHigh;
                circuit.Relay.Write(!output.ActiveHigh); // off until night is known
            }

            if (config.Reader.Present)
            {
                _allowList = new AllowList(ports.Storage);
                _allowList.Open();
            }

            int door = config.ChannelOf(InputFunction.DoorContact);
            _door.Start(door >= 0, door >= 0 && _inputs[door].IsActive, _bootAt);
            int fire = config.ChannelOf(InputFunction.Fire);
            if (fire >= 0 && _inputs[fire].IsActive)
                _door.FireChanged(true, _bootAt); // fire releases at once; it never waits for settling
        }

        public ControllerConfig Config => _config;

        /// <summary>The allow-list on flash, or null when the door has no reader.</summary>
        public AllowList AllowList => _allowList;

        /// <summary>The access reader, or null until <see cref="EnableAccess"/> (it needs the device's key).</summary>
        public AccessPoint Access => _access;

        /// <summary>
        /// Starts deciding at the access reader: credentials are hashed with the device's key, so the
        /// reader works once the secrets are read (the firmware calls this before the network is up).
        /// </summary>
        public void EnableAccess(IHmacSha256 hmac, byte[] key)
        {
            if (!_config.Reader.Present || _access != null || _ports.ReaderPulses == null)
                return;
            int led = _config.OutputOf(OutputFunction.ReaderLed);
            int beeper = _config.OutputOf(OutputFunction.ReaderBeeper);
            ReaderFeedback feedback = new ReaderFeedback(
                led >= 0 ? _ports.Outputs[led] : null, led >= 0 && _config.Outputs[led].ActiveHigh,
                beeper >= 0 ? _ports.Outputs[beeper] : null, beeper >= 0 && _config.Outputs[beeper].ActiveHigh);
            _access = new AccessPoint(_config.Reader, _ports.ReaderPulses, _ports.ReaderD0, _ports.ReaderD1, _allowList,
                hmac, key, _ports.WallClock, _door, _log, _alarms, feedback);
        }
        public DoorState DoorState => _door.State;
        public bool LockReleased => _lock.Released;
        public CallSession Call => _call;
        public StreetLights Lights => _lights;
        public AlarmBoard Alarms => _alarms;
        public EventStore Store => _store;
        public EventLog Log => _log;
        public Indicator Indicator => _indicator;
        public int BootId => _log.BootId;

        /// <summary>Inputs have settled after boot and alarms are being evaluated.</summary>
        public bool Settled => _settled;

        /// <summary>Whether the lock is released by an accepted unlock pulse (as opposed to fire).</summary>
        public bool UnlockPulseActive => _door.UnlockActive;

        /// <summary>How long an unlock keeps the lock released (the config's unlockPulseSeconds): the duty room counts it down.</summary>
        public int UnlockPulseSeconds => _unlockPulseSeconds;

        public bool FireActive => _door.FireActive;

        public bool LockDownActive => _door.LockDownActive;

        // ---- loop contract ------------------------------------------------------------------

        public void OnInput(InputEvent input, long nowMillis)
        {
            switch (input.Kind)
            {
                case InputKind.DigitalEdge:
                    if (input.Source >= 0 && input.Source < _inputs.Length)
                        _inputs[input.Source].Edge(input.Value != 0, input.AtMillis);
                    break;
                case InputKind.TransportConnected:
                    _call.SetOnline(true);
                    break;
                case InputKind.TransportLost:
                    _call.SetOnline(false);
                    break;
                // Messages and publish acknowledgements belong to the protocol layer, which wraps
                // this controller; the door needs neither to work.
            }
        }

        public void OnTick(long nowMillis)
        {
            for (int i = 0; i < _inputs.Length; i++)
            {
                InputChange change = _inputs[i].Update(nowMillis);
                if (change != InputChange.None)
                    Dispatch(i, change, nowMillis);
            }
            if (!_settled && SettledNow(nowMillis))
                Settle(nowMillis);
            _door.Tick(nowMillis);
            _call.Tick(nowMillis);
            _lights.Tick(nowMillis);
            if (_access != null)
                _access.Tick(nowMillis);
            _indicator.Show(ChooseIndicator(), nowMillis);
            _indicator.Tick(nowMillis);
        }

        /// <summary>Something threw: the lock goes secure (fire release stays: people must get out) and it is recorded.</summary>
        public void OnFault(Exception fault, long nowMillis)
        {
            if (!_door.FireActive)
                _lock.Secure();
            string message = fault.Message;
            _log.Record(EventType.Fault, 1, "loop", message == null || message.Length == 0 ? "exception" : message);
        }

        public void OnInputsDropped(int dropped, long nowMillis)
        {
            _log.Record(EventType.InputsDropped, dropped > short.MaxValue ? short.MaxValue : dropped, "input-queue", "inputs re-read");
            for (int i = 0; i < _inputs.Length; i++)
                _inputs[i].Resample(_ports.Inputs[i].Read(), nowMillis);
        }

        // ---- commands (already authenticated by the protocol layer) -------------------------

        public CommandResult RemoteUnlock(string source, long nowMillis)
        {
            return Recorded(_door.RequestUnlock(UnlockCause.Remote, source, nowMillis), source, "unlock");
        }

        public CommandResult SetLockDown(bool on, string source, long nowMillis)
        {
            return Recorded(_door.SetLockDown(on, source, nowMillis), source, on ? "lock-down on" : "lock-down off");
        }

        /// <summary>Resets latched alarms of one kind (0 = all) whose condition has ended. Rejected when some are still active.</summary>
        public CommandResult Acknowledge(int alarmKind, string source, long nowMillis)
        {
            int stillActive;
            _alarms.Acknowledge(alarmKind, source, out stillActive);
            return Recorded(stillActive == 0 ? CommandResult.Ok : CommandResult.Rejected, source,
                stillActive == 0 ? "acknowledge" : "acknowledge: " + stillActive + " still active");
        }

        public CommandResult AnswerCall(string callId, string source, long nowMillis)
        {
            return Recorded(_call.Answer(callId, source, nowMillis), source, "answer " + callId);
        }

        public CommandResult EndCall(string callId, string source, long nowMillis)
        {
            return Recorded(_call.End(callId, source, nowMillis), source, "end " + callId);
        }

        /// <summary>The call event reached the broker: the duty room is ringing.</summary>
        public void CallDelivered(string callId, long nowMillis)
        {
            _call.Delivered(callId, nowMillis);
        }

        /// <summary>
        /// Nothing a restart would interrupt or undo: the door closed and locked (not lock-down or fire
        /// release, which are not restored after a restart), no call and no call outcome showing.
        /// </summary>
        public bool Quiet => _door.State == DoorState.LockedClosed && !_lock.Released
            && _call.State == CallState.Idle && _call.Outcome == CallState.Idle;

        public CommandResult SetClock(DateTime utc, string source)
        {
            long before = EventLog.ToUnixMillis(_ports.WallClock.UtcNow);
            _ports.WallClock.Set(utc);
            long offset = EventLog.ToUnixMillis(utc) - before;
            _log.Record(EventType.ClockSet, 0, source, "offset " + offset + " ms");
            return CommandResult.Ok;
        }

        // ---- internals ----------------------------------------------------------------------

        private void Dispatch(int channel, InputChange change, long nowMillis)
        {
            InputPin pin = _config.Inputs[channel];
            bool active = change == InputChange.Activated || (change == InputChange.Recovered && _inputs[channel].IsActive);
            if (change == InputChange.Faulted || change == InputChange.Recovered)
            {
                ReportFault(channel, change == InputChange.Faulted, nowMillis);
                if (change == InputChange.Faulted)
                    return;
            }
            switch (pin.Function)
            {
                case InputFunction.DoorContact:
                    if (change == InputChange.Recovered)
                        return; // ReportFault handed the level to the door
                    _door.DoorChanged(active, nowMillis);
                    break;
                case InputFunction.ExitButton:
                    if (change == InputChange.Activated)
                        ExitPressed(pin, nowMillis);
                    break;
                case InputFunction.CallButton:
                    if (change == InputChange.Activated)
                        _call.ButtonPressed(nowMillis);
                    else if (change == InputChange.Deactivated)
                        _call.ButtonReleased(nowMillis);
                    break;
                case InputFunction.Fire:
                    _door.FireChanged(active, nowMillis);
                    break;
                case InputFunction.LampFeedback:
                    _lights.FeedbackChanged(pin.Circuit, active, nowMillis);
                    break;
                case InputFunction.Patrol:
                    if (change == InputChange.Activated)
                        _log.Record(EventType.Patrol, channel, pin.Name, "check-in");
                    break;
                default: // tamper, perimeter, emergency
                    if (!_settled)
                        return; // evaluated when inputs settle
                    if (active)
                        _alarms.Raise(_inputAlarms[channel], nowMillis);
                    else
                        _alarms.Restore(_inputAlarms[channel]);
                    break;
            }
        }

        private void ExitPressed(InputPin pin, long nowMillis)
        {
            CommandResult result = _door.RequestUnlock(UnlockCause.ExitButton, pin.Name, nowMillis);
            if (result != CommandResult.Ok)
                _log.Record(EventType.Command, (int)result, pin.Name, "exit refused: lock-down");
        }

        private void ReportFault(int channel, bool faulted, long nowMillis)
        {
            InputPin pin = _config.Inputs[channel];
            _log.Record(faulted ? EventType.InputFault : EventType.InputRecovered, channel, pin.Name,
                faulted ? "changing too often: wiring fault?" : "quiet again");
            if (pin.Function == InputFunction.DoorContact)
            {
                _door.ContactFault(faulted, _inputs[channel].IsActive, nowMillis);
                return;
            }
            if (faulted)
                _alarms.Raise(_faultAlarms[channel], nowMillis);
            else
                _alarms.Restore(_faultAlarms[channel]);
        }

        private bool SettledNow(long nowMillis)
        {
            long sinceBoot = nowMillis - _bootAt;
            if (sinceBoot < _config.BootSettleMillis)
                return false;
            if (sinceBoot >= MaxSettleMillis)
                return true;
            for (int i = 0; i < _inputs.Length; i++)
                if (!_inputs[i].IsFaulted && !_inputs[i].IsSettled(nowMillis))
                    return false;
            return true;
        }

        /// <summary>Inputs are trusted now: arm the door and raise whatever alarm condition is already present.</summary>
        private void Settle(long nowMillis)
        {
            _settled = true;
            _door.Arm(nowMillis);
            for (int i = 0; i < _inputs.Length; i++)
                if (_inputAlarms[i] != null && _inputs[i].IsActive && !_inputs[i].IsFaulted)
                    _alarms.Raise(_inputAlarms[i], nowMillis);
        }

        private CommandResult Recorded(CommandResult result, string source, string command)
        {
            _log.Record(EventType.Command, (int)result, source, command);
            return result;
        }

        private IndicatorMode ChooseIndicator()
        {
            if (_lock.Released)
                return IndicatorMode.DoorOpen;
            switch (_call.State)
            {
                case CallState.Calling:
                case CallState.Ringing:
                    return IndicatorMode.Ringing;
                case CallState.Connected:
                    return IndicatorMode.Connected;
            }
            switch (_call.Outcome)
            {
                case CallState.Missed: return IndicatorMode.NobodyAnswered;
                case CallState.FailedOffline: return IndicatorMode.CallFailed;
                case CallState.Cancelled: return IndicatorMode.Cancelled;
            }
            for (int i = 0; i < _alarms.Count; i++)
            {
                Alarm alarm = _alarms[i];
                if (alarm.Active && (alarm.Kind == AlarmKind.ForcedOpen || alarm.Kind == AlarmKind.Tamper || alarm.Kind == AlarmKind.Emergency))
                    return IndicatorMode.Alarm;
            }
            return _call.Online ? IndicatorMode.Ready : IndicatorMode.Offline;
        }

        private Alarm AlarmFor(InputPin pin, int channel)
        {
            switch (pin.Function)
            {
                case InputFunction.Tamper: return _alarms.Add(AlarmKind.Tamper, channel, pin.Name);
                case InputFunction.Perimeter: return _alarms.Add(AlarmKind.Perimeter, channel, pin.Name);
                case InputFunction.Emergency: return _alarms.Add(AlarmKind.Emergency, channel, pin.Name);
                default: return null;
            }
        }

        private static Indicator BuildIndicator(ControllerConfig config, ControllerPorts ports)
        {
            int led = config.OutputOf(OutputFunction.CallLed);
            int buzzer = config.OutputOf(OutputFunction.Buzzer);
            return new Indicator(
                led >= 0 ? ports.Outputs[led] : null, led >= 0 && config.Outputs[led].ActiveHigh,
                buzzer >= 0 ? ports.Outputs[buzzer] : null, buzzer >= 0 && config.Outputs[buzzer].ActiveHigh);
        }
    }
}
