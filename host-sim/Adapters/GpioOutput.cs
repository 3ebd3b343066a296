using System.Device.Gpio;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Adapters;

/// <summary>A relay, LED or buzzer pin through System.Device.Gpio; opened at its initial (secure) level.</summary>
public sealed class GpioOutput : IDigitalOutput
{
    private readonly GpioController _gpio;
    private readonly int _pin;

    public GpioOutput(GpioController gpio, int pin, bool initialHigh)
    {
        _gpio = gpio;
        _pin = pin;
        gpio.OpenPin(pin, PinMode.Output, initialHigh ? PinValue.High : PinValue.Low);
    }

    public void Write(bool high)
    {
        var mark = DesktopGpioBytes.Mark();
        _gpio.Write(_pin, high ? PinValue.High : PinValue.Low);
        DesktopGpioBytes.CountSince(mark);
    }
}
