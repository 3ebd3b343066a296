using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiosk.Core.Config;
using Kiosk.Core.Protocol;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Config;

/// <summary>Names people read are in their own language; ids that become topic levels stay ASCII.</summary>
public sealed class ChineseNamesTests
{
    private static (ControllerConfig? Config, string[] Errors) Read(JsonObject node)
    {
        var errors = new ConfigErrors();
        var bytes = Encoding.UTF8.GetBytes(node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        var config = ConfigReader.Read(bytes, bytes.Length, errors);
        return (config, Enumerable.Range(0, errors.Count).Select(i => errors[i]).ToArray());
    }

    [Fact]
    public void An_entrance_its_estate_and_its_inputs_may_be_named_in_chinese()
    {
        var node = SampleConfig.Node();
        node["siteName"] = "枫林苑";
        node["name"] = "东门岗亭";
        node["inputs"]![6]!["name"] = "东侧围墙"; // 12 bytes

        var (config, errors) = Read(node);

        Assert.Empty(errors);
        Assert.Equal("枫林苑", config!.SiteName);
        Assert.Equal("东门岗亭", config.Name);
        Assert.Equal("东侧围墙", config.Inputs[6].Name);
    }

    [Fact]
    public void A_name_over_its_byte_limit_is_refused_naming_the_field_and_the_bytes()
    {
        var node = SampleConfig.Node();
        node["inputs"]![6]!["name"] = "东侧围墙东侧围墙东"; // nine characters: 27 bytes, the limit is 24
        node["name"] = new string('门', 17); // 51 bytes, the limit is 48

        var (config, errors) = Read(node);

        Assert.Null(config);
        Assert.Contains("inputs[6].name: must be 1..24 bytes of UTF-8 (a Chinese character is 3), got 27", errors);
        Assert.Contains("name: must be 1..48 bytes of UTF-8 (a Chinese character is 3), got 51", errors);
    }

    [Theory]
    [InlineData("site")]
    [InlineData("deviceId")]
    public void Ids_stay_ascii_topic_levels(string field)
    {
        var node = SampleConfig.Node();
        node[field] = "东门";

        var (config, errors) = Read(node);

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith(field + ": may hold printable ASCII only", StringComparison.Ordinal));
    }

    [Fact]
    public void The_birth_carries_the_display_names()
    {
        var writer = new MessageWriter("maple-court", "main-gate", 1, "东门岗亭", "枫林苑");

        var birth = JsonDocument.Parse(writer.Status(true, 1, 1, 0)).RootElement;
        var will = JsonDocument.Parse(writer.Status(false, 1, 2, 0)).RootElement;

        Assert.Equal("东门岗亭", birth.GetProperty("name").GetString());
        Assert.Equal("枫林苑", birth.GetProperty("siteName").GetString());
        Assert.False(will.TryGetProperty("name", out _)); // the will stays small: it is held by the broker for every board
    }
}
