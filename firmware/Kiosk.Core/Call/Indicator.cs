using Kiosk.Core.Ports;

namespace Kiosk.Core.Call
{
    /// <summary>
    /// Drives the call LED and buzzer from patterns of 32 slots of 100 ms (a 3.2 s cycle), bit 0
    /// first. Patterns are constants, the phase comes from loop time, and a pin is written only
    /// when its level changes: the idle loop allocates nothing and toggles nothing it need not.
    /// </summary>
    public sealed class Indicator
    {
        public const int SlotMillis = 100;
        public const int Slots = 32;

        // LED patterns                                  buzzer patterns
        private const uint LedReady = 0x00000001;      private const uint BuzzReady = 0;
        private const uint LedRinging = 0x001F001F;    private const uint BuzzRinging = 0x00000003;
        private const uint LedConnected = 0xFFFFFFFF;  private const uint BuzzConnected = 0;
        private const uint LedDoorOpen = 0x55555555;   private const uint BuzzDoorOpen = 0x00000005;
        private const uint LedNobody = 0x00000015;     private const uint BuzzNobody = 0x000003FF;
        private const uint LedFailed = 0x0000FFFF;     private const uint BuzzFailed = 0x00000015;
        private const uint LedCancelled = 0;           private const uint BuzzCancelled = 0x00000001;
        private const uint LedAlarm = 0x33333333;      private const uint BuzzAlarm = 0x33333333;
        private const uint LedOffline = 0x00000005;    private const uint BuzzOffline = 0;

        private readonly IDigitalOutput _led;
        private readonly bool _ledActiveHigh;
        private readonly IDigitalOutput _buzzer;
        private readonly bool _buzzerActiveHigh;
        private IndicatorMode _mode = IndicatorMode.Ready;
        private long _modeSince;
        private bool _ledOn;
        private bool _buzzerOn;
        private bool _written;

        /// <param name="led">May be null when the booth has no LED; likewise the buzzer.</param>
        public Indicator(IDigitalOutput led, bool ledActiveHigh, IDigitalOutput buzzer, bool buzzerActiveHigh)
        {
            _led = led;
            _ledActiveHigh = ledActiveHigh;
            _buzzer = buzzer;
            _buzzerActiveHigh = buzzerActiveHigh;
        }

        public IndicatorMode Mode => _mode;

        public bool LedOn => _ledOn;

        public bool BuzzerOn => _buzzerOn;

        /// <summary>Shows <paramref name="mode"/>; a new mode starts its pattern from the first slot.</summary>
        public void Show(IndicatorMode mode, long nowMillis)
        {
            if (mode == _mode)
                return;
            _mode = mode;
            _modeSince = nowMillis;
        }

        public void Tick(long nowMillis)
        {
            int slot = (int)(((nowMillis - _modeSince) / SlotMillis) % Slots);
            uint bit = 1u << slot;
            bool led = (LedPattern(_mode) & bit) != 0;
            bool buzz = (BuzzerPattern(_mode) & bit) != 0;
            // Beeps play in the first cycle only (ring-back and alarms repeat), or a booth would beep all night.
            if (nowMillis - _modeSince >= Slots * SlotMillis && _mode != IndicatorMode.Alarm && _mode != IndicatorMode.Ringing)
                buzz = false;
            if (!_written || led != _ledOn)
            {
                _ledOn = led;
                if (_led != null)
                    _led.Write(led == _ledActiveHigh);
            }
            if (!_written || buzz != _buzzerOn)
            {
                _buzzerOn = buzz;
                if (_buzzer != null)
                    _buzzer.Write(buzz == _buzzerActiveHigh);
            }
            _written = true;
        }

        public static uint LedPattern(IndicatorMode mode)
        {
            switch (mode)
            {
                case IndicatorMode.Ringing: return LedRinging;
                case IndicatorMode.Connected: return LedConnected;
                case IndicatorMode.DoorOpen: return LedDoorOpen;
                case IndicatorMode.NobodyAnswered: return LedNobody;
                case IndicatorMode.CallFailed: return LedFailed;
                case IndicatorMode.Cancelled: return LedCancelled;
                case IndicatorMode.Alarm: return LedAlarm;
                case IndicatorMode.Offline: return LedOffline;
                default: return LedReady;
            }
        }

        public static uint BuzzerPattern(IndicatorMode mode)
        {
            switch (mode)
            {
                case IndicatorMode.Ringing: return BuzzRinging;
                case IndicatorMode.Connected: return BuzzConnected;
                case IndicatorMode.DoorOpen: return BuzzDoorOpen;
                case IndicatorMode.NobodyAnswered: return BuzzNobody;
                case IndicatorMode.CallFailed: return BuzzFailed;
                case IndicatorMode.Cancelled: return BuzzCancelled;
                case IndicatorMode.Alarm: return BuzzAlarm;
                case IndicatorMode.Offline: return BuzzOffline;
                default: return BuzzReady;
            }
        }
    }
}
