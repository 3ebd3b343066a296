using System;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kiosk.Provisioning;

/// <summary>
/// Makes one device's secrets: an MQTT user named for the device, a random password and a random
/// 256-bit command key. Nothing has a default, nothing is shared (ETSI EN 303 645 provision 5.1).
/// </summary>
public static class SecretsGenerator
{
    public static string UsernameFor(string site, string deviceId) => site + "." + deviceId;

    /// <param name="wifiPassword">the site Wi-Fi's WPA2 passphrase for a Wi-Fi board; null on Ethernet</param>
    public static string Generate(string site, string deviceId, string? caCertificatePem, string? wifiPassword = null)
    {
        var secrets = new JsonObject
        {
            ["version"] = 1,
            ["deviceId"] = deviceId,
            ["mqttUsername"] = UsernameFor(site, deviceId),
            ["mqttPassword"] = Base64Url(RandomNumberGenerator.GetBytes(24)),
            ["commandKey"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
        };
        if (wifiPassword is not null)
            secrets["wifiPassword"] = wifiPassword;
        if (caCertificatePem is not null)
            secrets["caCertificate"] = caCertificatePem;
        return secrets.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
