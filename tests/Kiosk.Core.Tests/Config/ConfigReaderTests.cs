using System;
using System.Linq;
using System.Text.Json.Nodes;
using Kiosk.Core.Config;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Config;

public sealed class ConfigReaderTests
{
    private static (ControllerConfig? Config, string[] Errors) Read(string json)
    {
        var errors = new ConfigErrors();
        var config = ConfigReader.Read(json, errors);
        return (config, Enumerable.Range(0, errors.Count).Select(i => errors[i]).ToArray());
    }

    private static string[] ErrorsAfter(Action<JsonObject> edit)
    {
        var node = SampleConfig.Node();
        edit(node);
        var (config, errors) = Read(node.ToJsonString());
        Assert.Null(config);
        Assert.NotEmpty(errors);
        return errors;
    }

    [Fact]
    public void The_sample_booth_config_is_read_with_every_setting()
    {
        var (config, errors) = Read(SampleConfig.Json);

        Assert.Empty(errors);
        Assert.NotNull(config);
        Assert.Equal("maple-court", config!.Site);
        Assert.Equal("main-gate", config.DeviceId);
        Assert.Equal(LockType.Strike, config.Lock.Type);
        Assert.Equal(25, config.Lock.Pin);
        Assert.Equal(9, config.Inputs.Length);
        Assert.Equal(InputFunction.Patrol, config.Inputs[8].Function);
        Assert.Equal("east-fence", config.Inputs[6].Name);
        Assert.Equal(100, config.Inputs[0].DebounceMillis);
        Assert.False(config.Outputs[2].ActiveHigh);
        Assert.Equal(1024, config.EventCapacity);
    }

    [Theory]
    [InlineData("strike", true, true, false)]   // relay on = unlock: secure is low
    [InlineData("strike", false, false, true)]  // active-low relay module: secure is high
    [InlineData("maglock", true, true, false)]  // maglock on NC: relay on = released, relay at rest = locked
    [InlineData("maglock", false, false, true)]
    public void The_relay_at_rest_keeps_either_lock_type_secure(string type, bool relayActiveHigh, bool releaseHigh, bool secureHigh)
    {
        var node = SampleConfig.Node();
        SampleConfig.SetLock(node, type);
        node["lock"]!["relayActiveHigh"] = relayActiveHigh;

        var (config, _) = Read(node.ToJsonString());

        Assert.Equal(releaseHigh, config!.Lock.ReleaseLevel);
        Assert.Equal(secureHigh, config.Lock.SecureLevel);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(15)]
    public void A_lock_on_a_strapping_pin_is_refused_with_the_reason(int pin)
    {
        var errors = ErrorsAfter(n => n["lock"]!["pin"] = pin);

        Assert.Contains(errors, e => e.StartsWith("lock.pin: GPIO " + pin + " is a strapping pin", StringComparison.Ordinal));
    }

