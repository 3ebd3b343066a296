using Kiosk.Core.Alarms;
using Kiosk.Core.Commands;
using Kiosk.Core.Config;
using Kiosk.Core.Events;

namespace Kiosk.Core.Door
{
    /// <summary>
    /// The door and its lock. The lock is released only for an accepted unlock (remote command or
    /// exit button) for the pulse time, or while the fire input is active; nothing else releases it,
    /// and no state is restored from flash, so every boot starts secure. The door contact drives
    /// relock-on-close, forced-open and held-open; alarms latch on the <see cref="AlarmBoard"/>.
    /// Works the same with no network: nothing here waits for one.
    /// </summary>
    public sealed class DoorMachine
    {
        private readonly LockSettings _settings;
        private readonly LockDriver _lock;
        private readonly AlarmBoard _alarms;
        private readonly EventLog _log;
        private readonly Alarm _forcedAlarm;
        private readonly Alarm _heldAlarm;
        private readonly Alarm _faultAlarm;
        private readonly Alarm _fireAlarm;

        private bool _hasContact;
        private bool _doorOpen;
        private long _openSince;
        private bool _fire;
        private bool _lockDown;
        private bool _contactFault;
        private bool _unlocked;
        private long _unlockUntil;
        private bool _openedDuringUnlock;
        private string _unlockSource = "";
        private bool _forced;
        private bool _heldRaised;
        private bool _armed;
        private DoorState _state;

        /// <param name="lockDriver">Already driving the secure level (it does so when built).</param>
        public DoorMachine(LockSettings settings, LockDriver lockDriver, AlarmBoard alarms, EventLog log)
        {
            _settings = settings;
            _lock = lockDriver;
            _alarms = alarms;
            _log = log;
            _forcedAlarm = alarms.Add(AlarmKind.ForcedOpen, 0, "door");
            _heldAlarm = alarms.Add(AlarmKind.HeldOpen, 0, "door");
            _faultAlarm = alarms.Add(AlarmKind.DoorFault, 0, "door-contact");
            _fireAlarm = alarms.Add(AlarmKind.Fire, 0, "fire");
            _state = DoorState.LockedClosed;
        }

        public DoorState State => _state;

        public bool LockReleased => _lock.Released;

        public bool DoorOpen => _doorOpen;

        public bool LockDownActive => _lockDown;

        public bool FireActive => _fire;

        /// <summary>An unlock pulse is running (not counting fire release).</summary>
        public bool UnlockActive => _unlocked;

        /// <summary>Sets the door's level at boot, before inputs have settled. No alarm is evaluated yet.</summary>
        public void Start(bool hasContact, bool doorOpen, long nowMillis)
        {
            _hasContact = hasContact;
            _doorOpen = hasContact && doorOpen;
            _openSince = nowMillis;
            Update("boot");
        }

        /// <summary>
        /// Inputs have settled: from now on a door opening without an unlock is forced. A door that
        /// is open at this point was opened while we could not see it; it is not called forced, but
        /// its held-open timer starts now.
        /// </summary>
        public void Arm(long nowMillis)
        {
            _armed = true;
            if (_doorOpen)
                _openSince = nowMillis;
        }

        public void DoorChanged(bool open, long nowMillis)
        {
            if (!_hasContact || open == _doorOpen)
                return;
            _doorOpen = open;
            if (open)
            {
                _openSince = nowMillis;
                if (_unlocked)
                    _openedDuringUnlock = true;
                else if (_armed && !_fire && !_contactFault)
                {
                    _forced = true;
                    _alarms.Raise(_forcedAlarm, nowMillis);
                }
                Update(_forced ? "forced" : "door-opened");
                return;
            }
            EndOpenAlarms();
            if (_unlocked && _openedDuringUnlock)
                _unlocked = false; // relock on close
            Update("door-closed");
        }

