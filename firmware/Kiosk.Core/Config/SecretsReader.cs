using Kiosk.Core.Json;
using Kiosk.Core.Security;

namespace Kiosk.Core.Config
{
    /// <summary>Reads and checks a device's secrets file, with the same field-and-reason errors as the config.</summary>
    public static class SecretsReader
    {
        public static DeviceSecrets Read(string json, string deviceId, ConfigErrors errors)
        {
            JsonObject top;
            try
            {
                top = JsonParser.Parse(json) as JsonObject;
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
    }
}
