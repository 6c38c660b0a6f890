using System.Text.Json.Nodes;

namespace Sagewright.Tests.Infrastructure;

/// <summary>Reads ../shared/reference/python-sdk-cases: the JSON the SageMaker Python SDK's own tests expect.
/// Each call parses the file again, so a test may change what it gets.</summary>
public static class SdkCases
{
    /// <summary>The region and default bucket the SDK's tests use.</summary>
    public static ProjectOptions UsWest2 { get; } = ProjectOptions.Default with { Region = "us-west-2", ArtifactBucket = "my-bucket" };

    /// <summary>The whole expected value of a case.</summary>
    public static JsonNode Case(string stem) =>
        JsonNode.Parse(File.ReadAllText(Paths.Reference("python-sdk-cases", stem + ".expected.json")))!;

    /// <summary>One fragment of a <c>$fragments</c> case: the one whose key starts with <paramref name="keyPrefix"/>.</summary>
    public static JsonNode Fragment(string stem, string keyPrefix) =>
        Case(stem)["$fragments"]!.AsObject().Single(f => f.Key.StartsWith(keyPrefix, StringComparison.Ordinal)).Value!.DeepClone();

    /// <summary>The step named <paramref name="name"/> in a definition's top-level Steps.</summary>
    public static JsonNode Step(string definition, string name) =>
        JsonNode.Parse(definition)!["Steps"]!.AsArray().Single(s => (string)s!["Name"]! == name)!;
}
