using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiosk.Core.Config;

namespace Kiosk.Provisioning;

/// <summary>What an installer tells the tool about one entrance.</summary>
public sealed record DeviceRequest(
    string Site,
    string DeviceId,
    string Board,
    LockType Lock,
    bool RelayActiveHigh,
    string BrokerHost,
    int BrokerPort,
    bool Tls,
    string? WifiSsid = null,
    FixedAddress? Address = null,
    string[]? NtpServers = null);

/// <summary>A fixed IPv4 address for the board instead of DHCP: all four parts, or none.</summary>
public sealed record FixedAddress(string Ip, string Mask, string Gateway, string[] Dns);

/// <summary>
/// Writes a device config from a board profile and a few answers: every function the board has is
/// wired as the profile says, with the documented defaults; the result is checked by the core's own
/// reader and by the profile, so the tool never writes a config the board would refuse.
/// </summary>
public static class DeviceConfigBuilder
{
    public static string Build(DeviceRequest request, BoardProfile profile)
    {
        var inputs = new JsonArray();
        void Input(string function, JsonObject? extra = null)
        {
            if (profile.Pin(function) is not int pin)
                return;
            var item = new JsonObject { ["function"] = function, ["pin"] = pin };
            if (profile.HasExternalPull(pin))
                item["pull"] = "external-up";
            foreach (var (key, value) in extra ?? new JsonObject())
                item[key] = value?.DeepClone();
            inputs.Add(item);
        }
        Input("doorContact");
        Input("exitButton");
        Input("callButton");
        Input("tamper");
        Input("fire");
        foreach (var circuit in profile.Circuits("lampFeedback"))
        {
            var pin = profile.Pin("lampFeedback." + circuit)!.Value;
            var item = new JsonObject { ["function"] = "lampFeedback", ["pin"] = pin, ["circuit"] = circuit };
            if (profile.HasExternalPull(pin))
                item["pull"] = "external-up";
            inputs.Add(item);
        }
        Input("perimeter");
        Input("emergency");
        Input("patrol");

        var outputs = new JsonArray();
        foreach (var function in new[] { "callLed", "buzzer" })
            if (profile.Pin(function) is int pin)
                outputs.Add(new JsonObject { ["function"] = function, ["pin"] = pin });
        foreach (var circuit in profile.Circuits("lampRelay"))
            outputs.Add(new JsonObject { ["function"] = "lampRelay", ["pin"] = profile.Pin("lampRelay." + circuit), ["circuit"] = circuit, ["activeHigh"] = false });

        var config = new JsonObject
        {
            ["version"] = ControllerConfig.CurrentVersion,
            ["site"] = request.Site,
            ["deviceId"] = request.DeviceId,
            ["board"] = profile.Name,
            ["chip"] = profile.Chip,
            ["lock"] = new JsonObject
            {
                ["type"] = request.Lock == LockType.Maglock ? "maglock" : "strike",
                // The relay releases either lock when energised: a maglock rests on NC, a strike on NO.
                ["relayContact"] = request.Lock == LockType.Maglock ? "NC" : "NO",
                ["pin"] = profile.Pin("lock") ?? throw new InvalidOperationException($"board {profile.Name} has no lock pin"),
                ["relayActiveHigh"] = request.RelayActiveHigh,
            },
            ["inputs"] = inputs,
            ["outputs"] = outputs,
            ["mqtt"] = new JsonObject
            {
                ["host"] = request.BrokerHost,
                ["port"] = request.BrokerPort,
                ["tls"] = request.Tls,
            },
        };
        if (profile.LightSensorChannel >= 0)
            config["lights"] = new JsonObject { ["sensorChannel"] = profile.LightSensorChannel };
        config["network"] = Network(request, profile);
        if (request.NtpServers is { Length: > 0 } ntp)
            config["time"] = new JsonObject { ["ntpServers"] = new JsonArray(ntp.Select(n => (JsonNode)n!).ToArray()) };
        // Chinese SSIDs stay readable in the file the installer edits.
        return config.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The board's network link, as its profile says it has one: Wi-Fi needs a network name, Ethernet refuses one.</summary>
    private static JsonObject Network(DeviceRequest request, BoardProfile profile)
    {
        var network = new JsonObject { ["type"] = profile.Network };
        if (profile.Network == "wifi")
        {
            if (string.IsNullOrEmpty(request.WifiSsid))
                throw new ArgumentException($"--wifi-ssid: board {profile.Name} joins Wi-Fi; name the network");
            network["ssid"] = request.WifiSsid;
        }
        else if (request.WifiSsid is not null)
        {
            throw new ArgumentException($"--wifi-ssid: board {profile.Name} is wired ({profile.Network}); it joins no Wi-Fi");
        }
        if (request.Address is { } a)
        {
            network["ip"] = a.Ip;
            network["mask"] = a.Mask;
            network["gateway"] = a.Gateway;
            network["dns"] = new JsonArray(a.Dns.Select(d => (JsonNode)d!).ToArray());
        }
        return network;
    }

}
