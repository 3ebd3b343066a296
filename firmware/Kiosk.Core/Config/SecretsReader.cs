using Kiosk.Core.Json;
using Kiosk.Core.Security;

namespace Kiosk.Core.Config
{
    /// <summary>Reads and checks a device's secrets file, with the same field-and-reason errors as the config.</summary>
    public static class SecretsReader
    {
        /// <summary>Reads secrets text (desktop tools and tests); see <see cref="Read(byte[], int, string, ConfigErrors)"/>.</summary>
        public static DeviceSecrets Read(string json, string deviceId, ConfigErrors errors)
        {
            if (json == null)
            {
                errors.Add("(secrets)", "not valid JSON: no text");
                return null;
            }
            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(json);
            return Read(utf8, utf8.Length, deviceId, errors);
        }

        /// <summary>Reads the UTF-8 bytes of a secrets file as the board reads them off flash; the same size limit as the config.</summary>
        public static DeviceSecrets Read(byte[] utf8, int count, string deviceId, ConfigErrors errors)
        {
            if (count > ConfigReader.MaxBytes)
            {
                errors.Add("(secrets)", "is " + count + " bytes; the board reads at most " + ConfigReader.MaxBytes + " bytes of secrets");
                return null;
            }
            JsonObject top;
            try
            {
                top = JsonParser.Parse(utf8, 0, count) as JsonObject;
            }
            catch (JsonException e)
            {
                errors.Add("(secrets)", "not valid JSON: " + e.Message);
                return null;
            }
            if (top == null)
            {
                errors.Add("(secrets)", "must be a JSON object");
                return null;
            }
            FieldReader r = new FieldReader(top, "secrets", errors);
            if (!r.Has("version"))
                errors.Add("secrets.version", "is required (this firmware reads version 1)");
            else
                r.Int("version", 1, 1, 1);
            DeviceSecrets secrets = new DeviceSecrets();
            secrets.DeviceId = r.Text("deviceId", null, 32, true);
            if (secrets.DeviceId != null && secrets.DeviceId != deviceId)
                errors.Add("secrets.deviceId", "is '" + secrets.DeviceId + "', but the config is for '" + deviceId + "': secrets are per device");
            secrets.MqttUsername = r.Text("mqttUsername", null, 64, true);
            secrets.MqttPassword = r.Text("mqttPassword", null, 128, true);
            if (secrets.MqttPassword != null && secrets.MqttPassword.Length < DeviceSecrets.MinPasswordLength)
                errors.Add("secrets.mqttPassword", "must be at least " + DeviceSecrets.MinPasswordLength + " characters (generate it with the provisioning tool)");
            string key = r.Text("commandKey", null, 128, true);
            if (key != null)
            {
                secrets.CommandKey = Hex.Decode(key);
                if (secrets.CommandKey == null || secrets.CommandKey.Length != DeviceSecrets.KeyBytes)
                    errors.Add("secrets.commandKey", "must be " + DeviceSecrets.KeyBytes * 2 + " hex digits (" + DeviceSecrets.KeyBytes + " random bytes)");
            }
            // WPA2-PSK: a passphrase is 8..63 printable ASCII characters.
            secrets.WifiPassword = r.Text("wifiPassword", null, 63, false);
            if (secrets.WifiPassword != null && secrets.WifiPassword.Length < 8)
                errors.Add("secrets.wifiPassword", "must be 8..63 characters (a WPA2 passphrase)");
            // Not read with r.Text: a PEM has line breaks, which Text refuses in names and ids.
            object ca = r.Has("caCertificate") ? top.Get("caCertificate") : null;
            if (ca != null)
            {
                secrets.CaCertificatePem = ca as string;
                if (secrets.CaCertificatePem == null || secrets.CaCertificatePem.IndexOf("-----BEGIN CERTIFICATE-----") < 0)
                    errors.Add("secrets.caCertificate", "must be a PEM certificate");
            }
            r.RejectUnknownFields();
            return errors.Count == 0 ? secrets : null;
        }

        /// <summary>What the config needs from these secrets: a Wi-Fi password on Wi-Fi, the broker's CA with TLS.</summary>
        public static void CheckAgainst(ControllerConfig config, DeviceSecrets secrets, ConfigErrors errors)
        {
            if (config.Network.Type == NetworkType.Wifi && secrets.WifiPassword == null)
                errors.Add("secrets.wifiPassword", "is required: the config joins Wi-Fi '" + config.Network.Ssid + "'");
            if (config.Network.Type != NetworkType.Wifi && secrets.WifiPassword != null)
                errors.Add("secrets.wifiPassword", "is set, but the config's network is not Wi-Fi");
            if (config.Mqtt.Host != null && config.Mqtt.Tls && secrets.CaCertificatePem == null)
                errors.Add("secrets.caCertificate", "is required: the config talks TLS to " + config.Mqtt.Host + " and the board trusts only this CA");
        }
    }
}
