using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Kiosk.Core.Config;

namespace Kiosk.Provisioning;

/// <summary>
/// A board profile from hardware/boards: which GPIO each function is wired to on that board. A
/// simulated board takes its pin map from its profile; an entrance config that puts a function on
/// another pin than its board's profile is refused, naming both.
/// </summary>
public sealed class BoardProfile
{
    private readonly Dictionary<string, int> _pins = new(StringComparer.Ordinal);

    private readonly HashSet<int> _externalPull = new();

    private BoardProfile(string name, string chip, int lightSensorChannel, string firmwareTarget, string network, int flashMegabytes)
    {
        Name = name;
        Chip = chip;
        LightSensorChannel = lightSensorChannel;
        FirmwareTarget = firmwareTarget;
        Network = network;
        FlashMegabytes = flashMegabytes;
    }

    /// <summary>The board's flash in MB, the smallest it ships with: nanoff writes the partition table for the flash it detects.</summary>
    public int FlashMegabytes { get; }

    /// <summary>
    /// The storage drive I: (LittleFS, the partition labelled "config") in nanoFramework's partition
    /// table for this much flash (nf-interpreter targets/ESP32/_IDF/esp32*/partitions_nanoclr_*.csv,
    /// written by nanoff as partitions_{size}.bin); 0 for a size it has no table for.
    /// </summary>
    public int StorageBytes => FlashMegabytes switch
    {
        2 when Chip == "esp32" => 0x10000,
        4 => 0x40000,
        8 => 0x200000,
        16 => 0x300000,
        32 when Chip == "esp32s3" => 0x800000,
        _ => 0,
    };

    /// <summary>
    /// The most events the board's ring may keep: half its storage, in segments of one 4 KB block
    /// (Kiosk.Core.Storage.SegmentedStorage). The other half holds the config, secrets, allow-list,
    /// LittleFS's own blocks and the free blocks its copy-on-write writes into.
    /// </summary>
    public int MaxEvents => StorageBytes / 2 / Kiosk.Core.Storage.SegmentedStorage.FlashBlockBytes * EventsPerBlock;

    private static int EventsPerBlock =>
        Kiosk.Core.Storage.SegmentedStorage.SegmentBytesFor(Kiosk.Core.Events.EventRecordCodec.SlotSize) / Kiosk.Core.Events.EventRecordCodec.SlotSize;

    public string Name { get; }
    public string Chip { get; }
    public int LightSensorChannel { get; }

    /// <summary>
    /// The GPIO behind the light sensor's ADC1 channel, so a diagram can say where to solder:
    /// ESP32 channels 0-7 are GPIO 36-39, 32-35; ESP32-S3 channel n is GPIO n + 1. -1 without a sensor.
    /// </summary>
    public int LightSensorPin => LightSensorChannel < 0 ? -1
        : Chip == "esp32s3" ? LightSensorChannel + 1
        : new[] { 36, 37, 38, 39, 32, 33, 34, 35 }[LightSensorChannel];

    /// <summary>Pins the profile says to keep free, from its "avoid" keys ("0", "6-11", "19, 20").</summary>
    public IReadOnlyCollection<int> AvoidPins => _avoid;

    private readonly HashSet<int> _avoid = new();

    /// <summary>The nanoFramework firmware image nanoff flashes for this board (e.g. ESP32_REV3).</summary>
    public string FirmwareTarget { get; }

    /// <summary>"wifi" or "ethernet".</summary>
    public string Network { get; }

    /// <summary>Inputs whose pull resistor is on the board (the pin has none of its own).</summary>
    public bool HasExternalPull(int pin) => _externalPull.Contains(pin);

    /// <summary>The GPIO for a function ("lock", "doorContact", "lampFeedback.2"), or null when the board has none.</summary>
    public int? Pin(string function) => _pins.TryGetValue(function, out var pin) ? pin : null;

    /// <summary>Where the profiles are: hardware/boards in the repository, copied beside each program that uses them.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "boards");

