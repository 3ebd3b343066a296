using System;
using System.Device.Gpio;
using Kiosk.Core.Access;
using Kiosk.Core.Ports;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>
    /// A Wiegand reader's DATA0/DATA1 through nanoFramework's GPIO events: each falling edge is one
    /// bit, queued in arrival order as an untimed pulse (docs/access.md: the ESP32 GPIO event path
    /// keeps edges in order but delivers them late and in batches, with no timestamp of its own, so
    /// pulse widths cannot be measured here). A fall while the other line is still low is queued as
    /// overlapping, which the core refuses as noise. DebounceTimeout must stay zero: any debounce
    /// swallows 50 µs pulses whole.
    /// </summary>
    public sealed class GpioWiegandCapture
    {
        private readonly GpioPin _d0;
        private readonly GpioPin _d1;
        private readonly WiegandPulses _pulses;
        private bool _d0Low;
        private bool _d1Low;

        public GpioWiegandCapture(GpioController gpio, int d0, int d1, WiegandPulses pulses)
        {
            _pulses = pulses;
            _d0 = gpio.OpenPin(d0, PinMode.InputPullUp);
            _d1 = gpio.OpenPin(d1, PinMode.InputPullUp);
            _d0.DebounceTimeout = TimeSpan.Zero;
            _d1.DebounceTimeout = TimeSpan.Zero;
            _d0.ValueChanged += OnD0;
            _d1.ValueChanged += OnD1;
            Line0 = new LineLevel(_d0);
            Line1 = new LineLevel(_d1);
        }

        /// <summary>DATA0's level, for the core's stuck-line watch.</summary>
        public IDigitalInput Line0 { get; }

        /// <summary>DATA1's level.</summary>
        public IDigitalInput Line1 { get; }

        private void OnD0(object sender, PinValueChangedEventArgs e)
        {
            _d0Low = e.ChangeType == PinEventTypes.Falling;
            if (_d0Low)
                _pulses.Add(0, 0, _d1Low ? WiegandPulses.Overlapping : 0);
        }

        private void OnD1(object sender, PinValueChangedEventArgs e)
        {
            _d1Low = e.ChangeType == PinEventTypes.Falling;
            if (_d1Low)
                _pulses.Add(1, 0, _d0Low ? WiegandPulses.Overlapping : 0);
        }

        private sealed class LineLevel : IDigitalInput
        {
            private readonly GpioPin _pin;

            public LineLevel(GpioPin pin)
            {
                _pin = pin;
            }

            public bool Read()
            {
                return _pin.Read() == PinValue.High;
            }
        }
    }
}
