using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Iam;

/// <summary>S3 locations behind String parameters with <c>EnumValues</c>: an execution may pass any allowed value, so
/// every one is granted (and nothing next to them); too many combinations are SGW010.</summary>
public class IamParameterTests
{
    private const string Job = "Demo-job";

    /// <summary><see cref="Src.Demo"/> with extra parameter declarations after its own.</summary>
    private static string Pipeline(string parameters) =>
        Src.Demo.Replace("    [Parameter] public const bool Shuffle = true;\n", "    [Parameter] public const bool Shuffle = true;\n" + parameters, StringComparison.Ordinal);

    private const string Sources = """
            [Parameter(EnumValues = new[] { "s3://data-bucket/us/", "s3://data-bucket/eu/", "s3://data-bucket/ap/" })] public const string Source = "s3://data-bucket/eu/";
            [Parameter(EnumValues = new[] { "daily", "weekly" })] public const string Cadence = "daily";
            [Join("/", "s3://my-bucket/scores", nameof(Cadence), nameof(Execution.PipelineExecutionId))] public static readonly string ScoresPath = "";

        """;

    private static IamFiles Generate(string source)
    {
        // Every snippet here is a valid pipeline: the IAM files are written only then.
        Markup.Verify(source);
        return IamFiles.Generate(source);
    }