    /// <summary>Every profile in <paramref name="folder"/> by name.</summary>
    public static Dictionary<string, BoardProfile> LoadAll(string folder)
    {
        var profiles = new Dictionary<string, BoardProfile>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            var profile = Load(file);
            profiles[profile.Name] = profile;
        }
        return profiles;
    }

    /// <summary>The functions this board has a pin for ("lock", "doorContact", "lampFeedback.1", ...).</summary>
    public IEnumerable<string> Functions => _pins.Keys;

    /// <summary>The circuit numbers the board wires a per-circuit function for ("lampFeedback" → 1, 2), in order.</summary>
    public int[] Circuits(string function) =>
        _pins.Keys.Where(f => f.StartsWith(function + ".", StringComparison.Ordinal))
            .Select(f => int.Parse(f[(function.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(c => c).ToArray();

    public static BoardProfile Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var profile = new BoardProfile(root.GetProperty("name").GetString()!, root.GetProperty("chip").GetString()!,
            root.TryGetProperty("lightSensorChannel", out var adc) ? adc.GetInt32() : -1,
            root.GetProperty("firmwareTarget").GetString()!, root.GetProperty("network").GetString()!, root.GetProperty("flashMegabytes").GetInt32());
        if (root.TryGetProperty("externalPullInputs", out var external))
            foreach (var pin in external.EnumerateArray())
                profile._externalPull.Add(pin.GetInt32());
        if (root.TryGetProperty("avoid", out var avoid))
            foreach (var entry in avoid.EnumerateObject())
                foreach (var part in entry.Name.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    var range = part.Split('-');
                    var first = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
                    var last = range.Length > 1 ? int.Parse(range[1], System.Globalization.CultureInfo.InvariantCulture) : first;
                    for (var p = first; p <= last; p++)
                        profile._avoid.Add(p);
                }
        foreach (var pin in root.GetProperty("pins").EnumerateObject())
        {
            if (pin.Value.ValueKind == JsonValueKind.Object)
                foreach (var circuit in pin.Value.EnumerateObject())
                    profile._pins[pin.Name + "." + circuit.Name] = circuit.Value.GetInt32();
            else
                profile._pins[pin.Name] = pin.Value.GetInt32();
        }
        return profile;
    }

    /// <summary>Every way <paramref name="config"/> disagrees with this board, as "field: reason".</summary>
    public List<string> Check(ControllerConfig config)
    {
        var problems = new List<string>();
        if (config.Chip != Chip)
            problems.Add($"chip: \"{config.Chip}\", but board {Name} is \"{Chip}\"");
        Expect("lock.pin", "lock", config.Lock.Pin, problems);
        for (var i = 0; i < config.Inputs.Length; i++)
        {
            var input = config.Inputs[i];
            var function = ConfigReader.NameOf(input.Function);
            Expect($"inputs[{i}].pin", input.Function == InputFunction.LampFeedback ? $"{function}.{input.Circuit}" : function, input.Pin, problems);
            if (HasExternalPull(input.Pin) && input.InternalPull)
                problems.Add($"inputs[{i}].pull: board {Name} has its own resistor on GPIO {input.Pin}: use \"external-up\" or \"external-down\"");
        }
        for (var i = 0; i < config.Outputs.Length; i++)
        {
            var output = config.Outputs[i];
            var function = ConfigReader.NameOf(output.Function);
            Expect($"outputs[{i}].pin", output.Function == OutputFunction.LampRelay ? $"{function}.{output.Circuit}" : function, output.Pin, problems);
        }
        if (config.Reader.Present)
        {
            // The access reader's data lines (docs/access.md): a profile that has none cannot take a reader.
            Expect("reader.d0", "readerD0", config.Reader.D0, problems);
            Expect("reader.d1", "readerD1", config.Reader.D1, problems);
        }
        if (StorageBytes == 0)
            problems.Add($"board {Name}: flashMegabytes {FlashMegabytes} has no nanoFramework partition table for a {Chip}");
        else if (config.EventCapacity > MaxEvents)
            problems.Add($"eventCapacity: {config.EventCapacity}, but board {Name} ({FlashMegabytes} MB of flash, a {StorageBytes / 1024} KB storage drive) keeps at most {MaxEvents} events: " +
                $"half its storage, in 4 KB blocks of {EventsPerBlock}; the rest holds the config, secrets, allow-list and the file system's own blocks");
        if (config.Lights.SensorChannel >= 0 && config.Lights.SensorChannel != LightSensorChannel)
            problems.Add($"lights.sensorChannel: {config.Lights.SensorChannel}, but board {Name} has its light sensor on ADC channel {LightSensorChannel}");
        return problems;
    }

    private void Expect(string field, string function, int pin, List<string> problems)
    {
        var wired = Pin(function);
        if (wired is null)
            problems.Add($"{field}: board {Name} has no {function}");
        else if (wired != pin)
            problems.Add($"{field}: GPIO {pin}, but board {Name} wires {function} to GPIO {wired}");
    }
}