        /// <summary>The door contact flapped past its limit (true) or has been quiet long enough to trust again (false).</summary>
        public void ContactFault(bool faulted, bool openNow, long nowMillis)
        {
            if (!_hasContact || faulted == _contactFault)
                return;
            _contactFault = faulted;
            if (faulted)
            {
                _alarms.Raise(_faultAlarm, nowMillis);
                Update("contact-fault");
                return;
            }
            _alarms.Restore(_faultAlarm);
            // We could not see the door while it was faulted: take its level as found, not as forced.
            if (openNow != _doorOpen)
            {
                _doorOpen = openNow;
                _openSince = nowMillis;
                if (!openNow)
                    EndOpenAlarms();
            }
            Update("contact-recovered");
        }

        /// <summary>The fire input: releases the lock whatever the lock type and whatever lock-down says.</summary>
        public void FireChanged(bool active, long nowMillis)
        {
            if (active == _fire)
                return;
            _fire = active;
            if (active)
                _alarms.Raise(_fireAlarm, nowMillis);
            else
            {
                _alarms.Restore(_fireAlarm);
                if (_doorOpen)
                    _openSince = nowMillis; // people may still be leaving: held-open counts from now
            }
            Update(active ? "fire" : "fire-cleared");
        }

        /// <summary>Releases the lock for the pulse time. Refused during lock-down.</summary>
        public CommandResult RequestUnlock(UnlockCause cause, string source, long nowMillis)
        {
            if (_lockDown)
                return CommandResult.Rejected;
            _unlocked = true;
            _unlockUntil = nowMillis + _settings.UnlockPulseSeconds * 1000L;
            _openedDuringUnlock = _doorOpen;
            _unlockSource = source;
            Update(cause == UnlockCause.ExitButton ? "exit-button" : source);
            return CommandResult.Ok;
        }

        /// <summary>Lock-down refuses remote and exit unlocks and ends a running pulse; never fire release.</summary>
        public CommandResult SetLockDown(bool on, string source, long nowMillis)
        {
            _lockDown = on;
            if (on)
                _unlocked = false;
            Update(source);
            return CommandResult.Ok;
        }

        public void Tick(long nowMillis)
        {
            if (_unlocked && nowMillis >= _unlockUntil)
            {
                _unlocked = false;
                if (_hasContact && !_openedDuringUnlock && !_contactFault)
                    _log.Record(EventType.Command, (int)CommandResult.DoorNotOpened, _unlockSource, "unlock: door not opened");
                Update("pulse-ended");
            }
            if (_hasContact && _doorOpen && _armed && !_fire && !_contactFault && !_heldRaised
                && _settings.HeldOpenTimeoutSeconds > 0
                && nowMillis - _openSince >= _settings.HeldOpenTimeoutSeconds * 1000L)
            {
                _heldRaised = true;
                _alarms.Raise(_heldAlarm, nowMillis);
                Update("held-open");
            }
        }

        private void EndOpenAlarms()
        {
            if (_forced)
            {
                _forced = false;
                _alarms.Restore(_forcedAlarm);
            }
            if (_heldRaised)
            {
                _heldRaised = false;
                _alarms.Restore(_heldAlarm);
            }
        }

        private void Update(string cause)
        {
            _lock.Set(_fire || _unlocked);
            DoorState next = Compute();
            if (next == _state && cause != "boot")
                return;
            _state = next;
            _log.Record(EventType.DoorState, (int)next, cause, DoorStateNames.Of(next) + (_lock.Released ? " lock released" : " lock secure"));
        }

        private DoorState Compute()
        {
            if (_fire)
                return DoorState.FreeAccess;
            if (_contactFault)
                return DoorState.DoorFault;
            if (_doorOpen)
            {
                if (_forced)
                    return DoorState.ForcedOpen;
                if (_heldRaised)
                    return DoorState.DoorOpenTooLong;
                return DoorState.OpenAuthorised;
            }
            if (_unlocked)
                return DoorState.Unlocked;
            if (_lockDown)
                return DoorState.LockDown;
            return DoorState.LockedClosed;
        }
    }
}
