namespace Kiosk.Core.Ports
{
    /// <summary>Restarts the board (nanoFramework's Power.RebootDevice). The core records the reason first.</summary>
    public interface IPower
    {
        void Reboot();
    }
}
