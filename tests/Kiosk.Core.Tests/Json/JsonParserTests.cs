using System.Collections;
using System.Linq;
using System.Text;
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
    public void Utf8_text_is_read_from_the_bytes_raw_or_escaped()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"gate\": \"东门岗亭\", \"escaped\": \"\\u4e1c\\u95e8\", \"emoji\": \"🚪\"}");

        var root = (JsonObject)JsonParser.Parse(bytes, 0, bytes.Length);

        Assert.Equal("东门岗亭", root.Get("gate"));
        Assert.Equal("东门", root.Get("escaped"));
        Assert.Equal("🚪", root.Get("emoji"));
    }

    [Fact]
    public void A_byte_order_mark_before_the_document_is_allowed()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"a\":1}")).ToArray();

        var root = (JsonObject)JsonParser.Parse(bytes, 0, bytes.Length);

        Assert.Equal(1L, root.Get("a"));
    }

    [Fact]
    public void A_slice_of_a_larger_buffer_is_parsed_alone()
    {
        var bytes = Encoding.UTF8.GetBytes("xx{\"a\":[1,2]}yy");

        var root = (JsonObject)JsonParser.Parse(bytes, 2, bytes.Length - 4);

        Assert.Equal(2, ((ArrayList)root.Get("a")).Count);
    }

    [Theory]
    [InlineData(new byte[] { 0x22, 0xC3, 0x28, 0x22 }, "byte 0x28 after 0xC3")]          // cut by a non-continuation byte
    [InlineData(new byte[] { 0x22, 0xC0, 0xAF, 0x22 }, "byte 0xC0")]                    // overlong '/'
    [InlineData(new byte[] { 0x22, 0xE0, 0x80, 0xAF, 0x22 }, "byte 0x80 after 0xE0")]   // overlong, three bytes
    [InlineData(new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 }, "byte 0xA0 after 0xED")]   // an encoded surrogate
    [InlineData(new byte[] { 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22 }, "byte 0x90 after 0xF4")] // past U+10FFFF
    [InlineData(new byte[] { 0x22, 0x80, 0x22 }, "byte 0x80")]                          // a stray continuation byte
    [InlineData(new byte[] { 0x22, 0xE4, 0xB8 }, "cut short")]                          // the input ends mid-character
    [InlineData(new byte[] { 0xE4, 0xB8, 0x9C }, "unexpected byte 0xE4")]               // text outside a string
    public void Invalid_utf8_is_refused_never_replaced(byte[] bytes, string reason)
    {
        var error = Assert.Throws<JsonException>(() => JsonParser.Parse(bytes, 0, bytes.Length));

        Assert.Contains(reason, error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_count_characters_not_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"门\":\"东门\" x}");

        var error = Assert.Throws<JsonException>(() => JsonParser.Parse(bytes, 0, bytes.Length));

        Assert.Contains("line 1, column 11", error.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("922337203685477580", 922337203685477580L)]
    [InlineData("-922337203685477580", -922337203685477580L)]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    public void Integers_up_to_eighteen_digits_are_longs(string literal, long expected)
    {
        Assert.Equal(expected, JsonParser.Parse(literal));
    }

    [Fact]
    public void Longer_integers_and_fractions_are_doubles()
    {
        Assert.Equal(9223372036854775807.0, JsonParser.Parse("9223372036854775807"));
        Assert.Equal(0.125, JsonParser.Parse("1.25e-1"));
    }

    [Fact]
    public void Deep_nesting_is_refused_before_it_exhausts_the_stack()
    {
        var text = new string('[', 1000) + new string(']', 1000);

        var error = Assert.Throws<JsonException>(() => JsonParser.Parse(text));

        Assert.Contains("nested deeper than 16", error.Message, System.StringComparison.Ordinal);
    }
}
