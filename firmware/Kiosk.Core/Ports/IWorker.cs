using System.Threading;

namespace Kiosk.Core.Ports
{
    /// <summary>
    /// Runs one piece of blocking work (joining Wi-Fi, an SNTP query, an MQTT connect) away from the
    /// loop. The device starts a thread; tests on a virtual clock run it inline, so bring-up is
    /// deterministic there. The core starts at most one piece of work per kind at a time.
    /// </summary>
    public interface IWorker
    {
        void Run(ThreadStart work);
    }
}
