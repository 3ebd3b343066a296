using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Kiosk.Portability;
using Kiosk.Provisioning;
using Xunit;

namespace Kiosk.Integration.Tests;

/// <summary>The wiring diagrams: well-formed, generated ones up to date with their profiles, and each referenced from the installer guide.</summary>
public sealed class HardwareDocsTests
{
    private static readonly string Root = RepositoryRoot.Find();

    [Fact]
    public void Every_svg_is_well_formed_and_referenced_from_the_installer_guide()
    {
        var guide = File.ReadAllText(Path.Combine(Root, "docs/installer-guide.md"));
        var svgs = Directory.GetFiles(Path.Combine(Root, "hardware/wiring"), "*.svg");

        Assert.NotEmpty(svgs);
        foreach (var svg in svgs)
        {
            var root = XDocument.Load(svg).Root!;
            Assert.Equal("svg", root.Name.LocalName);
            Assert.Contains("hardware/wiring/" + Path.GetFileName(svg), guide, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Each_board_profile_has_its_generated_wiring_diagram_and_it_is_current()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "hardware/boards"), "*.json"))
        {
            var profile = BoardProfile.Load(file);
            var svg = Path.Combine(Root, "hardware/wiring", profile.Name + ".svg");

            Assert.True(File.Exists(svg), $"{svg} missing: run 'kiosk-provision wiring --out hardware/wiring --boards hardware/boards'");
            Assert.True(File.ReadAllText(svg) == WiringDiagram.Render(profile),
                $"{svg} is out of date with {file}: run 'kiosk-provision wiring --out hardware/wiring --boards hardware/boards'");
        }
    }

    [Fact]
    public void The_lock_diagram_hangs_the_maglock_on_NC_and_the_checklist_does_not_expect_it_to_open_when_the_controller_dies()
    {
        var svg = File.ReadAllText(Path.Combine(Root, "hardware/wiring/lock-relay.svg"));
        var guide = File.ReadAllText(Path.Combine(Root, "docs/installer-guide.md"));

        Assert.Contains("NC → maglock +", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("NO → maglock +", svg, StringComparison.Ordinal);
        Assert.Contains("NO → strike +", svg, StringComparison.Ordinal);
        var item2 = guide.Split('\n').Single(l => l.StartsWith("| 2 |", StringComparison.Ordinal));
        Assert.Contains("controller unplugged: the door stays locked, strike and maglock", item2, StringComparison.Ordinal);
    }

    [Fact]
    public void No_text_in_a_wiring_diagram_runs_off_its_right_edge()
    {
        foreach (var svg in Directory.GetFiles(Path.Combine(Root, "hardware/wiring"), "*.svg"))
        {
            var root = XDocument.Load(svg).Root!;
            var width = double.Parse(root.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture);
            foreach (var text in root.Elements().Where(e => e.Name.LocalName == "text" && e.Attribute("text-anchor") is null))
            {
                var x = double.Parse(text.Attribute("x")!.Value, System.Globalization.CultureInfo.InvariantCulture);
                var size = double.Parse(text.Attribute("font-size")?.Value ?? "16", System.Globalization.CultureInfo.InvariantCulture);
                var end = x + text.Value.Length * size * 0.55; // DejaVu Sans averages a little over half an em per character
                Assert.True(end <= width, $"{Path.GetFileName(svg)}: '{text.Value}' ends near x={end:0}, past the width {width}");
            }
        }
    }

    [Fact]
    public void A_light_sensor_row_names_its_gpio_not_only_its_adc_channel()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "hardware/boards"), "*.json"))
        {
            var profile = BoardProfile.Load(file);
            if (profile.LightSensorChannel >= 0)
                Assert.Contains($"ADC1 channel {profile.LightSensorChannel} = GPIO {profile.LightSensorPin}", WiringDiagram.Render(profile), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void No_profile_wires_a_function_to_a_pin_it_says_to_avoid()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "hardware/boards"), "*.json"))
        {
            var profile = BoardProfile.Load(file);
            foreach (var function in profile.Functions)
                Assert.False(profile.AvoidPins.Contains(profile.Pin(function)!.Value), $"{profile.Name}: {function} on GPIO {profile.Pin(function)}, which its profile says to avoid");
        }
    }
}
