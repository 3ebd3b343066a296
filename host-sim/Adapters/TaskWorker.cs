using System.Threading;
using System.Threading.Tasks;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Adapters;

/// <summary>Blocking bring-up work on the thread pool, as the device's ThreadWorker runs it on a thread of its own.</summary>
public sealed class TaskWorker : IWorker
{
    public void Run(ThreadStart work) => Task.Factory.StartNew(() => work(), TaskCreationOptions.LongRunning);
}
