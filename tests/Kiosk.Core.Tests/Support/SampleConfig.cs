using System.Text.Json.Nodes;

namespace Kiosk.Core.Tests.Support;

/// <summary>A booth at a main gate on an ESP32 DevKitC, as an installer would write it.</summary>
internal static class SampleConfig
{
    public const string Json = """
        {
          "version": 1,
          "site": "maple-court",
          "deviceId": "main-gate",
          "board": "esp32-devkitc",
          "chip": "esp32",
          "lock": { "type": "strike", "pin": 25, "relayActiveHigh": true, "unlockPulseSeconds": 5, "heldOpenTimeoutSeconds": 30 },
          "inputs": [
            { "function": "doorContact", "pin": 26, "contact": "NC" },
            { "function": "exitButton", "pin": 27, "contact": "NO" },
            { "function": "callButton", "pin": 14, "contact": "NO" },
            { "function": "tamper", "pin": 13, "contact": "NC" },
            { "function": "fire", "pin": 4, "contact": "NC" },
            { "function": "lampFeedback", "pin": 16, "contact": "NO", "circuit": 1, "name": "gate-lamps" },
            { "function": "perimeter", "pin": 17, "contact": "NC", "name": "east-fence" },
            { "function": "emergency", "pin": 18, "contact": "NO", "name": "help-button" },
            { "function": "patrol", "pin": 19, "contact": "NO", "name": "gate-checkpoint" }
          ],
          "outputs": [
            { "function": "callLed", "pin": 21 },
            { "function": "buzzer", "pin": 22 },
            { "function": "lampRelay", "pin": 23, "circuit": 1, "activeHigh": false }
          ],
          "call": { "ringTimeoutSeconds": 45, "antiRepeatSeconds": 5, "longPressCancelMillis": 2000 },
          "lights": { "sensorChannel": 0, "darkBelowPercent": 20, "lightAbovePercent": 30, "dwellSeconds": 60, "lampWarmUpSeconds": 120 },
          "heartbeatSeconds": 30
        }
        """;

    public static JsonObject Node() => JsonNode.Parse(Json)!.AsObject();

    /// <summary>Sets the lock type with the relay contact it is wired to (strike on NO, maglock on NC).</summary>
    public static void SetLock(JsonObject node, string type)
    {
        node["lock"]!["type"] = type;
        node["lock"]!["relayContact"] = type == "maglock" ? "NC" : "NO";
    }
}
