using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sagewright.Tests.Infrastructure;

/// <summary>Compares parsed JSON: object key order is free, list order is significant, numbers compare by value.</summary>
public static class JsonAssert
{
    public static void Equal(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        var differences = new List<string>();
        Compare(expected, actual, path, differences);
        Assert.True(differences.Count == 0, "JSON differs:\n  " + string.Join("\n  ", differences.Take(20)));
    }

    public static void Equal(string expected, string actual) => Equal(JsonNode.Parse(expected), JsonNode.Parse(actual));

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (!a.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: missing (expected {value?.ToJsonString()})");
                    }
                    else
                    {
                        Compare(value, a[key], $"{path}.{key}", differences);
                    }
                }

                foreach (var (key, value) in a)
                {
                    if (!e.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: unexpected {value?.ToJsonString()}");
                    }
                }

                return;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    differences.Add($"{path}: {a.Count} items, expected {e.Count}");
                }

                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]", differences);
                }

                return;
            case (JsonValue e, JsonValue a):
                if (e.GetValueKind() is JsonValueKind.Number && a.GetValueKind() is JsonValueKind.Number)
                {
                    if (e.GetValue<decimal>() != a.GetValue<decimal>())
                    {
                        differences.Add($"{path}: {a.ToJsonString()}, expected {e.ToJsonString()}");
                    }
                }
                else if (e.ToJsonString() != a.ToJsonString())
                {
                    differences.Add($"{path}: {a.ToJsonString()}, expected {e.ToJsonString()}");
                }

                return;
            default:
                differences.Add($"{path}: {actual?.ToJsonString() ?? "null"}, expected {expected?.ToJsonString() ?? "null"}");
                return;
        }
    }
}
