using System.Threading;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Simulation;

/// <summary>Runs a worker's job at once, on the caller's thread: deterministic on a virtual clock (tests, the allocation benchmark).</summary>
public sealed class InlineWorker : IWorker
{
    public void Run(ThreadStart work) => work();
}
