using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sagewright.Tests.Conformance;

/// <summary>The kinds of pipeline expression: values SageMaker Pipelines computes at run time.</summary>
public enum ExpressionKind
{
    None,

    /// <summary><c>{"Get": "Parameters.X" | "Steps.S.…" | "Execution.X" | "PipelineExperimentConfig.X"}</c></summary>
    Get,

    /// <summary><c>{"Std:Join": {"On": "/", "Values": [...]}}</c>: always a string.</summary>
    Join,

    /// <summary><c>{"Std:JsonGet": {"PropertyFile" | "S3Uri": ..., "Path": "..."}}</c>: any JSON value.</summary>
    JsonGet,
}

/// <summary>Recognises pipeline expressions and checks their inner form, following the forms the SageMaker Python
/// SDK emits (<c>sagemaker/workflow/functions.py</c>, <c>execution_variables.py</c>; see python-sdk-cases 08).</summary>
public static class PipelineExpressions
{
    /// <summary>The execution variables (<c>sagemaker.workflow.execution_variables.ExecutionVariables</c>).</summary>
    public static IReadOnlyList<string> ExecutionVariables { get; } =
        ["CurrentDateTime", "StartDateTime", "PipelineExecutionId", "PipelineExecutionArn", "PipelineName", "PipelineArn"];

    /// <summary>The members of <c>PipelineExperimentConfig</c> a <c>Get</c> may read.</summary>
    public static IReadOnlyList<string> ExperimentConfigMembers { get; } = ["ExperimentName", "TrialName"];

    /// <summary>An object with exactly one property named <c>Get</c>, <c>Std:Join</c> or <c>Std:JsonGet</c> is an
    /// expression; anything else is a literal.</summary>
    public static ExpressionKind Classify(JsonNode? node) =>
        node is JsonObject { Count: 1 } obj
            ? obj.First().Key switch
            {
                "Get" => ExpressionKind.Get,
                "Std:Join" => ExpressionKind.Join,
                "Std:JsonGet" => ExpressionKind.JsonGet,
                _ => ExpressionKind.None,
            }
            : ExpressionKind.None;

