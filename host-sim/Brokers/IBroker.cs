using System;
using System.Threading.Tasks;

namespace Kiosk.HostSim.Brokers;

/// <summary>A real MQTT broker on a loopback port that can be stopped and started again (tests, benchmarks, the simulated site).</summary>
public interface IBroker : IAsyncDisposable
{
    string Name { get; }
    int Port { get; }
    Task StartAsync();
    Task StopAsync();
}
