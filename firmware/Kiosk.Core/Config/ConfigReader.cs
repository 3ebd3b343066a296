using System.Collections;
using Kiosk.Core.Events;
using Kiosk.Core.Json;

namespace Kiosk.Core.Config
{
    /// <summary>
    /// Parses and validates a controller's JSON config. The result is either a config with no
    /// errors, or the full list of errors and no config: a controller never runs on a config it
    /// could only half read (the firmware then keeps the lock secure and reports the errors).
    /// </summary>
    public static class ConfigReader
    {
        private static readonly string[] LockTypes = { "strike", "maglock" };
        private static readonly string[] Contacts = { "NO", "NC" };
        private static readonly string[] Pulls = { "up", "down", "external-up", "external-down" };
        private static readonly string[] InputFunctions =
            { "doorContact", "exitButton", "callButton", "tamper", "fire", "lampFeedback", "perimeter", "emergency", "patrol" };
        private static readonly string[] OutputFunctions = { "callLed", "buzzer", "lampRelay", "readerLed", "readerBeeper" };
        private static readonly string[] MqttProtocols = { "3.1.1", "5" };
        private static readonly string[] NetworkTypes = { "wifi", "ethernet" };

        /// <summary>
        /// The largest config the board reads. A real one is 2–4 KB; the board holds the whole text and
        /// its parsed tree on a heap of about 100 KB at boot, so a larger file is refused, not tried.
        /// </summary>
        public const int MaxBytes = 16384;

        /// <summary>Parses config text (desktop tools and tests); see <see cref="Read(byte[], int, ConfigErrors)"/>.</summary>
        public static ControllerConfig Read(string json, ConfigErrors errors)
        {
            if (json == null)
            {
                errors.Add("(document)", "not valid JSON: no text");
                return null;
            }
            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(json);
            return Read(utf8, utf8.Length, errors);
        }

        /// <summary>
        /// Parses the UTF-8 bytes of a config as the board reads them off flash (no copy into a
        /// string first); on success returns the config and leaves <paramref name="errors"/> empty.
        /// </summary>
        public static ControllerConfig Read(byte[] utf8, int count, ConfigErrors errors)
        {
            if (count > MaxBytes)
            {
                errors.Add("(document)", "is " + count + " bytes; the board reads at most " + MaxBytes + " bytes of config");
                return null;
            }
            object root;
            try
            {
                root = JsonParser.Parse(utf8, 0, count);
            }
            catch (JsonException e)
            {
                errors.Add("(document)", "not valid JSON: " + e.Message);
                return null;
            }
            JsonObject top = root as JsonObject;
            if (top == null)
            {
                errors.Add("(document)", "must be a JSON object");
                return null;
            }

            FieldReader r = new FieldReader(top, "", errors);
            ControllerConfig config = new ControllerConfig();
            if (!r.Has("version"))
            {
                errors.Add("version", "is required (this firmware reads version " + ControllerConfig.CurrentVersion + ")");
                return null;
            }
            config.Version = r.Int("version", 0, 1, 1000);
            if (config.Version != ControllerConfig.CurrentVersion)
            {
                errors.Add("version", "this firmware reads version " + ControllerConfig.CurrentVersion + ", not " + config.Version);
                return null;
            }

            config.Site = r.Text("site", null, 32, true);
            config.DeviceId = r.Text("deviceId", null, 32, true);
            CheckTopicSafe(config.Site, "site", errors);
            CheckTopicSafe(config.DeviceId, "deviceId", errors);
            // Display names, in the estate's own language; the ids above stay ASCII topic levels.
            config.SiteName = r.UnicodeText("siteName", ControllerConfig.MaxDisplayNameBytes, false);
            config.Name = r.UnicodeText("name", ControllerConfig.MaxDisplayNameBytes, false);
            config.Board = r.Text("board", null, 32, false);
            config.Chip = r.Text("chip", "esp32", 16, false);
            string chipProblem = ChipPins.CheckChip(config.Chip);
            if (chipProblem != null)
                errors.Add("chip", chipProblem);

            ReadLock(r.Object("lock"), config.Lock, errors);
            config.Inputs = ReadInputs(r.Array("inputs"), errors);
            config.Outputs = ReadOutputs(r.Array("outputs"), errors);
            ReadCall(r.Object("call"), config.Call);
            ReadLights(r.Object("lights"), config.Lights);
            ReadMqtt(r.Object("mqtt"), config.Mqtt, errors);
            ReadNetwork(r.Object("network"), config.Network, errors);
            ReadTime(r.Object("time"), config.Time);
            ReadReader(r.Object("reader"), config.Reader, errors);
            config.HeartbeatSeconds = r.Int("heartbeatSeconds", config.HeartbeatSeconds, 5, 3600);
            config.FlapLimitPerMinute = r.Int("flapLimitPerMinute", config.FlapLimitPerMinute, 10, 600);
            config.BootSettleMillis = r.Int("bootSettleMillis", config.BootSettleMillis, 100, 10000);
            config.EventCapacity = r.Int("eventCapacity", config.EventCapacity, 1000, 20000);
            config.LowMemoryRebootBytes = r.Int("lowMemoryRebootBytes", config.LowMemoryRebootBytes, 0, 65536);
            r.RejectUnknownFields();

            if (errors.Count == 0)
                ConfigValidator.Validate(config, errors);
            return errors.Count == 0 ? config : null;
        }

