using System;
using System.Device.Gpio;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>
    /// A contact or button through System.Device.Gpio. Every edge is queued with the time it was
    /// seen; debouncing is the core's job (the same logic is then tested on the virtual clock),
    /// so the driver's own DebounceTimeout stays at zero.
    /// </summary>
    public sealed class GpioDigitalInput : IDigitalInput
    {
        private readonly GpioPin _pin;
        private readonly InputQueue _queue;
        private readonly int _channel;

        /// <param name="pullUp">Pulled up (contact to ground) or down.</param>
        /// <param name="internalPull">Use the chip's resistor; false when the board has its own.</param>
        public GpioDigitalInput(GpioController gpio, int pinNumber, bool pullUp, bool internalPull, InputQueue queue, int channel)
        {
            _queue = queue;
            _channel = channel;
            _pin = gpio.OpenPin(pinNumber, !internalPull ? PinMode.Input : pullUp ? PinMode.InputPullUp : PinMode.InputPullDown);
            _pin.ValueChanged += OnValueChanged;
        }

        public bool Read()
        {
            return _pin.Read() == PinValue.High;
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            int level = e.ChangeType == PinEventTypes.Rising ? 1 : 0;
            _queue.Enqueue(InputKind.DigitalEdge, _channel, level, Environment.TickCount64);
        }
    }
}
