using System.Device.Adc;
using Kiosk.Core.Ports;

namespace Kiosk.Firmware.Adapters
{
    /// <summary>The light sensor on an ESP32 ADC channel.</summary>
    public sealed class AdcAnalogInput : IAnalogInput
    {
        private readonly AdcChannel _channel;
        private readonly int _max;

        public AdcAnalogInput(AdcController adc, int channelNumber)
        {
            _channel = adc.OpenChannel(channelNumber);
            _max = adc.MaxValue;
        }

        public int Read()
        {
            return _channel.ReadValue();
        }

        public int MaxValue => _max;
    }
}
