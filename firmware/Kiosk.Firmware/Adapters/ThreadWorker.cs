using System.Threading;
using Kiosk.Core.Ports;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>
    /// Blocking bring-up work on a thread of its own, so the door loop never waits on Wi-Fi, SNTP or
    /// the broker. The core starts at most one piece per kind at a time, so at most three of these
    /// threads exist, each for the length of one attempt.
    /// </summary>
    public sealed class ThreadWorker : IWorker
    {
        public void Run(ThreadStart work)
        {
            new Thread(work).Start();
        }
    }
}