        private static void ReadLock(FieldReader r, LockSettings settings, ConfigErrors errors)
        {
            if (r == null)
            {
                errors.Add("lock", "is required (the lock relay's pin and type)");
                return;
            }
            if (!r.Has("type"))
                errors.Add("lock.type", "is required: \"strike\" (fail-secure) or \"maglock\" (fail-safe); guessing wrong opens the door at boot");
            settings.Type = (LockType)r.Choice("type", LockTypes, 0);
            r.Require("pin");
            settings.Pin = r.Int("pin", -1, 0, 48);
            settings.RelayActiveHigh = r.Bool("relayActiveHigh", settings.RelayActiveHigh);
            ReadRelayContact(r, settings.Type, errors);
            settings.UnlockPulseSeconds = r.Int("unlockPulseSeconds", settings.UnlockPulseSeconds, 1, 255);
            settings.HeldOpenTimeoutSeconds = r.Int("heldOpenTimeoutSeconds", settings.HeldOpenTimeoutSeconds, 0, 255);
            r.RejectUnknownFields();
        }

        /// <summary>
        /// The relay contact the lock hangs on. The firmware energises the relay to release either
        /// lock, so a strike must be on NO and a maglock on NC; a maglock must say so, because a
        /// config written for the older NO wiring would otherwise release that door at every reset.
        /// </summary>
        private static void ReadRelayContact(FieldReader r, LockType type, ConfigErrors errors)
        {
            bool maglock = type == LockType.Maglock;
            if (maglock && !r.Has("relayContact"))
            {
                errors.Add("lock.relayContact", "is required for a maglock: \"NC\" (wire the maglock through the relay's NC contact, so a reset or crash keeps it powered and locked)");
                return;
            }
            int contact = r.Choice("relayContact", Contacts, maglock ? 1 : 0);
            if (maglock && contact == 0)
                errors.Add("lock.relayContact", "a maglock on the relay's NO contact releases at every reset and crash: wire it through NC and say \"NC\"");
            else if (!maglock && contact == 1)
                errors.Add("lock.relayContact", "a strike on the relay's NC contact is released whenever the relay rests (every reset and crash): wire it through NO and say \"NO\"");
        }

