using System;
using Kiosk.Core.Alarms;
using Kiosk.Core.Commands;
using Kiosk.Core.Config;
using Kiosk.Core.Door;
using Kiosk.Core.Events;
using Kiosk.Core.Ports;
using Kiosk.Core.Security;

namespace Kiosk.Core.Access
{
    /// <summary>
    /// The access reader at a door, decided on the board with no network: a card or PIN is hashed
    /// with the device's key, looked up on the allow-list on flash, checked for door group, dates and
    /// weekly schedule, and opens the door or is refused. Every decision is an event (under the
    /// console's credential id or the keyed hash, never the number). Wrong credentials in a row
    /// lock the reader out for a while and raise an alarm that latches until acknowledged.
    /// </summary>
    public sealed class AccessPoint
    {
        /// <summary>Refused frames recorded one by one per minute; the rest are counted into the next record.</summary>
        public const int BadFramesRecordedPerMinute = 5;

        private readonly ReaderSettings _settings;
        private readonly WiegandDecoder _decoder;
        private readonly WiegandFrame _frame = new WiegandFrame();
        private readonly KeypadEntry _keypad;
        private readonly AllowList _list;
        private readonly AccessEntry _entry = new AccessEntry();
        private readonly IHmacSha256 _hmac;
        private readonly byte[] _key;
        private readonly IWallClock _wallClock;
        private readonly IDigitalInput _d0;
        private readonly IDigitalInput _d1;
        private readonly DoorMachine _door;
        private readonly EventLog _log;
        private readonly AlarmBoard _alarms;
        private readonly Alarm _lockoutAlarm;
        private readonly ReaderFeedback _feedback;
        private int _wrongInARow;
        private long _lockedOutUntil = -1;
        private long _badFrameWindow = -1;
        private int _badFramesInWindow;
        private int _badFramesUnrecorded;

        public AccessPoint(ReaderSettings settings, WiegandPulses pulses, IDigitalInput d0, IDigitalInput d1, AllowList list,
            IHmacSha256 hmac, byte[] key, IWallClock wallClock, DoorMachine door, EventLog log, AlarmBoard alarms, ReaderFeedback feedback)
        {
            _settings = settings;
            _decoder = new WiegandDecoder(pulses);
            _keypad = new KeypadEntry(settings.KeyTimeoutSeconds);
            _list = list;
            _hmac = hmac;
            _key = key;
            _wallClock = wallClock;
            _d0 = d0;
            _d1 = d1;
            _door = door;
            _log = log;
            _alarms = alarms;
            _lockoutAlarm = alarms.Add(AlarmKind.ReaderLockout, 0, "reader");
            _feedback = feedback;
        }

        public bool LockedOut => _lockedOutUntil >= 0;
        public int WrongInARow => _wrongInARow;
        public WiegandDecoder Decoder => _decoder;
        public ReaderFeedback Feedback => _feedback;

        public void Tick(long nowMillis)
        {
            if (_lockedOutUntil >= 0 && nowMillis >= _lockedOutUntil)
            {
                _lockedOutUntil = -1;
                _wrongInARow = 0;
                _alarms.Restore(_lockoutAlarm);
            }
            if (_d0 != null && _d1 != null)
            {
                string stuck = _decoder.WatchLines(!_d0.Read(), !_d1.Read(), nowMillis);
                if (stuck != null)
                    _log.Record(EventType.Access, (int)AccessResult.BadFrame, "reader", stuck);
            }
            if (_keypad.Expire(nowMillis))
                _log.Record(EventType.Access, (int)AccessResult.BadFrame, "pin", "PIN entry timed out");
            while (_decoder.Poll(nowMillis, _frame))
                Handle(nowMillis);
            _feedback.Tick(nowMillis);
        }

        private void Handle(long nowMillis)
        {
            switch (_frame.Kind)
            {
                case WiegandFrameKind.Refused:
                    BadFrame(_frame.Refusal, nowMillis);
                    return;
                case WiegandFrameKind.Key:
                    string refusal;
                    string pin = _keypad.Key((int)_frame.Value, nowMillis, out refusal);
                    if (refusal != null)
                        Decide(null, "pin", refusal, nowMillis);
                    else if (pin != null)
                        Decide(CredentialHash.Of(_hmac, _key, CredentialHash.Pin, pin), "pin", null, nowMillis);
                    return;
                default:
                    string kind = _frame.Kind == WiegandFrameKind.Card26 ? CredentialHash.Card26 : CredentialHash.Card34;
                    Decide(CredentialHash.Of(_hmac, _key, kind, _frame.Value.ToString()), "card", null, nowMillis);
                    return;
            }
        }

