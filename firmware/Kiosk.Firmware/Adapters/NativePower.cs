using Kiosk.Core.Ports;
using nanoFramework.Runtime.Native;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>A full restart of the chip (not only the CLR), so native heaps start clean too.</summary>
    public sealed class NativePower : IPower
    {
        public void Reboot()
        {
            Power.RebootDevice(RebootOption.NormalReboot);
        }
    }
}
