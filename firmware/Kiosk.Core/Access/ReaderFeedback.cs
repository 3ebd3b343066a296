using Kiosk.Core.Ports;

namespace Kiosk.Core.Access
{
    /// <summary>
    /// What the person at the reader sees and hears: the reader's LED lit for a granted credential,
    /// one short beep granted, three refused, one long beep when the reader locks out. Timed on the
    /// loop's clock; either output may be absent.
    /// </summary>
    public sealed class ReaderFeedback
    {
        private const int GrantedLedMillis = 2000;
        private const int BeepMillis = 150;

        private readonly IDigitalOutput _led;
        private readonly bool _ledActiveHigh;
        private readonly IDigitalOutput _beeper;
        private readonly bool _beeperActiveHigh;
        private long _ledUntil = -1;
        private long _beepsFrom;
        private int _beeps;
        private int _beepMillis;
        private bool _ledOn;
        private bool _beeperOn;

        public ReaderFeedback(IDigitalOutput led, bool ledActiveHigh, IDigitalOutput beeper, bool beeperActiveHigh)
        {
            _led = led;
            _ledActiveHigh = ledActiveHigh;
            _beeper = beeper;
            _beeperActiveHigh = beeperActiveHigh;
            // Both off from the first moment: a reader's LED lit at boot would read as "granted".
            if (_led != null)
                _led.Write(!ledActiveHigh);
            if (_beeper != null)
                _beeper.Write(!beeperActiveHigh);
        }

        public bool LedOn => _ledOn;
        public bool BeeperOn => _beeperOn;

        public void Granted(long nowMillis)
        {
            _ledUntil = nowMillis + GrantedLedMillis;
            Beep(1, BeepMillis, nowMillis);
        }

        public void Refused(long nowMillis)
        {
            _ledUntil = -1;
            Beep(3, BeepMillis, nowMillis);
        }

        public void LockedOut(long nowMillis)
        {
            _ledUntil = -1;
            Beep(1, 1500, nowMillis);
        }

        public void Tick(long nowMillis)
        {
            bool led = _ledUntil >= 0 && nowMillis < _ledUntil;
            bool beeper = false;
            if (_beeps > 0)
            {
                long into = nowMillis - _beepsFrom;
                long period = 2L * _beepMillis;
                if (into >= period * _beeps)
                    _beeps = 0;
                else
                    beeper = into % period < _beepMillis;
            }
            Drive(led, beeper);
        }

        private void Beep(int count, int millis, long nowMillis)
        {
            _beeps = count;
            _beepMillis = millis;
            _beepsFrom = nowMillis;
        }

        private void Drive(bool led, bool beeper)
        {
            if (_led != null && led != _ledOn)
                _led.Write(led == _ledActiveHigh);
            if (_beeper != null && beeper != _beeperOn)
                _beeper.Write(beeper == _beeperActiveHigh);
            _ledOn = led;
            _beeperOn = beeper;
        }
    }
}