        /// <summary>One credential presented: <paramref name="hash"/> null when it was refused before lookup (<paramref name="refusal"/> says why).</summary>
        private void Decide(byte[] hash, string what, string refusal, long nowMillis)
        {
            string source = what;
            if (_lockedOutUntil >= 0)
            {
                Refuse(AccessResult.LockedOut, source, "locked out for " + ((_lockedOutUntil - nowMillis + 999) / 1000) + " s more", false, nowMillis);
                return;
            }
            if (hash == null)
            {
                Refuse(AccessResult.Unknown, source, refusal, true, nowMillis);
                return;
            }
            if (!_list.Find(hash, _entry))
            {
                Refuse(AccessResult.Unknown, what + ":" + HashText(hash), "not on the allow-list (v" + _list.Version + ")", true, nowMillis);
                return;
            }
            source = "cred:" + _entry.Id;
            if ((_entry.Groups & _settings.Groups) == 0)
            {
                Refuse(AccessResult.WrongDoor, source, "not for this door's groups", true, nowMillis);
                return;
            }
            if (_entry.ValidFrom != 0 || _entry.ValidUntil != 0 || _entry.Schedule != 0)
            {
                if (!_wallClock.IsSynced)
                {
                    Refuse(AccessResult.ClockNotSet, source, "has dates or a schedule and the clock is not set", false, nowMillis);
                    return;
                }
                long now = EventLog.ToUnixMillis(_wallClock.UtcNow) / 1000;
                if (_entry.ValidFrom != 0 && now < _entry.ValidFrom)
                {
                    Refuse(AccessResult.NotYetValid, source, "valid from " + _entry.ValidFrom, true, nowMillis);
                    return;
                }
                if (_entry.ValidUntil != 0 && now >= _entry.ValidUntil)
                {
                    Refuse(AccessResult.Expired, source, "expired at " + _entry.ValidUntil, true, nowMillis);
                    return;
                }
                if (_entry.Schedule != 0)
                {
                    DateTime local = _wallClock.UtcNow.AddMinutes(_settings.UtcOffsetMinutes);
                    int day = ((int)local.DayOfWeek + 6) % 7; // Monday first
                    if (!AccessSchedule.Allows(_list.Schedules, _entry.Schedule, day, local.Hour * 60 + local.Minute))
                    {
                        Refuse(AccessResult.OutOfSchedule, source, "outside schedule " + _entry.Schedule, true, nowMillis);
                        return;
                    }
                }
            }
            if (_door.RequestUnlock(UnlockCause.Credential, source, nowMillis) != CommandResult.Ok)
            {
                Refuse(AccessResult.LockDown, source, "the door is in lock-down", false, nowMillis);
                return;
            }
            _wrongInARow = 0;
            _feedback.Granted(nowMillis);
            _log.Record(EventType.Access, (int)AccessResult.Granted, source, what);
        }

        private void Refuse(AccessResult result, string source, string why, bool wrong, long nowMillis)
        {
            _log.Record(EventType.Access, (int)result, source, why);
            if (!wrong)
            {
                _feedback.Refused(nowMillis);
                return;
            }
            _wrongInARow++;
            if (_wrongInARow < _settings.MaxWrongAttempts)
            {
                _feedback.Refused(nowMillis);
                return;
            }
            _lockedOutUntil = nowMillis + _settings.LockoutSeconds * 1000L;
            _feedback.LockedOut(nowMillis);
            _alarms.Raise(_lockoutAlarm, nowMillis);
        }

        /// <summary>Noise must not flood the store: five a minute one by one, the rest counted into the next one recorded.</summary>
        private void BadFrame(string why, long nowMillis)
        {
            if (_badFrameWindow < 0 || nowMillis - _badFrameWindow >= 60000)
            {
                _badFrameWindow = nowMillis;
                _badFramesInWindow = 0;
            }
            _badFramesInWindow++;
            if (_badFramesInWindow > BadFramesRecordedPerMinute)
            {
                _badFramesUnrecorded++;
                return;
            }
            string detail = _badFramesUnrecorded > 0 ? why + " (+" + _badFramesUnrecorded + " not recorded)" : why;
            _badFramesUnrecorded = 0;
            _log.Record(EventType.Access, (int)AccessResult.BadFrame, "reader", detail);
        }

        /// <summary>The first four bytes of the keyed hash: enough for the duty room to match repeated tries, nothing about the number.</summary>
        private static string HashText(byte[] hash)
        {
            return Hex.Encode(hash, 0, 4);
        }
    }
}
