using System.Collections;
using Kiosk.Core.Json;
using Xunit;

namespace Kiosk.Core.Tests.Json;

public sealed class JsonParserTests
{
    [Fact]
    public void Objects_arrays_and_scalars_come_back_typed()
    {
        var root = (JsonObject)JsonParser.Parse("""{"a": 1, "b": -2.5e1, "c": "x\u00e9\n", "d": [true, false, null], "e": {}}""");

        Assert.Equal(1L, root.Get("a"));
        Assert.Equal(-25.0, root.Get("b"));
        Assert.Equal("xé\n", root.Get("c"));
        var d = (ArrayList)root.Get("d");
        Assert.Equal(true, d[0]);
        Assert.Same(JsonNull.Value, d[2]);
        Assert.Equal(0, ((JsonObject)root.Get("e")).Count);
        Assert.Equal(new object[] { "a", "b", "c", "d", "e" }, root.Names.ToArray());
    }

    [Theory]
    [InlineData("{\"a\":1,}", "expected a field name")]
    [InlineData("{\"a\":1 \"b\":2}", "expected ',' or '}'")]
    [InlineData("{\"a\":01}", "leading zeros")]
    [InlineData("{\"a\":1,\"a\":2}", "appears twice")]
    [InlineData("{'a':1}", "expected a field name")]
    [InlineData("{\"a\":\"\\x\"}", "unknown escape")]
    [InlineData("{\"a\":\"\\ud800\"}", "surrogate")]
    [InlineData("[1] x", "after the end")]
    [InlineData("{\"a\":tru}", "expected 'true'")]
    [InlineData("\"abc", "unterminated")]
    public void Malformed_input_is_refused_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<JsonException>(() => JsonParser.Parse(text));

        Assert.Contains(reason, error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_before_it_exhausts_the_stack()
    {
        var text = new string('[', 1000) + new string(']', 1000);

        var error = Assert.Throws<JsonException>(() => JsonParser.Parse(text));

        Assert.Contains("nested deeper than 16", error.Message, System.StringComparison.Ordinal);
    }
}