        private static InputPin[] ReadInputs(ArrayList list, ConfigErrors errors)
        {
            if (list == null)
                return new InputPin[0];
            InputPin[] inputs = new InputPin[list.Count];
            for (int i = 0; i < list.Count; i++)
            {
                InputPin input = new InputPin();
                inputs[i] = input;
                FieldReader r = FieldReader.Item(list, i, "inputs", errors);
                if (r == null)
                    continue;
                r.Require("function");
                input.Function = (InputFunction)r.Choice("function", InputFunctions, 0);
                r.Require("pin");
                input.Pin = r.Int("pin", -1, 0, 48);
                input.NormallyClosed = r.Choice("contact", Contacts, DefaultNormallyClosed(input.Function) ? 1 : 0) == 1;
                int pull = r.Choice("pull", Pulls, 0);
                input.PullUp = pull == 0 || pull == 2;
                input.InternalPull = pull < 2;
                input.DebounceMillis = r.Int("debounceMillis", DefaultDebounce(input.Function), 5, 2000);
                input.Circuit = r.Int("circuit", input.Function == InputFunction.LampFeedback ? 1 : 0, 0, 16);
                // Kept whole in every record's source (EventRecord.MaxSourceLength bytes on flash).
                input.Name = r.UnicodeText("name", EventRecord.MaxSourceLength, false);
                if (input.Name == null)
                    input.Name = DefaultName(input.Function, i);
                r.RejectUnknownFields();
            }
            return inputs;
        }

        private static OutputPin[] ReadOutputs(ArrayList list, ConfigErrors errors)
        {
            if (list == null)
                return new OutputPin[0];
            OutputPin[] outputs = new OutputPin[list.Count];
            for (int i = 0; i < list.Count; i++)
            {
                OutputPin output = new OutputPin();
                outputs[i] = output;
                FieldReader r = FieldReader.Item(list, i, "outputs", errors);
                if (r == null)
                    continue;
                r.Require("function");
                output.Function = (OutputFunction)r.Choice("function", OutputFunctions, 0);
                r.Require("pin");
                output.Pin = r.Int("pin", -1, 0, 48);
                output.ActiveHigh = r.Bool("activeHigh", true);
                output.Circuit = r.Int("circuit", output.Function == OutputFunction.LampRelay ? 1 : 0, 0, 16);
                r.RejectUnknownFields();
            }
            return outputs;
        }

        private static void ReadCall(FieldReader r, CallSettings call)
        {
            if (r == null)
                return;
            call.RingTimeoutSeconds = r.Int("ringTimeoutSeconds", call.RingTimeoutSeconds, 10, 300);
            call.AntiRepeatSeconds = r.Int("antiRepeatSeconds", call.AntiRepeatSeconds, 0, 60);
            call.LongPressCancelMillis = r.Int("longPressCancelMillis", call.LongPressCancelMillis, 0, 10000);
            call.DeliveryTimeoutSeconds = r.Int("deliveryTimeoutSeconds", call.DeliveryTimeoutSeconds, 2, 60);
            call.MaxConnectedSeconds = r.Int("maxConnectedSeconds", call.MaxConnectedSeconds, 30, 3600);
            call.OutcomeDisplaySeconds = r.Int("outcomeDisplaySeconds", call.OutcomeDisplaySeconds, 1, 60);
            r.RejectUnknownFields();
        }

        private static void ReadLights(FieldReader r, LightSettings lights)
        {
            if (r == null)
                return;
            lights.SensorChannel = r.Int("sensorChannel", lights.SensorChannel, -1, 19);
            lights.DarkBelowPercent = r.Int("darkBelowPercent", lights.DarkBelowPercent, 1, 99);
            lights.LightAbovePercent = r.Int("lightAbovePercent", lights.LightAbovePercent, 1, 99);
            lights.DwellSeconds = r.Int("dwellSeconds", lights.DwellSeconds, 0, 3600);
            lights.SampleSeconds = r.Int("sampleSeconds", lights.SampleSeconds, 1, 600);
            lights.LampWarmUpSeconds = r.Int("lampWarmUpSeconds", lights.LampWarmUpSeconds, 0, 3600);
            lights.DuskToDawn = r.Bool("duskToDawn", lights.DuskToDawn);
            r.RejectUnknownFields();
        }

