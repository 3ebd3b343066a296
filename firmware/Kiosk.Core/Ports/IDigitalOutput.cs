namespace Kiosk.Core.Ports
{
    /// <summary>A digital output pin (lock relay, lamp relay, LED, buzzer). Levels are electrical: true = high.</summary>
    public interface IDigitalOutput
    {
        /// <summary>Drives the pin. Must take effect before returning: the safe-boot order depends on it.</summary>
        void Write(bool high);
    }
}