    [Fact]
    public void Input_from_an_enum_parameter_grants_each_allowed_value_and_not_the_prefix_next_door()
    {
        var iam = Generate(Pipeline(Sources) + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input(nameof(Demo.Source), "/opt/ml/processing/input")]
            [Input(nameof(Demo.InputData), "/opt/ml/processing/other")]
            public sealed class Prep;
            """);
        Assert.Equal(
            ["arn:aws:s3:::data-bucket/ap/*", "arn:aws:s3:::data-bucket/eu/*", "arn:aws:s3:::data-bucket/us/*", "arn:aws:s3:::my-bucket/raw/*"],
            iam.Resources(Job, "S3ReadInputs"));
        foreach (var region in new[] { "us", "eu", "ap" })
        {
            Assert.True(iam.Allows(Job, "s3:GetObject", $"arn:aws:s3:::data-bucket/{region}/2024/part-00000.csv"), region);
            Assert.True(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::data-bucket", ("s3:prefix", region + "/")), region);
            Assert.False(iam.Allows(Job, "s3:GetObject", $"arn:aws:s3:::data-bucket/{region}-old/part-00000.csv"), region);
            Assert.False(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::data-bucket", ("s3:prefix", region + "-old/")), region);
            Assert.False(iam.Allows(Job, "s3:PutObject", $"arn:aws:s3:::data-bucket/{region}/part-00000.csv"), region);
        }

        Assert.False(iam.Allows(Job, "s3:GetObject", "arn:aws:s3:::data-bucket/sa/part-00000.csv"), "a value the parameter does not allow");
        Assert.False(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::data-bucket", ("s3:prefix", "")), "listing the whole bucket");

        // A parameter without EnumValues keeps its default only, and says so.
        Assert.Contains("resolved from the default of parameter `InputData` (`s3://my-bucket/raw/`)", iam.Report, StringComparison.Ordinal);
        Assert.Contains("resolved from each allowed value of parameter `Source` (EnumValues `s3://data-bucket/ap/`, `s3://data-bucket/eu/`, `s3://data-bucket/us/`)",
            iam.Report, StringComparison.Ordinal);
        Assert.DoesNotContain("resolved from the default of parameter `Source`", iam.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_with_an_enum_parameter_writes_and_reads_under_each_value()
    {
        var iam = Generate(Pipeline(Sources) + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Score
            {
                [Output("/opt/ml/processing/scores", Destination = nameof(Demo.ScoresPath))] public const string Scores = "scores";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input(nameof(Score.Scores), "/opt/ml/processing/input")]
            public sealed class Publish;
            """);
        Assert.Equal(["arn:aws:s3:::my-bucket/scores/daily/*", "arn:aws:s3:::my-bucket/scores/weekly/*"], iam.Resources(Job, "S3WriteOutputs"));
        Assert.Equal(["arn:aws:s3:::my-bucket/scores/daily/*", "arn:aws:s3:::my-bucket/scores/weekly/*"], iam.Resources(Job, "S3ReadInputs"));
        Assert.True(iam.Allows(Job, "s3:PutObject", "arn:aws:s3:::my-bucket/scores/weekly/a1b2c3d4e5f6/part-00000.csv"));
        Assert.True(iam.Allows(Job, "s3:PutObject", "arn:aws:s3:::my-bucket/scores/daily/a1b2c3d4e5f6/part-00000.csv"));
        Assert.False(iam.Allows(Job, "s3:PutObject", "arn:aws:s3:::my-bucket/scores/monthly/a1b2c3d4e5f6/part-00000.csv"));
        Assert.False(iam.Allows(Job, "s3:PutObject", "arn:aws:s3:::my-bucket/scores/weekly-old/a1b2c3d4e5f6/part-00000.csv"));
        Assert.True(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::my-bucket", ("s3:prefix", "scores/weekly/a1b2c3d4e5f6/")));
        Assert.False(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::my-bucket", ("s3:prefix", "scores/")));
        Assert.Contains("resolved from each allowed value of parameter `Cadence` (EnumValues `daily`, `weekly`)", iam.Report, StringComparison.Ordinal);
        Assert.Contains("[Join] `ScoresPath`", iam.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpolated_location_and_model_output_and_checkpoints_cover_each_value()
    {
        var iam = Generate(Pipeline(Sources) + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Channel("train", nameof(Demo.Source))]
            [ModelOutput(nameof(Demo.ScoresPath))]
            [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = $"s3://my-bucket/checkpoints/{nameof(Demo.Cadence)}/")]
            public sealed class Train;
            """);
        Assert.Equal(
            ["arn:aws:s3:::my-bucket/scores/daily/*/pipelines-*", "arn:aws:s3:::my-bucket/scores/weekly/*/pipelines-*"],
            iam.Resources(Job, "S3WriteOutputs"));
        Assert.Equal(["arn:aws:s3:::my-bucket/checkpoints/daily/*", "arn:aws:s3:::my-bucket/checkpoints/weekly/*"], iam.Resources(Job, "S3Checkpoints"));
        Assert.True(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::my-bucket", ("s3:prefix", "checkpoints/weekly/")));
        Assert.False(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::my-bucket", ("s3:prefix", "checkpoints/")));
        Assert.Equal(3, iam.Resources(Job, "S3ReadInputs").Length);
    }

    [Fact]
    public void Order_of_the_values_in_source_does_not_change_the_IAM_files()
    {
        const string steps = """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input(nameof(Demo.Source), "/opt/ml/processing/input")]
            public sealed class Score
            {
                [Output("/opt/ml/processing/scores", Destination = nameof(Demo.ScoresPath))] public const string Scores = "scores";
            }
            """;
        var reordered = Sources
            .Replace("""{ "s3://data-bucket/us/", "s3://data-bucket/eu/", "s3://data-bucket/ap/" }""", """{ "s3://data-bucket/ap/", "s3://data-bucket/eu/", "s3://data-bucket/us/", "s3://data-bucket/eu/" }""", StringComparison.Ordinal)
            .Replace("""{ "daily", "weekly" }""", """{ "weekly", "daily" }""", StringComparison.Ordinal);
        Assert.NotEqual(Sources, reordered);

        var first = Generate(Pipeline(Sources) + steps);
        var second = Generate(Pipeline(reordered) + steps);
        var iamFiles = first.All.Keys.Where(k => k.StartsWith("Demo/iam/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(iamFiles);
        Assert.Equal(iamFiles, second.All.Keys.Where(k => k.StartsWith("Demo/iam/", StringComparison.Ordinal)));
        foreach (var file in iamFiles)
        {
            Assert.Equal(first.All[file], second.All[file]);
        }

        Assert.Single(first.Resources(Job, "S3ReadInputs"), r => r == "arn:aws:s3:::data-bucket/eu/*");
    }

    [Fact]
    public void Combinations_up_to_the_cap_are_granted()
    {
        // 4 × 8 = 32 locations: exactly the cap.
        var iam = Generate(Pipeline("""
                [Parameter(EnumValues = new[] { "a", "b", "c", "d" })] public const string Team = "a";
                [Parameter(EnumValues = new[] { "1", "2", "3", "4", "5", "6", "7", "8" })] public const string Shard = "1";
                [Join("/", "s3://my-bucket/teams", nameof(Team), "shards", nameof(Shard), "")] public static readonly string Where = "";

            """) + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input(nameof(Demo.Where), "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        var resources = iam.Resources(Job, "S3ReadInputs");
        Assert.Equal(32, resources.Length);
        Assert.Equal("arn:aws:s3:::my-bucket/teams/a/shards/1/*", resources[0]);
        Assert.Equal("arn:aws:s3:::my-bucket/teams/d/shards/8/*", resources[^1]);
        Assert.True(iam.Allows(Job, "s3:GetObject", "arn:aws:s3:::my-bucket/teams/c/shards/7/part-00000.csv"));
        Assert.False(iam.Allows(Job, "s3:GetObject", "arn:aws:s3:::my-bucket/teams/e/shards/1/part-00000.csv"));
    }

    [Fact]
    public void More_combinations_than_the_cap_are_SGW010_at_the_argument_that_uses_the_location()
    {
        var diagnostics = Markup.Verify(Pipeline("""
                [Parameter(EnumValues = new[] { "a", "b", "c", "d", "e", "f" })] public const string Team = "a";
                [Parameter(EnumValues = new[] { "1", "2", "3", "4", "5", "6" })] public const string Shard = "1";
                [Join("/", "s3://my-bucket/teams", nameof(Team), "shards", nameof(Shard))] public static readonly string Where = "";
                [Parameter(EnumValues = new[] { "s3://day-bucket/00/", "s3://day-bucket/01/", "s3://day-bucket/02/", "s3://day-bucket/03/", "s3://day-bucket/04/", "s3://day-bucket/05/", "s3://day-bucket/06/", "s3://day-bucket/07/", "s3://day-bucket/08/", "s3://day-bucket/09/", "s3://day-bucket/10/", "s3://day-bucket/11/", "s3://day-bucket/12/", "s3://day-bucket/13/", "s3://day-bucket/14/", "s3://day-bucket/15/", "s3://day-bucket/16/", "s3://day-bucket/17/", "s3://day-bucket/18/", "s3://day-bucket/19/", "s3://day-bucket/20/", "s3://day-bucket/21/", "s3://day-bucket/22/", "s3://day-bucket/23/", "s3://day-bucket/24/", "s3://day-bucket/25/", "s3://day-bucket/26/", "s3://day-bucket/27/", "s3://day-bucket/28/", "s3://day-bucket/29/", "s3://day-bucket/30/", "s3://day-bucket/31/", "s3://day-bucket/32/" })]
                public const string Day = "s3://day-bucket/00/";

            """) + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW010:nameof(Demo.Where)|}, "/opt/ml/processing/input")]
            [Input({|SGW010:nameof(Demo.Day)|}, "/opt/ml/processing/day")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/output", {|SGW010:Destination = nameof(Demo.Where)|})] public const string Out = "out";
            }
            """);
        var join = Src.Message(diagnostics.First(d => Src.Message(d).Contains("[Join]", StringComparison.Ordinal)));
        Assert.Equal("This S3 location stands for 36 locations, one per allowed value: [Join] 'Where' combines the EnumValues of 'Team' (6) × 'Shard' (6); "
            + "Sagewright grants at most 32 per location. Give the parameters fewer EnumValues, or build the location from fewer enum-valued parameters", join);
        Assert.Contains(diagnostics, d => Src.Message(d).Contains("33 locations, one per allowed value: parameter 'Day' has 33 EnumValues", StringComparison.Ordinal));
        Assert.All(diagnostics, d => Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, d.Severity));
        Assert.DoesNotContain(diagnostics, d => d.Id == "SGW011");
    }

    [Fact]
    public void An_allowed_value_that_is_no_S3_URI_is_SGW005_where_the_parameter_is_the_location()
    {
        var diagnostics = Markup.Verify(Pipeline("""
                [Parameter(EnumValues = new[] { "s3://data-bucket/eu/", "data-bucket/us/" })] public const string Source = "s3://data-bucket/eu/";

            """) + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW005:nameof(Demo.Source)|}, "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        Assert.Equal("'data-bucket/us/' is not a valid S3 URI: it is one of the EnumValues of parameter 'Source', used as an input source, and it must start with 's3://'",
            Src.Message(Assert.Single(diagnostics)));
    }

    [Fact]
    public void Oracle_probes_model_an_execution_per_allowed_value_and_the_sample_policy_allows_each()
    {
        // ChurnTuning scores into [Join("/", "s3://churn-ml-artifacts/scores", nameof(Cadence), execution id)],
        // Cadence = "monthly" with EnumValues weekly and monthly.
        var sample = Assert.Single(OracleSample.Load("ChurnTuning"));
        var writes = sample.Probes.Needed
            .Where(p => p.Action == "s3:PutObject" && p.Resource.Contains(":::churn-ml-artifacts/scores/", StringComparison.Ordinal))
            .Select(p => p.Resource)
            .ToList();
        Assert.Contains(writes, r => r.Contains("/scores/monthly/", StringComparison.Ordinal));
        Assert.Contains(writes, r => r.Contains("/scores/weekly/", StringComparison.Ordinal));
        Assert.Contains(sample.Probes.Notes, n => n.Contains("Cadence (weekly, monthly)", StringComparison.Ordinal));

        var iam = IamFiles.Of(new SortedDictionary<string, string>(sample.Files.ToDictionary(f => f.Key, f => f.Value), StringComparer.Ordinal), sample.Pipeline);
        foreach (var probe in sample.Probes.Needed.Where(p => p.Resource.Contains(":::churn-ml-artifacts/scores/", StringComparison.Ordinal)))
        {
            Assert.True(iam.Allows(probe.RoleName, probe.Action, probe.Resource, probe.Context.Select(c => (c.Key, c.Value)).ToArray()), probe.ToString());
        }
    }
}
