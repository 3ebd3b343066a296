using System;
using System.Device.Gpio;
using System.Threading;

namespace Kiosk.HostSim.Simulation;

/// <summary>
/// A GPIO driver for System.Device.Gpio's <see cref="GpioController"/> whose pins are wires in the
/// simulated world: the world sets the level an input sees (<see cref="Drive"/>), change callbacks
/// fire as an interrupt would, and every level written to an output is recorded. The controller
/// code above it is the desktop adapter, as thin as the device's over nanoFramework's GPIO.
/// </summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    public const int Pins = 49; // GPIO 0..48 covers the ESP32-S3

    private readonly object _gate = new();
    private readonly PinState[] _pins = new PinState[Pins];

    public SimulatedGpioDriver()
    {
        for (var i = 0; i < Pins; i++)
            _pins[i] = new PinState(i);
    }

    /// <summary>Every level written to pin <paramref name="pin"/>, oldest first.</summary>
    public SimOutput Recorder(int pin) => _pins[pin].Writes;

    /// <summary>The world drives pin <paramref name="pin"/> to <paramref name="high"/>; input callbacks fire on a change.</summary>
    public void Drive(int pin, bool high)
    {
        (PinEventTypes Types, PinChangeEventHandler Handler)[] callbacks;
        PinValueChangedEventArgs args;
        lock (_gate)
        {
            var state = _pins[pin];
            if (state.Level == high)
                return;
            state.Level = high;
            callbacks = state.Listening;
            args = high ? state.Rising : state.Falling;
        }
        // The callbacks as last registered and one event per edge, made once: a fleet of simulated
        // boards drives thousands of edges, and none of this is the board's own work.
        foreach (var c in callbacks)
            if ((c.Types & args.ChangeType) != 0)
                c.Handler(this, args);
    }

    protected override int PinCount => Pins;

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
            _pins[Check(pinNumber)].Open = true;
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            _pins[Check(pinNumber)].Open = false;
            _pins[pinNumber].Listening = [];
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
            _pins[Check(pinNumber)].Mode = mode;
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
            return _pins[Check(pinNumber)].Mode;
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.InputPullUp or PinMode.InputPullDown or PinMode.Output;

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
            return _pins[Check(pinNumber)].Level ? PinValue.High : PinValue.Low;
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        var high = value == PinValue.High;
        lock (_gate)
        {
            var state = _pins[Check(pinNumber)];
            state.Level = high;
            state.Writes.Write(high);
        }
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the simulated driver reports changes through callbacks only");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            var state = _pins[Check(pinNumber)];
            state.Listening = [.. state.Listening, (eventTypes, callback)];
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            var state = _pins[Check(pinNumber)];
            state.Listening = Array.FindAll(state.Listening, c => c.Handler != callback);
        }
    }

    private static int Check(int pin) =>
        pin is >= 0 and < Pins ? pin : throw new ArgumentOutOfRangeException(nameof(pin), $"GPIO {pin} does not exist on the simulated board");

    private sealed class PinState(int pin)
    {
        public readonly PinValueChangedEventArgs Rising = new(PinEventTypes.Rising, pin);
        public readonly PinValueChangedEventArgs Falling = new(PinEventTypes.Falling, pin);
        // The pin's callbacks, replaced whole (under the driver's lock) when one is added or removed:
        // Drive takes the array as it is and calls outside the lock, copying nothing per edge.
        public (PinEventTypes Types, PinChangeEventHandler Handler)[] Listening = [];
        public bool Open;
        public PinMode Mode = PinMode.Input;
        public bool Level;
        public readonly SimOutput Writes = new();
    }
}
