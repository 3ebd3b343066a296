using Kiosk.Core.Commands;
using Kiosk.Core.Config;
using Kiosk.Core.Events;

namespace Kiosk.Core.Call
{
    /// <summary>
    /// The one-button visitor call. A press starts a call with its own id; the call counts as
    /// ringing once the duty room has it (the broker acknowledged the call event), connected when
    /// an operator answers, and ends by the operator, the time limit, a missed ring, a long press,
    /// or failing to reach the duty room at all. Presses during a call or within the anti-repeat
    /// time after one are ignored, so a nervous visitor cannot flood the duty room.
    /// </summary>
    public sealed class CallSession
    {
        private readonly CallSettings _settings;
        private readonly EventLog _log;
        private CallState _state = CallState.Idle;
        private string _callId = "";
        private int _callCount;
        private long _startedAt;
        private long _stateAt;
        private long _lastCallEndedAt = long.MinValue / 2;
        private bool _online;
        private bool _buttonDown;
        private long _buttonDownAt;
        private bool _longPressHandled;
        private long _outcomeUntil;
        private CallState _outcome = CallState.Idle;
        private int _ignoredPresses;

        public CallSession(CallSettings settings, EventLog log)
        {
            _settings = settings;
            _log = log;
        }

        public CallState State => _state;

        /// <summary>The current (or last) call's id: "&lt;boot&gt;-&lt;n&gt;", unique per device.</summary>
        public string CallId => _callId;

        /// <summary>The ending shown to the visitor until it times out (Missed, FailedOffline, ...), else Idle.</summary>
        public CallState Outcome => _outcome;

        public int IgnoredPresses => _ignoredPresses;

        /// <summary>Whether a call can reach the duty room now.</summary>
        public bool Online => _online;

        /// <summary>The transport is connected, so a call can reach the duty room.</summary>
        public void SetOnline(bool online)
        {
            _online = online;
        }

        public void ButtonPressed(long nowMillis)
        {
            _buttonDown = true;
            _buttonDownAt = nowMillis;
            _longPressHandled = false;
            bool inCall = _state == CallState.Calling || _state == CallState.Ringing || _state == CallState.Connected;
            if (inCall || nowMillis - _lastCallEndedAt < _settings.AntiRepeatSeconds * 1000L)
            {
                _ignoredPresses++;
                return;
            }
            _callCount++;
            _callId = _log.BootId + "-" + _callCount;
            _startedAt = nowMillis;
            _outcome = CallState.Idle;
            Enter(CallState.Calling, nowMillis, _online ? "pressed" : "pressed while offline");
            if (!_online)
                Finish(CallState.FailedOffline, nowMillis, "no connection to the duty room");
        }

        public void ButtonReleased(long nowMillis)
        {
            _buttonDown = false;
        }

        /// <summary>The call event reached the broker: the duty room is ringing.</summary>
        public void Delivered(string callId, long nowMillis)
        {
            if (_state == CallState.Calling && callId == _callId)
                Enter(CallState.Ringing, nowMillis, "duty room ringing");
        }

        public CommandResult Answer(string callId, string operatorName, long nowMillis)
        {
            if (callId != _callId || (_state != CallState.Ringing && _state != CallState.Calling))
                return _state == CallState.Connected && callId == _callId ? CommandResult.Busy : CommandResult.Rejected;
            Enter(CallState.Connected, nowMillis, "answered by " + operatorName);
            return CommandResult.Ok;
        }

        public CommandResult End(string callId, string operatorName, long nowMillis)
        {
            if (callId != _callId || !IsLive)
                return CommandResult.Rejected;
            Finish(_state == CallState.Connected ? CallState.Ended : CallState.Cancelled, nowMillis, "ended by " + operatorName);
            return CommandResult.Ok;
        }

        public void Tick(long nowMillis)
        {
            if (_buttonDown && !_longPressHandled && _settings.LongPressCancelMillis > 0
                && nowMillis - _buttonDownAt >= _settings.LongPressCancelMillis)
            {
                _longPressHandled = true;
                if (_state == CallState.Calling || _state == CallState.Ringing)
                    Finish(CallState.Cancelled, nowMillis, "long press");
            }
            switch (_state)
            {
                case CallState.Calling:
                    if (!_online || nowMillis - _stateAt >= _settings.DeliveryTimeoutSeconds * 1000L)
                        Finish(CallState.FailedOffline, nowMillis, _online ? "duty room did not receive the call" : "connection lost");
                    else if (nowMillis - _startedAt >= _settings.RingTimeoutSeconds * 1000L)
                        Finish(CallState.Missed, nowMillis, "nobody answered");
                    break;
                case CallState.Ringing:
                    if (nowMillis - _startedAt >= _settings.RingTimeoutSeconds * 1000L)
                        Finish(CallState.Missed, nowMillis, "nobody answered");
                    break;
                case CallState.Connected:
                    if (nowMillis - _stateAt >= _settings.MaxConnectedSeconds * 1000L)
                        Finish(CallState.Ended, nowMillis, "time limit");
                    break;
            }
            if (_outcome != CallState.Idle && nowMillis >= _outcomeUntil)
                _outcome = CallState.Idle;
        }

        private bool IsLive => _state == CallState.Calling || _state == CallState.Ringing || _state == CallState.Connected;

        private void Finish(CallState ending, long nowMillis, string detail)
        {
            Enter(ending, nowMillis, detail);
            _outcome = ending;
            _outcomeUntil = nowMillis + _settings.OutcomeDisplaySeconds * 1000L;
            _lastCallEndedAt = nowMillis;
            _state = CallState.Idle;
        }

        private void Enter(CallState next, long nowMillis, string detail)
        {
            _state = next;
            _stateAt = nowMillis;
            _log.Record(EventType.Call, (int)next, _callId, detail);
        }
    }
}
