using System;
using System.Device.Gpio;
using Kiosk.Core;
using Kiosk.Core.Config;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;
using Kiosk.HostSim.Adapters;

namespace Kiosk.HostSim.Simulation;

/// <summary>
/// The simulated hardware of one board, laid out from its config: a <see cref="GpioController"/>
/// over a <see cref="SimulatedGpioDriver"/>, the desktop GPIO adapters on the configured pins, and a
/// light sensor. The world drives input pins by condition (door open, button pressed) at the level
/// the wiring gives; every level the controller writes is recorded per pin.
/// </summary>
public sealed class SimulatedPins
{
    private readonly ControllerConfig _config;
    private readonly InputQueue _queue;

    /// <param name="world">The wires of a board that lost power and is booting again: the door, buttons and light are as the world left them. Null for a new board.</param>
    public SimulatedPins(ControllerConfig config, InputQueue queue, SimulatedPins? world = null)
    {
        _config = config;
        _queue = queue;
        Driver = world?.Driver ?? new SimulatedGpioDriver();
        Light = world?.Light ?? new SimAnalog();
        Gpio = new GpioController(Driver);
        if (world is null)
        {
            // A new board powers up with every input inactive (door closed, nothing pressed).
            for (var i = 0; i < config.Inputs.Length; i++)
                Driver.Drive(config.Inputs[i].Pin, !config.Inputs[i].ActiveHigh);
        }
    }

    /// <summary>The access reader at this door, or null when the config has none (made with the ports: it needs the board's clock).</summary>
    public SimulatedReader? Reader { get; private set; }

    /// <summary>The power goes: the GPIO controller's pins close and their callbacks go with them.</summary>
    public void PowerOff() => Gpio.Dispose();

    public SimulatedGpioDriver Driver { get; }
    public GpioController Gpio { get; }
    public SimAnalog Light { get; }

    /// <summary>Every level written to the lock relay pin.</summary>
    public SimOutput Lock => Driver.Recorder(_config.Lock.Pin);

    /// <summary>The lock pin is at the level that releases the lock.</summary>
    public bool LockReleased => Lock.Level == _config.Lock.ReleaseLevel;

    public SimOutput Output(OutputFunction function) => Driver.Recorder(_config.Outputs[_config.OutputOf(function)].Pin);

    public SimOutput OutputAt(int index) => Driver.Recorder(_config.Outputs[index].Pin);

    /// <summary>Makes the condition of <paramref name="function"/> active or not (door open, button pressed), at the pin's electrical level.</summary>
    public void Set(InputFunction function, bool active)
    {
        var channel = _config.ChannelOf(function);
        if (channel < 0)
            throw new InvalidOperationException($"{_config.DeviceId} has no {ConfigReader.NameOf(function)} input");
        SetChannel(channel, active);
    }

    public void SetChannel(int channel, bool active) => DriveChannel(channel, active == _config.Inputs[channel].ActiveHigh);

    /// <summary>Drives an input's wire to a raw level (a cut wire floating high, a short to ground).</summary>
    public void DriveChannel(int channel, bool high)
    {
        var mark = DesktopGpioBytes.Mark();
        Driver.Drive(_config.Inputs[channel].Pin, high);
        DesktopGpioBytes.CountSince(mark); // the world's wire and its interrupt, not the board
    }

    /// <summary>
    /// The ports a controller gets. The lock pin is opened at its secure level, as the firmware does
    /// from the saved wiring before anything else.
    /// </summary>
    public ControllerPorts Ports(VirtualClock clock, IStorage storage)
    {
        var inputs = new IDigitalInput[_config.Inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
            inputs[i] = new GpioInput(Gpio, _config.Inputs[i].Pin, _config.Inputs[i].PullUp, _config.Inputs[i].InternalPull, _queue, i, clock);
        var outputs = new IDigitalOutput[_config.Outputs.Length];
        for (var i = 0; i < outputs.Length; i++)
            outputs[i] = new GpioOutput(Gpio, _config.Outputs[i].Pin, !_config.Outputs[i].ActiveHigh);
        if (_config.Reader.Present)
            Reader = new SimulatedReader(_config.Reader.D0, _config.Reader.D1, Driver, clock);
        return new ControllerPorts
        {
            ReaderPulses = Reader?.Pulses,
            ReaderD0 = Reader is null ? null : new GpioLevelInput(Gpio, _config.Reader.D0),
            ReaderD1 = Reader is null ? null : new GpioLevelInput(Gpio, _config.Reader.D1),
            Lock = new GpioOutput(Gpio, _config.Lock.Pin, _config.Lock.SecureLevel),
            Inputs = inputs,
            Outputs = outputs,
            LightSensor = _config.Lights.SensorChannel >= 0 ? Light : null,
            Clock = clock,
            WallClock = clock,
            Storage = storage,
        };
    }
}
