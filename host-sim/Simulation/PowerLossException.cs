namespace Kiosk.HostSim.Simulation;

/// <summary>Thrown by <see cref="MemoryStorage"/> when a simulated power cut interrupts a write.</summary>
public sealed class PowerLossException : Kiosk.Core.Ports.PlatformLostException
{
    public PowerLossException() : base("simulated power loss during a write") { }
}
