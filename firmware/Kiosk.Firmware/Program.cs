using System.Device.Adc;
using System.Device.Gpio;
using System.Diagnostics;
using System.Text;
using System.Threading;
using Kiosk.Core;
using Kiosk.Core.Boot;
using Kiosk.Core.Config;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;
using Kiosk.Firmware.Adapters;

namespace Kiosk.Firmware
{
    /// <summary>
    /// Device entry point. The order matters: the lock relay is driven secure from the saved
    /// wiring before anything else (before the config is read, which may fail), then the config
    /// is read and checked, then the adapters and the controller are built and the loop runs.
    /// </summary>
    public static class Program
    {
        private const string StorageFolder = "I:\\kiosk";
        private const string ConfigBlob = "config.json";
        private const int LoopTickMillis = 10;
        private const int InputQueueCapacity = 64;

        public static void Main()
        {
            GpioController gpio = new GpioController();
            FlashStorage storage = new FlashStorage(StorageFolder);

            // 1. Lock secure, from the last config that booted. A new board has no saved wiring;
            //    its relay pin is still an input, so the relay driver is off: a strike stays locked.
            GpioDigitalOutput savedLock = null;
            int savedPin;
            bool savedSecureHigh;
            if (LockWiring.TryLoad(storage, out savedPin, out savedSecureHigh))
                savedLock = new GpioDigitalOutput(gpio, savedPin, savedSecureHigh);

            // 2. The config. An invalid one never runs the controller: the lock stays secure.
            ConfigErrors errors = new ConfigErrors();
            ControllerConfig config = ConfigReader.Read(ReadConfigText(storage), errors);
            if (config == null)
            {
                Debug.WriteLine("Kiosk: config rejected, lock held secure. Fix and redeploy:");
                for (int i = 0; i < errors.Count; i++)
                    Debug.WriteLine("  " + errors[i]);
                Thread.Sleep(Timeout.Infinite);
                return;
            }

            // 3. Adapters, then the controller (which drives the lock secure again as its first act).
            InputQueue queue = new InputQueue(InputQueueCapacity);
            ControllerPorts ports = new ControllerPorts();
            ports.Lock = savedLock != null && savedPin == config.Lock.Pin
                ? savedLock
                : new GpioDigitalOutput(gpio, config.Lock.Pin, config.Lock.SecureLevel);
            ports.Inputs = new IDigitalInput[config.Inputs.Length];
            for (int i = 0; i < config.Inputs.Length; i++)
                ports.Inputs[i] = new GpioDigitalInput(gpio, config.Inputs[i].Pin, config.Inputs[i].PullUp, config.Inputs[i].InternalPull, queue, i);
            ports.Outputs = new IDigitalOutput[config.Outputs.Length];
            for (int i = 0; i < config.Outputs.Length; i++)
                ports.Outputs[i] = new GpioDigitalOutput(gpio, config.Outputs[i].Pin, !config.Outputs[i].ActiveHigh);
            if (config.Lights.SensorChannel >= 0)
                ports.LightSensor = new AdcAnalogInput(new AdcController(), config.Lights.SensorChannel);
            SystemMonotonicClock clock = new SystemMonotonicClock();
            ports.Clock = clock;
            ports.WallClock = new SystemWallClock();
            ports.Storage = storage;

            EntranceController controller = new EntranceController(config, ports);
            Debug.WriteLine("Kiosk: " + config.Site + "/" + config.DeviceId + " boot " + controller.BootId);
            new ControllerLoop(queue, clock, controller, LoopTickMillis).Run();
        }

        private static string ReadConfigText(FlashStorage storage)
        {
            int length = storage.Length(ConfigBlob);
            if (length <= 0)
                return "";
            byte[] bytes = new byte[length];
            int read = storage.Read(ConfigBlob, 0, bytes, 0, length);
            return new string(Encoding.UTF8.GetChars(bytes, 0, read));
        }
    }
}