    public static string KeyOf(ExpressionKind kind) => kind switch
    {
        ExpressionKind.Get => "Get",
        ExpressionKind.Join => "Std:Join",
        ExpressionKind.JsonGet => "Std:JsonGet",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Appends what is wrong with the inner form of <paramref name="expression"/> (which
    /// <see cref="Classify"/> recognised) to <paramref name="problems"/>.</summary>
    public static void Check(JsonNode expression, string path, List<string> problems)
    {
        var kind = Classify(expression);
        var body = expression[KeyOf(kind)];
        var inner = BotocoreModel.Member(path, KeyOf(kind));
        switch (kind)
        {
            case ExpressionKind.Get:
                CheckGet(body, inner, problems);
                break;
            case ExpressionKind.Join:
                CheckJoin(body, inner, problems);
                break;
            case ExpressionKind.JsonGet:
                CheckJsonGet(body, inner, problems);
                break;
        }
    }

    /// <summary>Every <c>Get</c> reference in a JSON tree (inside expressions or not), with its JSON path.</summary>
    public static IEnumerable<(string Path, string Reference)> References(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj when Classify(obj) == ExpressionKind.Get && BotocoreModel.Kind(obj["Get"]) == JsonValueKind.String:
                yield return (path, obj["Get"]!.GetValue<string>());
                break;
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    foreach (var reference in References(value, BotocoreModel.Member(path, name)))
                    {
                        yield return reference;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var reference in References(array[i], path + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]"))
                    {
                        yield return reference;
                    }
                }

                break;
        }
    }

    private static void CheckGet(JsonNode? body, string path, List<string> problems)
    {
        if (BotocoreModel.Kind(body) != JsonValueKind.String)
        {
            problems.Add($"{path}: Get takes a string path, found {BotocoreModel.Found(body)}");
            return;
        }

        var reference = body!.GetValue<string>();
        var dot = reference.IndexOf('.', StringComparison.Ordinal);
        var root = dot < 0 ? reference : reference[..dot];
        var rest = dot < 0 ? string.Empty : reference[(dot + 1)..];
        var valid = root switch
        {
            "Parameters" or "Steps" => rest.Length > 0,
            "Execution" => ExecutionVariables.Contains(rest, StringComparer.Ordinal),
            "PipelineExperimentConfig" => ExperimentConfigMembers.Contains(rest, StringComparer.Ordinal),
            _ => false,
        };
        if (!valid)
        {
            problems.Add($"{path}: '{reference}' is not Parameters.<name>, Steps.<name>.<property>, Execution.<{string.Join("|", ExecutionVariables)}> or PipelineExperimentConfig.<{string.Join("|", ExperimentConfigMembers)}>");
        }
    }

    private static void CheckJoin(JsonNode? body, string path, List<string> problems)
    {
        if (body is not JsonObject join)
        {
            problems.Add($"{path}: Std:Join takes an object with On and Values, found {BotocoreModel.Found(body)}");
            return;
        }

        CheckKeys(join, path, ["On", "Values"], problems);
        if (!join.ContainsKey("On"))
        {
            problems.Add($"{path}.On: required member of Std:Join is missing");
        }
        else if (BotocoreModel.Kind(join["On"]) != JsonValueKind.String)
        {
            problems.Add($"{path}.On: expected a string, found {BotocoreModel.Found(join["On"])}");
        }

        if (!join.ContainsKey("Values"))
        {
            problems.Add($"{path}.Values: required member of Std:Join is missing");
            return;
        }

        if (join["Values"] is not JsonArray values)
        {
            problems.Add($"{path}.Values: expected an array, found {BotocoreModel.Found(join["Values"])}");
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var itemPath = path + ".Values[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
            var item = values[i];
            if (Classify(item) != ExpressionKind.None)
            {
                Check(item!, itemPath, problems);
            }
            else if (BotocoreModel.Kind(item) is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            {
                problems.Add($"{itemPath}: Std:Join values are strings, numbers, booleans or expressions, found {BotocoreModel.Found(item)}");
            }
        }
    }

    private static void CheckJsonGet(JsonNode? body, string path, List<string> problems)
    {
        if (body is not JsonObject jsonGet)
        {
            problems.Add($"{path}: Std:JsonGet takes an object with Path and PropertyFile or S3Uri, found {BotocoreModel.Found(body)}");
            return;
        }

        CheckKeys(jsonGet, path, ["Path", "PropertyFile", "S3Uri"], problems);
        if (!jsonGet.ContainsKey("Path"))
        {
            problems.Add($"{path}.Path: required member of Std:JsonGet is missing");
        }
        else if (BotocoreModel.Kind(jsonGet["Path"]) != JsonValueKind.String)
        {
            problems.Add($"{path}.Path: expected a string, found {BotocoreModel.Found(jsonGet["Path"])}");
        }

        var sources = new[] { "PropertyFile", "S3Uri" }.Where(jsonGet.ContainsKey).ToList();
        if (sources.Count != 1)
        {
            problems.Add($"{path}: Std:JsonGet reads exactly one of PropertyFile and S3Uri, found {(sources.Count == 0 ? "neither" : "both")}");
        }

        // PropertyFile: a Get of Steps.<step>.PropertyFiles.<name> (or the name as a plain string).
        // S3Uri: a string, or an expression that yields one.
        foreach (var source in sources)
        {
            var value = jsonGet[source];
            var kind = Classify(value);
            var allowed = source == "PropertyFile"
                ? kind == ExpressionKind.Get || (kind == ExpressionKind.None && BotocoreModel.Kind(value) == JsonValueKind.String)
                : kind != ExpressionKind.None || BotocoreModel.Kind(value) == JsonValueKind.String;
            if (!allowed)
            {
                problems.Add($"{path}.{source}: expected {(source == "PropertyFile" ? "a Get of a property file or its name" : "a string or an expression")}, found {BotocoreModel.Found(value)}");
            }
            else if (kind != ExpressionKind.None)
            {
                Check(value!, path + "." + source, problems);
            }
        }
    }

    private static void CheckKeys(JsonObject obj, string path, string[] known, List<string> problems)
    {
        foreach (var (name, _) in obj)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                problems.Add($"{BotocoreModel.Member(path, name)}: unknown member (expected {string.Join(", ", known)})");
            }
        }
    }
}
