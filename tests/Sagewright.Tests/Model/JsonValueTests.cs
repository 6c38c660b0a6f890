using System.Globalization;
using Sagewright.Model.Json;

namespace Sagewright.Tests.Model;

public class JsonValueTests
{
    [Fact]
    public void Writes_two_space_indent_unix_lines_and_keeps_insertion_order()
    {
        var json = new JsonObject()
            .Add("b", 1)
            .Add("a", new JsonArray().Add("x").Add(true))
            .Add("empty", new JsonObject())
            .Add("none", new JsonArray())
            .ToJson();
        Assert.Equal("{\n  \"b\": 1,\n  \"a\": [\n    \"x\",\n    true\n  ],\n  \"empty\": {},\n  \"none\": []\n}", json);
    }

    [Theory]
    [InlineData("quote\"", "\"quote\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("line\nbreak\ttab", "\"line\\nbreak\\ttab\"")]
    [InlineData("\u0001", "\"\\u0001\"")]
    [InlineData("\u2028", "\"\\u2028\"")]
    [InlineData("Ünïcödé ✓", "\"Ünïcödé ✓\"")]
    public void Escapes_strings_as_json_requires(string value, string expected) =>
        Assert.Equal(expected, JsonValue.From(value).ToJson());

    [Theory]
    [InlineData(1.2, "1.2")]
    [InlineData(2.0, "2.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(1e21, "1E+21")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    public void Formats_doubles_round_trippable_and_always_as_floats(double value, string expected)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            Assert.Equal(expected, JsonFormat.Double(value));
            Assert.Equal(value, double.Parse(expected, CultureInfo.InvariantCulture));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Rejects_duplicate_keys_and_non_finite_numbers()
    {
        Assert.Throws<InvalidOperationException>(() => new JsonObject().Add("a", 1).Add("a", 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonFormat.Double(double.NaN));
    }

    [Fact]
    public void Output_parses_back_with_system_text_json()
    {
        var text = new JsonObject().Add("s", "a\"b\\c\u0007").Add("n", JsonValue.From(0.75)).Add("l", 9007199254740993L).ToJson();
        var parsed = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        Assert.Equal("a\"b\\c\u0007", (string)parsed["s"]!);
        Assert.Equal(0.75, (double)parsed["n"]!);
        Assert.Equal(9007199254740993L, (long)parsed["l"]!);
    }
}
