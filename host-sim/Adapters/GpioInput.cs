using System.Device.Gpio;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Adapters;

/// <summary>
/// A contact or button through System.Device.Gpio, the desktop twin of the firmware's
/// GpioDigitalInput: every edge is queued with the time it was seen; debouncing is the core's job.
/// </summary>
public sealed class GpioInput : IDigitalInput
{
    private readonly GpioController _gpio;
    private readonly int _pin;
    private readonly InputQueue _queue;
    private readonly int _channel;
    private readonly IMonotonicClock _clock;

    public GpioInput(GpioController gpio, int pin, bool pullUp, bool internalPull, InputQueue queue, int channel, IMonotonicClock clock)
    {
        _gpio = gpio;
        _pin = pin;
        _queue = queue;
        _channel = channel;
        _clock = clock;
        gpio.OpenPin(pin, !internalPull ? PinMode.Input : pullUp ? PinMode.InputPullUp : PinMode.InputPullDown);
        gpio.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, OnChanged);
    }

    public bool Read() => _gpio.Read(_pin) == PinValue.High;

    private void OnChanged(object sender, PinValueChangedEventArgs e) =>
        _queue.Enqueue(InputKind.DigitalEdge, _channel, e.ChangeType == PinEventTypes.Rising ? 1 : 0, _clock.NowMillis);
}