    [Fact]
    public void A_door_contact_on_a_strapping_pin_is_refused()
    {
        var errors = ErrorsAfter(n => n["inputs"]![0]!["pin"] = 2);

        Assert.Contains(errors, e => e.StartsWith("inputs[0].pin: GPIO 2 is a strapping pin", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_functions_on_one_pin_are_refused_naming_both()
    {
        var errors = ErrorsAfter(n => n["inputs"]![1]!["pin"] = 26);

        Assert.Contains("inputs[1].pin: GPIO 26 is already used by inputs[0].pin; one pin, one function", errors);
    }

    [Fact]
    public void The_lock_pin_reused_by_an_output_is_refused()
    {
        var errors = ErrorsAfter(n => n["outputs"]![0]!["pin"] = 25);

        Assert.Contains(errors, e => e.StartsWith("outputs[0].pin: GPIO 25 is already used by lock.pin", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(256)]
    public void An_unlock_pulse_outside_1_to_255_seconds_is_refused(int seconds)
    {
        var errors = ErrorsAfter(n => n["lock"]!["unlockPulseSeconds"] = seconds);

        Assert.Contains($"lock.unlockPulseSeconds: must be 1..255, got {seconds}", errors);
    }

    [Fact]
    public void A_held_open_timeout_of_zero_means_off_and_is_allowed()
    {
        var node = SampleConfig.Node();
        node["lock"]!["heldOpenTimeoutSeconds"] = 0;

        Assert.Equal(0, Read(node.ToJsonString()).Config!.Lock.HeldOpenTimeoutSeconds);
    }

    [Fact]
    public void A_misspelt_field_is_refused_rather_than_silently_defaulted()
    {
        var errors = ErrorsAfter(n => n["lock"]!.AsObject().Add("unlockPulseSecs", 10));

        Assert.Contains(errors, e => e.StartsWith("lock.unlockPulseSecs: unknown field", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_lock_type_is_refused_because_guessing_opens_doors()
    {
        var errors = ErrorsAfter(n => n["lock"]!.AsObject().Remove("type"));

        Assert.Contains(errors, e => e.StartsWith("lock.type: is required", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_type_names_what_it_got()
    {
        var errors = ErrorsAfter(n => n["lock"]!["pin"] = "25");

        Assert.Contains("lock.pin: must be a whole number, got a string", errors);
    }

    [Fact]
    public void An_unknown_input_function_lists_the_choices()
    {
        var errors = ErrorsAfter(n => n["inputs"]![0]!["function"] = "doorSwitch");

        Assert.Contains(errors, e => e.StartsWith("inputs[0].function: must be one of \"doorContact\"", StringComparison.Ordinal));
    }

    [Fact]
    public void An_output_on_an_input_only_pin_is_refused()
    {
        var errors = ErrorsAfter(n => n["outputs"]![1]!["pin"] = 34);

        Assert.Contains("outputs[1].pin: GPIO 34 is input-only on esp32 and cannot drive an output", errors);
    }

    [Fact]
    public void An_input_only_pin_needs_the_resistor_on_the_board()
    {
        var errors = ErrorsAfter(n => n["inputs"]![4]!["pin"] = 36);

        Assert.Contains(errors, e => e.StartsWith("inputs[4].pin: GPIO 36 has no internal pull resistor on esp32", StringComparison.Ordinal));

        var node = SampleConfig.Node();
        node["inputs"]![4]!["pin"] = 36;
        node["inputs"]![4]!["pull"] = "external-up";
        var (config, ok) = Read(node.ToJsonString());
        Assert.Empty(ok);
        Assert.False(config!.Inputs[4].InternalPull);
        Assert.True(config.Inputs[4].ActiveHigh); // NC fire line pulled up: a cut wire still reads as fire
    }

    [Fact]
    public void A_flash_pin_is_refused()
    {
        var errors = ErrorsAfter(n => n["inputs"]![2]!["pin"] = 7);

        Assert.Contains("inputs[2].pin: GPIO 7 is wired to the module's flash on esp32 and cannot be used", errors);
    }

    [Fact]
    public void Day_and_night_thresholds_must_leave_a_hysteresis_band()
    {
        var errors = ErrorsAfter(n => n["lights"]!["lightAbovePercent"] = 20);

        Assert.Contains(errors, e => e.StartsWith("lights.lightAbovePercent: must be above lights.darkBelowPercent", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_call_buttons_are_refused()
    {
        var errors = ErrorsAfter(n => n["inputs"]![8]!["function"] = "callButton");

        Assert.Contains("inputs[8].function: only one input may be a callButton (inputs[2] already is)", errors);
    }

    [Fact]
    public void A_device_id_that_cannot_be_a_topic_level_is_refused()
    {
        var errors = ErrorsAfter(n => n["deviceId"] = "main/gate");

        Assert.Contains(errors, e => e.StartsWith("deviceId: may hold a-z, 0-9", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "site": "a" }""", "version: is required")]
    [InlineData("""{ "version": 2, "site": "a" }""", "version: this firmware reads version 1, not 2")]
    [InlineData("[1, 2]", "(document): must be a JSON object")]
    [InlineData("", "(document): not valid JSON")]
    public void Unknown_or_missing_versions_and_non_objects_are_refused(string json, string expected)
    {
        var (config, errors) = Read(json);

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_json_says_where()
    {
        var (config, errors) = Read("{\n  \"version\": 1,\n  \"site\": \"a\",,\n}");

        Assert.Null(config);
        Assert.Contains(errors, e => e.Contains("line 3, column 15", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_error_is_reported_not_just_the_first()
    {
        var errors = ErrorsAfter(n =>
        {
            n["lock"]!["unlockPulseSeconds"] = 900;
            n["heartbeatSeconds"] = 1;
            n["call"]!["ringTimeoutSeconds"] = "long";
        });

        Assert.True(errors.Length >= 3, string.Join("\n", errors));
    }
}
