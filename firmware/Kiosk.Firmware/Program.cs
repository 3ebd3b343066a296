using System.Device.Adc;
using System.Device.Gpio;
using System.Diagnostics;
using System.Threading;
using Kiosk.Core;
using Kiosk.Core.Boot;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Link;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;
using Kiosk.Core.Storage;
using Kiosk.Firmware.Adapters;

namespace Kiosk.Firmware
{
    /// <summary>
    /// Device entry point. The order matters: the lock relay is driven secure from the saved
    /// wiring before anything else (before the config is read, which may fail), then the config
    /// and secrets are read and checked, then the controller is built (the door works from here on)
    /// and the node around it brings up the network, the clock and MQTT on worker threads while
    /// the loop runs. Nothing in the loop waits on the network.
    /// </summary>
    public static class Program
    {
        private const string StorageFolder = "I:\\kiosk";
        private const string ConfigBlob = "config.json";
        private const string SecretsBlob = "secrets.json";
        private const int LoopTickMillis = 10;
        private const int InputQueueCapacity = 64;
        private const int ReaderPulseCapacity = 128; // four 34-bit frames between two loop ticks

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
            byte[] configBytes = ReadBlob(storage, ConfigBlob);
            if (configBytes == null)
                errors.Add(ConfigBlob, "is " + storage.Length(ConfigBlob) + " bytes; the board reads at most " + ConfigReader.MaxBytes);
            else if (configBytes.Length == 0)
                errors.Add(ConfigBlob, "missing from " + StorageFolder + ": deploy it with flash.ps1");
            ControllerConfig config = configBytes == null || configBytes.Length == 0 ? null : ConfigReader.Read(configBytes, configBytes.Length, errors);
            configBytes = null; // the text is not kept: the parsed config is all the board needs
            if (config == null)
            {
                Print("config rejected, lock held secure. Fix and redeploy:", errors);
                Thread.Sleep(Timeout.Infinite);
                return;
            }

            // 3. Adapters, then the controller (which drives the lock secure again as its first act).
            InputQueue queue = new InputQueue(InputQueueCapacity);
            SystemMonotonicClock clock = new SystemMonotonicClock();
            ControllerPorts ports = BuildPorts(gpio, storage, config, savedLock, savedPin, queue, clock);
            EntranceController controller = new EntranceController(config, ports);
            Debug.WriteLine("Kiosk: " + config.Site + "/" + config.DeviceId + " boot " + controller.BootId);

            // 4. The secrets. Without usable ones the door still works; the reason is recorded and
            //    shown (the indicator's "offline" pattern), and the board never talks to a broker
            //    with half its credentials.
            DeviceSecrets secrets = ReadSecrets(storage, config, errors);
            if (secrets == null || config.Mqtt.Host == null)
            {
                string why = config.Mqtt.Host == null ? "no mqtt section in config" : "secrets: " + errors[0];
                controller.Log.Record(EventType.Link, LinkEvent.BrokerFailed, "config", why);
                Print("not connecting: " + why, errors);
                new ControllerLoop(queue, clock, controller, LoopTickMillis).Run();
                return;
            }

            // 5. The node: network, time, MQTT, heartbeat with free heap, low-memory restart.
            QueueingTransportListener listener = new QueueingTransportListener(queue, clock);
            ThreadWorker worker = new ThreadWorker();
            BlockingClientTransport transport = new BlockingClientTransport(new M2MqttClient(), worker);
            transport.SetListener(listener);
            SiteNetwork network = new SiteNetwork();
            network.SetListener(listener);
            NodeLinks links = new NodeLinks();
            links.Listener = listener;
            links.Worker = worker;
            links.Network = network;
            links.WifiPassword = secrets.WifiPassword;
            links.TimeSource = new SntpTimeSource();
            links.Power = new NativePower();
            KioskNode node = new KioskNode(controller, transport, ConnectOptions(config, secrets), secrets.CommandKey,
                new NfHmacSha256(), new NativeSystemInfo(), ports, links);
            new ControllerLoop(queue, clock, node, LoopTickMillis).Run();
        }

