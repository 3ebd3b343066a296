namespace Kiosk.Core.Ports
{
    /// <summary>An analog input (the light sensor). ADCs raise no interrupts, so the core samples it.</summary>
    public interface IAnalogInput
    {
        /// <summary>Raw reading in 0..<see cref="MaxValue"/>.</summary>
        int Read();

        /// <summary>Full-scale raw value (4095 on the ESP32's 12-bit ADC).</summary>
        int MaxValue { get; }
    }
}
