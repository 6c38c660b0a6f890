using System.Text.Json.Nodes;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Generator;

/// <summary>The samples together exercise the whole pipeline language: every step type and the expression and
/// step-setting features (the "done when" of the pipeline-language work).</summary>
public class SampleCoverageTests
{
    private static List<JsonNode> Definitions() =>
        Samples.Names.SelectMany(s => Samples.Definitions(s).Values).Select(d => JsonNode.Parse(d)!).ToList();

    private static IEnumerable<JsonNode> AllSteps(JsonArray steps)
    {
        foreach (var step in steps)
        {
            yield return step!;
            if ((string?)step!["Type"] == "Condition")
            {
                foreach (var branch in new[] { "IfSteps", "ElseSteps" })
                {
                    foreach (var inner in AllSteps(step["Arguments"]![branch]!.AsArray()))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }

    [Fact]
    public void Samples_use_every_step_type()
    {
        var types = Definitions().SelectMany(d => AllSteps(d["Steps"]!.AsArray())).Select(s => (string)s["Type"]!).ToHashSet();
        Assert.Superset(new HashSet<string> { "Processing", "Training", "Tuning", "Transform", "Model", "RegisterModel", "Condition", "Fail", "Lambda", "Callback" }, types);
    }

    [Fact]
    public void Samples_use_every_expression_setting_and_parameter_type()
    {
        var definitions = Definitions();
        var text = string.Join("\n", definitions.Select(d => d.ToJsonString()));
        Assert.Contains("\"Std:Join\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Std:JsonGet\"", text, StringComparison.Ordinal);
        var steps = definitions.SelectMany(d => AllSteps(d["Steps"]!.AsArray())).Select(s => s.AsObject()).ToList();
        Assert.Contains(steps, s => s.ContainsKey("PropertyFiles"));
        Assert.Contains(steps, s => s.ContainsKey("CacheConfig"));
        Assert.Contains(steps, s => s.ContainsKey("RetryPolicies"));
        Assert.Contains(steps, s => s.ContainsKey("DependsOn"));
        var parameterTypes = definitions.SelectMany(d => d["Parameters"]!.AsArray()).Select(p => (string)p!["Type"]!).ToHashSet();
        Assert.Superset(new HashSet<string> { "String", "Integer", "Float", "Boolean" }, parameterTypes);
    }
}
