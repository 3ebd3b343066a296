using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Simulation;

public sealed class SimAnalog : IAnalogInput
{
    public int Value { get; set; } = 4095;

    public int MaxValue => 4095;

    public int Read() => Value;

    public void SetPercent(int percent) => Value = percent * 4095 / 100;
}
