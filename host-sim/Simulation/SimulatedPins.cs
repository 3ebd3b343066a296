using Kiosk.Core;
using Kiosk.Core.Config;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Simulation;

/// <summary>
/// The simulated hardware of one board, laid out from its config: an input pin per configured
/// input (starting inactive), an output per configured output, the lock relay and a light sensor.
/// Inputs queue their edges on the board's loop queue, as the GPIO adapter does on the device.
/// </summary>
public sealed class SimulatedPins
{
    private readonly ControllerConfig _config;

    public SimulatedPins(ControllerConfig config, InputQueue queue)
    {
        _config = config;
        Inputs = new SimInput[config.Inputs.Length];
        for (var i = 0; i < Inputs.Length; i++)
            Inputs[i] = new SimInput(queue, i, !config.Inputs[i].ActiveHigh);
        Outputs = new SimOutput[config.Outputs.Length];
        for (var i = 0; i < Outputs.Length; i++)
            Outputs[i] = new SimOutput();
    }

    public SimInput[] Inputs { get; }
    public SimOutput[] Outputs { get; }
    public SimOutput Lock { get; } = new();
    public SimAnalog Light { get; } = new();

    /// <summary>The lock pin is at the level that releases the lock.</summary>
    public bool LockReleased => Lock.Level == _config.Lock.ReleaseLevel;

    public SimOutput Output(OutputFunction function) => Outputs[_config.OutputOf(function)];

    /// <summary>Makes the condition of <paramref name="function"/> active or not (door open, button pressed), at the pin's electrical level.</summary>
    public void Set(InputFunction function, bool active, long atMillis) => SetChannel(_config.ChannelOf(function), active, atMillis);

    public void SetChannel(int channel, bool active, long atMillis) =>
        Inputs[channel].Set(active == _config.Inputs[channel].ActiveHigh, atMillis);

    /// <summary>The ports a controller built on these pins gets.</summary>
    public ControllerPorts Ports(VirtualClock clock, IStorage storage) => new()
    {
        Lock = Lock,
        Inputs = Inputs,
        Outputs = Outputs,
        LightSensor = _config.Lights.SensorChannel >= 0 ? Light : null,
        Clock = clock,
        WallClock = clock,
        Storage = storage,
    };
}
