using System.Text.Json.Nodes;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Iam;

/// <summary>The oracle's view of a sample: its generated files, where it runs, and the probes derived from its
/// definition.</summary>
public sealed record OracleSample(string Sample, string Pipeline, IReadOnlyDictionary<string, string> Files, OracleEnvironment Environment, ProbeSet Probes)
{
    /// <summary>The probes with those of the pipeline's endpoints (their inference roles), for the generated policies;
    /// the hand-written fixtures cover the pipeline's own roles only.</summary>
    public ProbeSet WithEndpoints { get; init; } = Probes;

    public static string FixturesFolder { get; } = Path.Combine(Paths.RepoRoot, "tests", "Sagewright.Tests", "Iam", "OracleFixtures");

    /// <summary>Compiles the sample with the generator (as <c>dotnet build</c> does) and derives its probes from the
    /// generated <c>pipeline.json</c> and <c>create-pipeline.json</c>.</summary>
    public static IReadOnlyList<OracleSample> Load(string sample)
    {
        var files = Samples.Generate(sample).Files();
        var options = Samples.Options(sample);
        var loaded = new List<OracleSample>();
        foreach (var definition in files.Keys.Where(k => k.EndsWith("/pipeline.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var pipeline = definition[..definition.IndexOf('/')];
            var createPipeline = JsonNode.Parse(files[$"{pipeline}/create-pipeline.json"])!;
            var roleArn = ((string?)createPipeline["RoleArn"] ?? "").Split(':');
            var environment = new OracleEnvironment(
                pipeline,
                options.AccountId ?? (roleArn.Length > 4 ? roleArn[4] : throw new InvalidOperationException($"{sample} sets no SagewrightAccountId")),
                options.Region ?? throw new InvalidOperationException($"{sample} sets no SagewrightRegion"),
                options.Partition ?? "aws");
            var probes = OracleProbes.Derive(JsonNode.Parse(files[definition])!, createPipeline, environment);
            loaded.Add(new OracleSample(sample, pipeline, files, environment, probes)
            {
                WithEndpoints = OracleProbes.Derive(JsonNode.Parse(files[definition])!, createPipeline, environment, files),
            });
        }

        return loaded;
    }

    /// <summary>The case that judges Sagewright's own IAM output for this pipeline.</summary>
    public OracleCase Generated() => new($"{Sample}/{Pipeline}", WithEndpoints, OraclePolicies.FromFiles(Files, Pipeline));

    public OracleCase Fixture(string folder) =>
        new($"{Sample}/{Pipeline} ({folder})", Probes, OraclePolicies.FromDirectory(Path.Combine(FixturesFolder, folder), Pipeline));

    /// <summary>One hand-written policy, used by every role.</summary>
    public OracleCase Handwritten(string file)
    {
        var policy = JsonNode.Parse(File.ReadAllText(Path.Combine(FixturesFolder, "handwritten", file)))!;
        return new OracleCase($"{Sample}/{Pipeline} (hand-written {file})", Probes,
            OraclePolicies.Shared(Pipeline, Environment, Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(file)), policy))
        {
            CheckStatements = false,
        };
    }
}
