using System.IO.Compression;
using System.Text.Json.Nodes;
using Sagewright.Model.Validation;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Conformance;

/// <summary>The step properties Sagewright accepts in [StepProperty] are the members of each step's Describe
/// response in the botocore model, and full property paths walk that model.</summary>
public class StepPropertyTableTests
{
    private static readonly Lazy<JsonObject> Shapes = new(() =>
    {
        using var gzip = new GZipStream(File.OpenRead(Paths.Reference("aws-models", "botocore", "sagemaker-2017-07-24.service-2.json.gz")), CompressionMode.Decompress);
        return JsonNode.Parse(gzip)!["shapes"]!.AsObject();
    });

    private static readonly Dictionary<string, string[]> Extras = new(StringComparer.Ordinal)
    {
        // ListTrainingJobsForHyperParameterTuningJob, which the pipeline service exposes on tuning steps.
        ["Tuning"] = ["TrainingJobSummaries"],
    };

    [ReferenceFact]
    public void Every_table_lists_exactly_the_describe_response_members()
    {
        foreach (var (type, (shape, properties)) in StepProperties.ByStepType)
        {
            if (shape.Length == 0)
            {
                continue; // Condition: Outcome is the pipeline service's own
            }

            var members = Shapes.Value[shape]!["members"]!.AsObject().Select(m => m.Key).Concat(Extras.GetValueOrDefault(type, []));
            Assert.True(members.Order(StringComparer.Ordinal).SequenceEqual(properties.Order(StringComparer.Ordinal)),
                $"{type} ({shape}): missing {string.Join(", ", members.Except(properties))}; extra {string.Join(", ", properties.Except(members))}");
        }
    }

    [ReferenceTheory]
    [InlineData("Training", "TrainingJobName", true)]
    [InlineData("Training", "ModelArtifacts.S3ModelArtifacts", true)]
    [InlineData("Training", "FinalMetricDataList['validation:auc'].Value", true)]
    [InlineData("Processing", "ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri", true)]
    [InlineData("Training", "ModelArtifacts.S3Uri", false)]
    [InlineData("Training", "FinalMetricDataList.Value", false)]
    public void Property_paths_walk_the_describe_response(string type, string path, bool valid) =>
        Assert.Equal(valid, Walk(StepProperties.ByStepType[type].Shape, path));

    /// <summary>Follows a property path (members, <c>[0]</c> list indexes and <c>['key']</c> list/map lookups) through
    /// the botocore shapes.</summary>
    internal static bool Walk(string shapeName, string path)
    {
        var shape = Shapes.Value[shapeName]!;
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
            }

            if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0 || (string?)shape["type"] is not ("list" or "map"))
                {
                    return false;
                }

                shape = Shapes.Value[(string)shape[(string)shape["type"]! == "list" ? "member" : "value"]!["shape"]!]!;
                i = close + 1;
                continue;
            }

            var end = path.IndexOfAny(['.', '['], i);
            var member = end < 0 ? path[i..] : path[i..end];
            if (shape["members"]?[member] is not { } node)
            {
                return false;
            }

            shape = Shapes.Value[(string)node["shape"]!]!;
            i = end < 0 ? path.Length : end;
        }

        return true;
    }
}