        private static void ReadMqtt(FieldReader r, MqttSettings mqtt, ConfigErrors errors)
        {
            if (r == null)
                return;
            mqtt.Host = r.Text("host", null, 253, true);
            CheckHostName(mqtt.Host, "mqtt.host", errors);
            mqtt.Port = r.Int("port", mqtt.Port, 1, 65535);
            mqtt.Tls = r.Bool("tls", mqtt.Tls);
            mqtt.Protocol = r.Choice("protocol", MqttProtocols, 1) == 0 ? 3 : 5;
            mqtt.KeepAliveSeconds = r.Int("keepAliveSeconds", mqtt.KeepAliveSeconds, 5, 600);
            mqtt.SubscribeQos = r.Int("subscribeQos", mqtt.SubscribeQos, 0, 1);
            ReadFailover(r, mqtt, errors);
            r.RejectUnknownFields();
        }

        /// <summary>"failover": ["mq2.estate.lan", "10.0.0.3:8884"]: the other nodes of a broker cluster, a port after the last ':'.</summary>
        private static void ReadFailover(FieldReader r, MqttSettings mqtt, ConfigErrors errors)
        {
            string[] entries = r.TextList("failover", null, MqttSettings.MaxFailover, 253 + 6);
            if (entries == null)
                return;
            string[] hosts = new string[entries.Length];
            int[] ports = new int[entries.Length];
            for (int i = 0; i < entries.Length; i++)
            {
                string field = "mqtt.failover[" + i + "]";
                string entry = entries[i];
                int colon = entry.LastIndexOf(':');
                hosts[i] = colon < 0 ? entry : entry.Substring(0, colon);
                ports[i] = mqtt.Port;
                if (colon >= 0)
                {
                    int port;
                    if (!int.TryParse(entry.Substring(colon + 1), out port) || port < 1 || port > 65535)
                    {
                        errors.Add(field, "port after ':' must be 1..65535, got '" + entry + "'");
                        return;
                    }
                    ports[i] = port;
                }
                if (hosts[i].Length == 0 || hosts[i].Length > 253)
                {
                    errors.Add(field, "must name a host before the port, got '" + entry + "'");
                    return;
                }
                CheckHostName(hosts[i], field, errors);
            }
            mqtt.FailoverHosts = hosts;
            mqtt.FailoverPorts = ports;
        }

        private static void ReadNetwork(FieldReader r, NetworkSettings network, ConfigErrors errors)
        {
            if (r == null)
                return;
            r.Require("type");
            network.Type = r.Choice("type", NetworkTypes, 0) == 0 ? NetworkType.Wifi : NetworkType.Ethernet;
            if (network.Type == NetworkType.Wifi)
                network.Ssid = r.UnicodeText("ssid", 32, true);
            else if (r.Has("ssid"))
                errors.Add("network.ssid", "is for Wi-Fi only; this network is ethernet");
            network.StaticIp = Address(r, "ip");
            network.SubnetMask = Address(r, "mask");
            network.Gateway = Address(r, "gateway");
            string[] dns = r.TextList("dns", null, 2, 15);
            if (dns != null)
            {
                for (int i = 0; i < dns.Length; i++)
                    if (!Ipv4.IsValid(dns[i]))
                        errors.Add("network.dns[" + i + "]", "must be an IPv4 address such as 192.168.1.1, got '" + dns[i] + "'");
                network.DnsServers = dns;
            }
            bool anyStatic = network.StaticIp != null || network.SubnetMask != null || network.Gateway != null || dns != null;
            bool allStatic = network.StaticIp != null && network.SubnetMask != null && network.Gateway != null && dns != null;
            if (anyStatic && !allStatic)
                errors.Add("network.ip", "a fixed address needs ip, mask, gateway and dns together (leave all four out for DHCP)");
            network.ConnectTimeoutSeconds = r.Int("connectTimeoutSeconds", network.ConnectTimeoutSeconds, 10, 300);
            r.RejectUnknownFields();
        }

