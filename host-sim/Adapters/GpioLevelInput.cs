using System.Device.Gpio;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Adapters;

/// <summary>A pin read for its level only (the access reader's data lines, watched for a stuck line); no edges queued.</summary>
public sealed class GpioLevelInput : IDigitalInput
{
    private readonly GpioController _gpio;
    private readonly int _pin;

    public GpioLevelInput(GpioController gpio, int pin)
    {
        _gpio = gpio;
        _pin = pin;
        gpio.OpenPin(pin, PinMode.InputPullUp);
    }

    public bool Read() => _gpio.Read(_pin) == PinValue.High;
}