        private static ControllerPorts BuildPorts(GpioController gpio, FlashStorage storage, ControllerConfig config,
            GpioDigitalOutput savedLock, int savedPin, InputQueue queue, SystemMonotonicClock clock)
        {
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
            if (config.Reader.Present)
            {
                // The reader's pulses bypass the input queue (a frame is 26-34 edges in ~70 ms).
                ports.ReaderPulses = new Kiosk.Core.Access.WiegandPulses(ReaderPulseCapacity, false);
                GpioWiegandCapture reader = new GpioWiegandCapture(gpio, config.Reader.D0, config.Reader.D1, ports.ReaderPulses);
                ports.ReaderD0 = reader.Line0;
                ports.ReaderD1 = reader.Line1;
            }
            ports.Clock = clock;
            ports.WallClock = new SystemWallClock(clock);
            // The event ring in segment files of one flash block: LittleFS rewrites a file from the
            // block a write touches to its end, and the ring is written in the middle on every event.
            ports.Storage = SegmentedStorage.ForEventRing(storage);
            return ports;
        }

        private static DeviceSecrets ReadSecrets(FlashStorage storage, ControllerConfig config, ConfigErrors errors)
        {
            byte[] bytes = ReadBlob(storage, SecretsBlob);
            if (bytes == null)
            {
                errors.Add(SecretsBlob, "is " + storage.Length(SecretsBlob) + " bytes; the board reads at most " + ConfigReader.MaxBytes);
                return null;
            }
            if (bytes.Length == 0)
            {
                errors.Add("secrets.json", "missing from " + StorageFolder + ": deploy it with flash.ps1");
                return null;
            }
            DeviceSecrets secrets = SecretsReader.Read(bytes, bytes.Length, config.DeviceId, errors);
            if (secrets != null)
                SecretsReader.CheckAgainst(config, secrets, errors);
            return errors.Count == 0 ? secrets : null;
        }

        private static TransportConnectOptions ConnectOptions(ControllerConfig config, DeviceSecrets secrets)
        {
            TransportConnectOptions o = new TransportConnectOptions();
            o.Host = config.Mqtt.Host;
            o.Port = config.Mqtt.Port;
            o.UseTls = config.Mqtt.Tls;
            o.CaCertificatePem = secrets.CaCertificatePem;
            o.ClientId = Kiosk.Core.Protocol.Topics.ClientId(config.Site, config.DeviceId);
            o.Username = secrets.MqttUsername;
            o.Password = secrets.MqttPassword;
            o.KeepAliveSeconds = config.Mqtt.KeepAliveSeconds;
            o.ProtocolVersion = config.Mqtt.Protocol;
            o.FailoverHosts = config.Mqtt.FailoverHosts;
            o.FailoverPorts = config.Mqtt.FailoverPorts;
            o.SubscribeQos = config.Mqtt.SubscribeQos;
            return o;
        }

        /// <summary>A blob's bytes (empty when absent), or null when it is larger than the board reads.</summary>
        private static byte[] ReadBlob(FlashStorage storage, string blob)
        {
            int length = storage.Length(blob);
            if (length <= 0)
                return new byte[0];
            if (length > ConfigReader.MaxBytes)
                return null; // not loaded: the caller says why
            byte[] bytes = new byte[length];
            int read = storage.Read(blob, 0, bytes, 0, length);
            if (read == length)
                return bytes;
            byte[] shorter = new byte[read];
            System.Array.Copy(bytes, shorter, read);
            return shorter;
        }

        private static void Print(string headline, ConfigErrors errors)
        {
            Debug.WriteLine("Kiosk: " + headline);
            for (int i = 0; i < errors.Count; i++)
                Debug.WriteLine("  " + errors[i]);
        }
    }
}
