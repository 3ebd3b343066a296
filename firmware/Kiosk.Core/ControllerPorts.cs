using Kiosk.Core.Ports;

namespace Kiosk.Core
{
    /// <summary>The hardware and platform one controller runs on, handed over by the firmware or the simulator.</summary>
    public sealed class ControllerPorts
    {
        /// <summary>The lock relay. The firmware opens it at the saved secure level before the config is even read.</summary>
        public IDigitalOutput Lock;

        /// <summary>One per <see cref="Config.ControllerConfig.Inputs"/> entry, same order (the channel number).</summary>
        public IDigitalInput[] Inputs = new IDigitalInput[0];

        /// <summary>One per <see cref="Config.ControllerConfig.Outputs"/> entry, same order.</summary>
        public IDigitalOutput[] Outputs = new IDigitalOutput[0];

        /// <summary>The access reader's pulses, filled by its capture (null without a reader).</summary>
        public Access.WiegandPulses ReaderPulses;

        /// <summary>The reader's D0 and D1 lines as levels, to tell a stuck line (null without a reader).</summary>
        public IDigitalInput ReaderD0;
        public IDigitalInput ReaderD1;

        /// <summary>The light sensor, or null.</summary>
        public IAnalogInput LightSensor;

        public IMonotonicClock Clock;
        public IWallClock WallClock;
        public IStorage Storage;

        /// <summary>The platform's reset cause when the adapter knows it ("brownout"), else null.</summary>
        public string PlatformResetCause;
    }
}
