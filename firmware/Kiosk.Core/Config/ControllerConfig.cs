namespace Kiosk.Core.Config
{
    /// <summary>
    /// Everything one entrance controller needs to know, parsed from its JSON config by
    /// <see cref="ConfigReader"/>. Every setting, its default and its range is in docs/configuration.md.
    /// </summary>
    public sealed class ControllerConfig
    {
        /// <summary>The config format this firmware reads.</summary>
        public const int CurrentVersion = 1;

        public int Version = CurrentVersion;
        public string Site;
        public string DeviceId;

        /// <summary>Longest display name (<see cref="SiteName"/>, <see cref="Name"/>), in UTF-8 bytes: 16 Chinese characters.</summary>
        public const int MaxDisplayNameBytes = 48;

        /// <summary>The estate as people call it ("枫林苑"); null when not given (the console then shows <see cref="Site"/>).</summary>
        public string SiteName;

        /// <summary>This entrance as people call it ("东门岗亭"); null when not given (the console then shows <see cref="DeviceId"/>).</summary>
        public string Name;

        /// <summary>The board profile (hardware/boards/NAME.json) the pins were laid out for; desktop tools check the pins against it. Null when not given.</summary>
        public string Board;

        /// <summary>"esp32" or "esp32s3": decides which pins are strapping, input-only or reserved.</summary>
        public string Chip = "esp32";

        public LockSettings Lock = new LockSettings();
        public InputPin[] Inputs = new InputPin[0];
        public OutputPin[] Outputs = new OutputPin[0];
        public CallSettings Call = new CallSettings();
        public LightSettings Lights = new LightSettings();
        public MqttSettings Mqtt = new MqttSettings();
        public NetworkSettings Network = new NetworkSettings();
        public TimeSettings Time = new TimeSettings();
        public ReaderSettings Reader = new ReaderSettings();

        public int HeartbeatSeconds = 30;

        /// <summary>An input changing more often than this per minute is a wiring fault, reported once rather than as a flood.</summary>
        public int FlapLimitPerMinute = 60;

        /// <summary>After boot, inputs must be stable this long before any alarm is evaluated (no false forced-open at boot).</summary>
        public int BootSettleMillis = 1000;

        /// <summary>Records kept in the on-device event store (GB 50396 grade B/C asks for at least 1000).</summary>
        public int EventCapacity = 1024;

        /// <summary>
        /// Free managed heap (bytes, after a collection) under which the board restarts itself at the
        /// next quiet moment; 0 = never. A client library that leaks a little per reconnect must not
        /// take the door controller down after months.
        /// </summary>
        public int LowMemoryRebootBytes = 16384;

        /// <summary>The channel number of the first input with this function, or -1.</summary>
        public int ChannelOf(InputFunction function)
        {
            for (int i = 0; i < Inputs.Length; i++)
                if (Inputs[i].Function == function)
                    return i;
            return -1;
        }

        /// <summary>The index in <see cref="Outputs"/> of the first output with this function, or -1.</summary>
        public int OutputOf(OutputFunction function)
        {
            for (int i = 0; i < Outputs.Length; i++)
                if (Outputs[i].Function == function)
                    return i;
            return -1;
        }
    }
}
