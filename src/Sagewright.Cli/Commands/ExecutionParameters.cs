using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sagewright.Cli.Aws;

namespace Sagewright.Cli.Commands;

/// <summary>Checks <c>--param Name=Value</c> against a definition's Parameters: the name must be declared once,
/// and the value must parse as its type (String, Integer, Float, Boolean), in the invariant culture.</summary>
internal static class ExecutionParameters
{
    public static List<Parameter> Check(IReadOnlyList<(string Name, string Value)> values, string definition, string source)
    {
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var parameter in JsonNode.Parse(definition)?["Parameters"] as JsonArray ?? [])
            {
                declared[(string)parameter!["Name"]!] = (string?)parameter["Type"] ?? "String";
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new CliException($"{source}: not a pipeline definition ({ex.Message})");
        }

        var result = new List<Parameter>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            if (!declared.TryGetValue(name, out var type))
            {
                throw new CliException($"--param {name}: the pipeline has no such parameter (it has {(declared.Count == 0 ? "none" : string.Join(", ", declared.Keys.Order(StringComparer.Ordinal)))})");
            }

            if (!seen.Add(name))
            {
                throw new CliException($"--param {name}: given twice");
            }

            result.Add(new Parameter(name, type switch
            {
                "Integer" => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                    ? i.ToString(CultureInfo.InvariantCulture)
                    : throw new CliException($"--param {name}={value}: {name} is an Integer parameter; {Quote(value)} is not an integer"),
                "Float" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                    ? value.Trim()
                    : throw new CliException($"--param {name}={value}: {name} is a Float parameter; {Quote(value)} is not a number"),
                "Boolean" => value.Trim().ToLowerInvariant() is "true" or "false"
                    ? value.Trim().ToLowerInvariant()
                    : throw new CliException($"--param {name}={value}: {name} is a Boolean parameter; use true or false"),
                _ => value,
            }));
        }

        return result;
    }

    private static string Quote(string value) => "'" + value + "'";
}
