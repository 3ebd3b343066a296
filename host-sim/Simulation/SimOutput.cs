using System.Collections.Generic;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Simulation;

/// <summary>An output pin that remembers every level written to it, in order.</summary>
public sealed class SimOutput : IDigitalOutput
{
    public List<bool> Writes { get; } = new();

    public bool? Level => Writes.Count == 0 ? null : Writes[^1];

    public void Write(bool high) => Writes.Add(high);
}
