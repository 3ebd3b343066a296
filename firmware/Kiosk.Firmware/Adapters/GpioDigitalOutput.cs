using System.Device.Gpio;
using Kiosk.Core.Ports;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>A relay, LED or buzzer pin through nanoFramework's System.Device.Gpio.</summary>
    public sealed class GpioDigitalOutput : IDigitalOutput
    {
        private readonly GpioPin _pin;

        /// <param name="initialHigh">
        /// The level to hold from the moment the pin becomes an output. For the lock relay this is
        /// the secure level, written before the mode switch so the relay never sees a wrong level.
        /// </param>
        public GpioDigitalOutput(GpioController gpio, int pinNumber, bool initialHigh)
        {
            _pin = gpio.OpenPin(pinNumber);
            _pin.Write(initialHigh ? PinValue.High : PinValue.Low);
            _pin.SetPinMode(PinMode.Output);
            _pin.Write(initialHigh ? PinValue.High : PinValue.Low);
        }

        public void Write(bool high)
        {
            _pin.Write(high ? PinValue.High : PinValue.Low);
        }
    }
}
