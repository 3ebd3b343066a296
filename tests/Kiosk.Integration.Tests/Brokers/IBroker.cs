using System;
using System.Threading.Tasks;

namespace Kiosk.Integration.Tests.Brokers;

/// <summary>A real MQTT broker on a loopback port that a test can stop and start again.</summary>
public interface IBroker : IAsyncDisposable
{
    string Name { get; }
    int Port { get; }
    Task StartAsync();
    Task StopAsync();
}