        private static string Address(FieldReader r, string name)
        {
            string text = r.Text(name, null, 15, false);
            if (text != null && !Ipv4.IsValid(text))
            {
                r.Invalid(name, "must be an IPv4 address such as 192.168.1.20, got '" + text + "'");
                return null;
            }
            return text;
        }

        private static void ReadReader(FieldReader r, ReaderSettings reader, ConfigErrors errors)
        {
            if (r == null)
                return;
            reader.Present = true;
            r.Require("d0");
            r.Require("d1");
            reader.D0 = r.Int("d0", -1, 0, 48);
            reader.D1 = r.Int("d1", -1, 0, 48);
            ArrayList groups = r.Array("groups");
            if (groups != null)
            {
                reader.Groups = 0;
                for (int i = 0; i < groups.Count; i++)
                {
                    object g = groups[i];
                    if (!(g is long) || (long)g < 1 || (long)g > 32)
                        errors.Add("reader.groups[" + i + "]", "must be a door group number 1..32");
                    else
                        reader.Groups |= 1u << (int)((long)g - 1);
                }
                if (groups.Count == 0)
                    errors.Add("reader.groups", "must name at least one door group (1..32), or no credential could open this door");
            }
            reader.KeyTimeoutSeconds = r.Int("keyTimeoutSeconds", reader.KeyTimeoutSeconds, 3, 60);
            reader.MaxWrongAttempts = r.Int("maxWrongAttempts", reader.MaxWrongAttempts, 1, 5);
            reader.LockoutSeconds = r.Int("lockoutSeconds", reader.LockoutSeconds, 10, 3600);
            reader.UtcOffsetMinutes = r.Int("utcOffsetMinutes", reader.UtcOffsetMinutes, -720, 840);
            r.RejectUnknownFields();
        }

        private static void ReadTime(FieldReader r, TimeSettings time)
        {
            if (r == null)
                return;
            time.NtpServers = r.TextList("ntpServers", time.NtpServers, TimeSettings.MaxServers, 253);
            time.SyncHours = r.Int("syncHours", time.SyncHours, 1, 24);
            r.RejectUnknownFields();
        }

        /// <summary>A DNS name or IPv4 address: a stray space or slash would only fail on the board, as a name that never resolves.</summary>
        private static void CheckHostName(string host, string field, ConfigErrors errors)
        {
            if (host == null)
                return;
            char[] chars = host.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || (c == '.' && i > 0 && i < chars.Length - 1 && chars[i - 1] != '.');
                if (!ok)
                {
                    errors.Add(field, "must be a host name or IPv4 address (letters, digits, '-' and '.'), got '" + host + "'");
                    return;
                }
            }
        }

        private static void CheckTopicSafe(string value, string field, ConfigErrors errors)
        {
            if (value == null)
                return;
            char[] chars = value.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok)
                {
                    errors.Add(field, "may hold a-z, 0-9, '-' and '_' only (it is an MQTT topic level), got '" + c + "'");
                    return;
                }
            }
        }

        /// <summary>Door contacts, tamper and fire lines are normally closed, so a cut wire shows as "active".</summary>
        private static bool DefaultNormallyClosed(InputFunction function)
        {
            return function == InputFunction.DoorContact || function == InputFunction.Tamper
                || function == InputFunction.Fire || function == InputFunction.Perimeter;
        }

        private static int DefaultDebounce(InputFunction function)
        {
            switch (function)
            {
                case InputFunction.DoorContact: return 100;
                case InputFunction.LampFeedback: return 500;
                case InputFunction.Fire: return 200;
                default: return 50;
            }
        }

        /// <summary>The config word for a function. (nanoFramework's Enum.ToString gives the number, not the name.)</summary>
        public static string NameOf(InputFunction function)
        {
            return InputFunctions[(int)function];
        }

        public static string NameOf(OutputFunction function)
        {
            return OutputFunctions[(int)function];
        }

        private static string DefaultName(InputFunction function, int channel)
        {
            return InputFunctions[(int)function] + "-" + channel;
        }
    }
}
