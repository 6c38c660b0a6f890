using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>The best-practice rules SGW100, SGW101 (its fix), SGW104, SGW105 and SGW107–SGW112: where each is
/// reported (exact span), its severity, the code-fix properties, the cases that must stay silent (parameters
/// included), and that each fix's C# really fixes the source.</summary>
public class BestPracticeDiagnosticTests
{
    private const string ExecutionId = "{nameof(Execution.PipelineExecutionId)}";

    private static Diagnostic Only(IReadOnlyList<Diagnostic> diagnostics, string id) => Assert.Single(diagnostics, d => d.Id == id);

    private static string Property(Diagnostic diagnostic, string key)
    {
        Assert.True(diagnostic.Properties.TryGetValue(key, out var value), diagnostic.Id + " has no property '" + key + "'. It has: " + string.Join(", ", diagnostic.Properties.Keys));
        return value!;
    }

    /// <summary>Every diagnostic with one of these IDs (after generator and analyzer); used to check a fixed source.</summary>
    private static ImmutableArray<Diagnostic> Find(string source, ProjectOptions? options, params string[] ids) =>
        TestProject.Analyze(source, options).Where(d => ids.Contains(d.Id)).ToImmutableArray();

    private const string Train = """
        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.g4dn.xlarge")]
        [Channel("train", nameof(Demo.InputData))]

        """;

    // ---- SGW100 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW100_spot_training_without_a_checkpoint_is_a_warning_at_the_spot_attribute()
    {
        var diagnostics = Markup.Verify(Src.Demo + Train + """
            [{|SGW100:Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)|}]
            [ModelOutput("s3://my-bucket/models/")]
            [Retry(RetryOn.CapacityError, MaxAttempts = 3)]
            public sealed class Train;
            """);
        var diagnostic = Only(diagnostics, "SGW100");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.StartsWith("Spot training step 'Train' has no checkpoint location", Src.Message(diagnostic), StringComparison.Ordinal);
        Assert.Equal("Add a checkpoint location", Property(diagnostic, "fix.title"));
        Assert.Equal("$\"s3://my-bucket/models/checkpoints/" + ExecutionId + "\"", Property(diagnostic, "fix.set.CheckpointS3Uri"));
    }

    [Fact]
    public void SGW100_fix_without_a_model_output_uses_the_default_location_and_fixes_the_step()
    {
        const string step = "[Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)]";
        var source = Src.Demo + Train + step + "\n[Retry(RetryOn.CapacityError, MaxAttempts = 3)]\npublic sealed class Train;\n";
        var diagnostic = Only(Find(source, null, "SGW100"), "SGW100");
        var value = Property(diagnostic, "fix.set.CheckpointS3Uri");
        Assert.Equal("$\"s3://sagemaker-us-east-1-123456789012/Demo/" + ExecutionId + "/Train/checkpoints\"", value);

        // Applying the fix as the code fix does: the argument added to the attribute.
        var fixedSource = source.Replace(step, "[Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = " + value + ")]", StringComparison.Ordinal);
        Assert.Empty(Find(fixedSource, null, "SGW100", "SGW108", "SGW005", "SGW009"));
        Assert.Contains("\"Get\": \"Execution.PipelineExecutionId\"", TestProject.Generate(fixedSource).Definition(), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW100_spot_tuning_without_a_checkpoint_is_reported_too()
    {
        Markup.Verify(Src.Demo + """
            [TuningStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Channel("train", nameof(Demo.InputData))]
            [Objective("validation:auc")]
            [IntegerRange("max_depth", 3, 10)]
            [{|SGW100:Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)|}]
            public sealed class Tune;
            """, alsoCheck: ["SGW108"]);
    }

    [Fact]
    public void Spot_with_a_per_execution_or_parameter_checkpoint_is_silent()
    {
        Markup.Verify(Src.Demo + Train + $$"""
            [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = $"s3://my-bucket/checkpoints/{{ExecutionId}}")]
            [Retry(RetryOn.CapacityError, MaxAttempts = 3)]
            public sealed class Train;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = nameof(Demo.OutputPath))]
            [Retry(RetryOn.CapacityError, MaxAttempts = 3)]
            public sealed class Train2;
            """, alsoCheck: ["SGW100", "SGW108", "SGW112"]);
    }

    // ---- SGW101 (fix) ----------------------------------------------------------------------------

    [Theory]
    [InlineData("MaxRunSeconds = 3600", "[{|SGW101:Spot(MaxRunSeconds = 3600)|}]", "7200")]
    [InlineData("MaxRunSeconds = 3600, MaxWaitSeconds = 60", "[Spot(MaxRunSeconds = 3600, {|SGW101:MaxWaitSeconds = 60|})]", "7200")]
    [InlineData("", "[{|SGW101:Spot|}]", "172800")]
    public void SGW101_offers_twice_the_run_time_as_MaxWaitSeconds(string arguments, string marked, string expected)
    {
        var diagnostic = Only(Markup.Verify(Src.Demo + Train + marked + "\npublic sealed class Train;\n"), "SGW101");
        Assert.Equal("Set MaxWaitSeconds to " + expected, Property(diagnostic, "fix.title"));
        Assert.Equal(expected, Property(diagnostic, "fix.set.MaxWaitSeconds"));

        var separator = arguments.Length == 0 ? string.Empty : ", ";
        var fixedArguments = arguments.Contains("MaxWaitSeconds", StringComparison.Ordinal)
            ? arguments.Replace("MaxWaitSeconds = 60", "MaxWaitSeconds = " + expected, StringComparison.Ordinal)
            : arguments + separator + "MaxWaitSeconds = " + expected;
        Assert.Empty(Find(Src.Demo + Train + "[Spot(" + fixedArguments + ")]\npublic sealed class Train;\n", null, "SGW101", "SGW007"));
    }

    // ---- SGW104 ----------------------------------------------------------------------------------

    /// <summary>Model step <c>Model</c> of step <c>Train</c>, and transform step <c>Score</c> of it with the given attribute lines.</summary>
    private static string ModelAndTransform(string transformAttributes) => $$"""
        [CreateModelStep(typeof(Demo))]
        [Image(Images.Training), ModelData(typeof(Train))]
        public sealed class Model;

        [TransformStep(typeof(Demo), Model = typeof(Model))]
        [Instance("ml.m5.large")]
        {{transformAttributes}}
        public sealed class Score;
        """;

    [Fact]
    public void SGW104_model_registered_as_approved_is_a_warning_at_ApprovalStatus_with_a_replacement()
    {
        const string written = "ApprovalStatus = ModelApprovalStatus.Approved";
        var source = Src.Demo + Src.Evaluated + """
            [RegisterModelStep(typeof(Demo), "fraud-models", {|SGW104:ApprovalStatus = ModelApprovalStatus.Approved|})]
            [Image(Images.Training), ModelData(typeof(Train)), ModelMetrics(nameof(Evaluate.Report))]
            public sealed class Register;
            """;
        var diagnostic = Only(Markup.Verify(source), "SGW104");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("Register-model step 'Register' registers the model as Approved, so deployments that watch group 'fraud-models' pick it up with no review; register it as PendingManualApproval and approve it after checking its metrics",
            Src.Message(diagnostic));
        Assert.Equal("Register for manual approval", Property(diagnostic, "fix.title"));
        var replacement = Property(diagnostic, "fix.replace");
        Assert.Equal("ModelApprovalStatus.PendingManualApproval", replacement);

        // The replacement is the argument's value; the diagnostic span is the whole named argument, so the fixer
        // replaces the expression after '='.
        var plain = Markup.Parse(source).Source;
        var fixedSource = plain.Replace(written, "ApprovalStatus = " + replacement, StringComparison.Ordinal);
        Assert.Empty(Find(fixedSource, null, "SGW104"));
        Assert.Contains("\"ModelApprovalStatus\": \"PendingManualApproval\"", TestProject.Generate(fixedSource).Definition(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(", ApprovalStatus = ModelApprovalStatus.PendingManualApproval")]
    [InlineData(", ApprovalStatus = ModelApprovalStatus.Rejected")]
    [InlineData("")]
    public void Pending_rejected_or_default_approval_is_silent(string approval)
    {
        Markup.Verify(Src.Demo + Src.Evaluated + $$"""
            [RegisterModelStep(typeof(Demo), "fraud-models"{{approval}})]
            [Image(Images.Training), ModelData(typeof(Train)), ModelMetrics(nameof(Evaluate.Report))]
            public sealed class Register;
            """, alsoCheck: ["SGW104", "SGW110"]);
    }

    // ---- SGW110 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW110_model_registered_without_metrics_is_a_warning_at_the_step_attribute()
    {
        var diagnostic = Only(Markup.Verify(Src.Demo + Src.Evaluated + """
            [{|SGW110:RegisterModelStep(typeof(Demo), "fraud-models")|}]
            [Image(Images.Training), ModelData(typeof(Train))]
            public sealed class Register;
            """), "SGW110");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.StartsWith("Register-model step 'Register' registers the model without evaluation metrics", Src.Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW110_metrics_from_a_parameter_or_an_s3_uri_count_as_metrics()
    {
        Markup.Verify(Src.Demo + Src.Evaluated + """
            [RegisterModelStep(typeof(Demo), "fraud-models")]
            [Image(Images.Training), ModelData(typeof(Train)), ModelMetrics(nameof(Demo.OutputPath))]
            public sealed class Register;

            [RegisterModelStep(typeof(Demo), "fraud-models")]
            [Image(Images.Training), ModelData(typeof(Train)), ModelMetrics("s3://my-bucket/reports/evaluation.json")]
            public sealed class Register2;
            """, alsoCheck: ["SGW110"]);
    }

    // ---- SGW105 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW105_cached_step_reading_an_unversioned_literal_uri_is_a_warning_at_the_source()
    {
        var diagnostic = Only(Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW105:"s3://my-bucket/raw/customers/"|}, "/opt/ml/processing/input")]
            [Input("s3://my-bucket/raw/2024-01-31/", "/opt/ml/processing/dated")]
            [Cache("P7D")]
            public sealed class Prep;
            """), "SGW105");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("Step 'Prep' is cached ([Cache(\"P7D\")]) but reads 's3://my-bucket/raw/customers/', a location with no version, hash or date in its path: "
            + "caching compares the location, not the data, so after new data arrives there a later execution reuses the result computed from the old data; read a versioned location or remove [Cache]",
            Src.Message(diagnostic));
    }

    [Fact]
    public void SGW105_cached_training_and_transform_steps_are_checked_at_their_inputs()
    {
        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Channel("train", {|SGW105:"s3://my-bucket/train/"|})]
            [Channel("validation", "s3://my-bucket/validation/v3/")]
            [Cache("P1D")]
            public sealed class Train;

            """ + ModelAndTransform("""
            [TransformInput({|SGW105:"s3://my-bucket/to-score/"|})]
            [Cache("P1D")]
            """));
    }

    [Fact]
    public void SGW105_cached_step_reading_an_upstream_output_written_to_a_fixed_location()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/fixed", Destination = "s3://my-bucket/prepared/v1/")] public const string Fixed = "fixed";
                [Output("/opt/ml/processing/default")] public const string Default = "default";
            }

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Channel("fixed", {|SGW105:nameof(Prep.Fixed)|})]
            [Channel("default", nameof(Prep.Default))]
            [Cache("P1D")]
            public sealed class Train;
            """);
        Assert.StartsWith("Step 'Train' is cached ([Cache(\"P1D\")]) but reads output 'fixed' of step 'Prep', which every run of that step rewrites at 's3://my-bucket/prepared/v1/'",
            Src.Message(Only(diagnostics, "SGW105")), StringComparison.Ordinal);
    }

    [Fact]
    public void Cached_steps_with_versioned_parameter_or_per_execution_inputs_are_silent()
    {
        Markup.Verify(Src.Demo + $$"""
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Channel("train", nameof(Demo.InputData))]
            public sealed class Train;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input(nameof(Demo.InputData), "/opt/ml/processing/parameter")]
            [Input(typeof(Train), "/opt/ml/processing/model")]
            [Input("s3://my-bucket/data/v2/", "/opt/ml/processing/version")]
            [Input("s3://my-bucket/data/year=2024/month=01/", "/opt/ml/processing/partition")]
            [Input("s3://my-bucket/data/3f2a9c1d/", "/opt/ml/processing/hash")]
            [Input("s3://my-bucket/data/train-v4.csv", "/opt/ml/processing/file")]
            [Input($"s3://my-bucket/data/{{ExecutionId}}/", "/opt/ml/processing/execution")]
            [Cache("P7D")]
            public sealed class Prep;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input("s3://my-bucket/raw/", "/opt/ml/processing/input")]
            public sealed class NotCached;
            """, alsoCheck: ["SGW105"]);
    }

    // ---- SGW107 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW107_image_without_a_tag_or_with_latest_is_a_warning_at_the_uri()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image({|SGW107:"123456789012.dkr.ecr.us-east-1.amazonaws.com/prep"|}), Instance("ml.m5.large")]
            public sealed class NoTag;

            [ProcessingStep(typeof(Demo))]
            [Image({|SGW107:"123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:latest"|}), Instance("ml.m5.large")]
            public sealed class Latest;

            [ProcessingStep(typeof(Demo))]
            [Image({|SGW107:"registry.example.com:5000/team/prep"|}), Instance("ml.m5.large")]
            public sealed class PortIsNotATag;
            """);
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Contains(diagnostics, d => Src.Message(d).StartsWith("Image '123456789012.dkr.ecr.us-east-1.amazonaws.com/prep' has no tag, so it means 'latest'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => Src.Message(d).StartsWith("Image '123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:latest' uses the tag 'latest'", StringComparison.Ordinal));
    }

    [Fact]
    public void Tagged_digest_framework_and_parameter_images_are_silent()
    {
        Markup.Verify(Src.Demo + Src.Evaluated.Replace("[Image(Images.Processing)", "[Framework(\"sklearn\", \"1.2-1\")", StringComparison.Ordinal).Replace("[Input(typeof(Train)", "[Code(\"scripts/evaluate.py\")]\n[Input(typeof(Train)", StringComparison.Ordinal) + """
            [ProcessingStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"), Instance("ml.m5.large")]
            public sealed class Digest;

            [RegisterModelStep(typeof(Demo), "fraud-models")]
            [Image(nameof(Demo.Mode)), ModelData(typeof(Train)), ModelMetrics(nameof(Evaluate.Report))]
            public sealed class Register;
            """, alsoCheck: ["SGW107"]);
    }

    // ---- SGW108 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW108_processing_output_at_a_fixed_path_is_a_warning_with_a_per_execution_replacement()
    {
        const string written = "Destination = \"s3://my-bucket/processed/train/\"";
        var source = Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/train", {|SGW108:Destination = "s3://my-bucket/processed/train/"|})] public const string Train = "train";
            }
            """;
        var diagnostic = Only(Markup.Verify(source), "SGW108");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("Step 'Prep' writes output 'train' to 's3://my-bucket/processed/train/' in every execution, so each run overwrites the last one's: "
            + "add the execution ID to the path, for example $\"s3://my-bucket/processed/train/" + ExecutionId + "\"", Src.Message(diagnostic));
        Assert.Equal("Version the path per execution", Property(diagnostic, "fix.title"));
        var replacement = Property(diagnostic, "fix.replace");
        Assert.Equal("$\"s3://my-bucket/processed/train/" + ExecutionId + "\"", replacement);

        var fixedSource = Markup.Parse(source).Source.Replace(written, "Destination = " + replacement, StringComparison.Ordinal);
        Assert.Empty(Find(fixedSource, null, "SGW108", "SGW005", "SGW009"));
        Assert.Contains("""{"Std:Join":{"On":"","Values":["s3://my-bucket/processed/train/",{"Get":"Execution.PipelineExecutionId"}]}}""",
            System.Text.Json.Nodes.JsonNode.Parse(TestProject.Generate(fixedSource).Definition())!["Steps"]![0]!["Arguments"]!["ProcessingOutputConfig"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW108_transform_output_and_training_checkpoint_at_fixed_paths()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, {|SGW108:CheckpointS3Uri = "s3://my-bucket/checkpoints/"|})]
            [ModelOutput("s3://my-bucket/models/")]
            public sealed class Train;

            """ + ModelAndTransform("""
            [TransformInput(nameof(Demo.InputData))]
            [TransformOutput({|SGW108:Destination = "s3://my-bucket/scores"|})]
            """));
        Assert.Contains(diagnostics, d => Src.Message(d).Contains("and a new run resumes from the previous run's checkpoints", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => Property(d, "fix.replace") == "$\"s3://my-bucket/scores/" + ExecutionId + "\"");
    }

    [Fact]
    public void SGW108_join_or_interpolation_without_an_execution_value_is_reported_without_a_replacement()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Join("/", "s3://my-bucket", "prepared")] public static readonly string Fixed = "";

                [Output("/opt/ml/processing/a", {|SGW108:Destination = nameof(Fixed)|})] public const string A = "a";
                [Output("/opt/ml/processing/b", {|SGW108:Destination = $"s3://my-bucket/{nameof(Execution.PipelineName)}/b"|})] public const string B = "b";
            }
            """);
        Assert.Contains(diagnostics, d => Src.Message(d).Contains("to 's3://my-bucket/prepared'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => Src.Message(d).Contains("to 's3://my-bucket/Demo/b'", StringComparison.Ordinal));
        Assert.All(diagnostics, d => Assert.False(d.Properties.ContainsKey("fix.replace")));
    }

    [Fact]
    public void Default_parameter_per_execution_outputs_model_outputs_and_tuning_checkpoints_are_silent()
    {
        Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Join("/", "s3://my-bucket/prepared", nameof(Execution.PipelineExecutionId))] public static readonly string PerRun = "";

                [Output("/opt/ml/processing/a")] public const string A = "a";
                [Output("/opt/ml/processing/b", Destination = nameof(Demo.OutputPath))] public const string B = "b";
                [Output("/opt/ml/processing/c", Destination = nameof(PerRun))] public const string C = "c";
                [Output("/opt/ml/processing/d", Destination = $"s3://my-bucket/d/{{ExecutionId}}")] public const string D = "d";
                [Output("/opt/ml/processing/e", Destination = $"s3://my-bucket/{nameof(Demo.Mode)}/e")] public const string E = "e";
            }

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [ModelOutput("s3://my-bucket/models/")]
            public sealed class Train;

            [TuningStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Channel("train", nameof(Demo.InputData))]
            [Objective("validation:auc")]
            [IntegerRange("max_depth", 3, 10)]
            [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = "s3://my-bucket/tuning-checkpoints/")]
            public sealed class Tune;
            """, alsoCheck: ["SGW108"]);
    }

    [Fact]
    public void Malformed_uris_are_only_SGW005_not_advice_about_where_they_point()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW005:"my-bucket/raw/"|}, "/opt/ml/processing/input")]
            [Cache("P1D")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/out", {|SGW005:Destination = "s3://my-bucket//out/"|})] public const string Out = "out";
            }
            """, alsoCheck: ["SGW105", "SGW108"]);
    }

    // ---- SGW109 ----------------------------------------------------------------------------------

    private const string Untagged = """
        using Sagewright;

        [{|SGW109:Pipeline("Demo")|}]
        [Tag("team", "ml")]
        public static partial class Demo;
        """;

    [Fact]
    public void SGW109_missing_default_tags_is_info_at_the_pipeline_attribute_with_tags_to_add()
    {
        var diagnostic = Only(Markup.Verify(Untagged), "SGW109");
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal("Pipeline 'Demo' is missing the required cost-allocation tags 'env', 'pipeline': add [Tag(\"<key>\", \"<value>\")] for each (required keys: sagewright.required_tags in .editorconfig)",
            Src.Message(diagnostic));
        Assert.Equal("Add the required tags", Property(diagnostic, "fix.title"));
        var attributes = Property(diagnostic, "fix.addAttributes");
        Assert.Equal("[Tag(\"env\", \"TODO\")]\n[Tag(\"pipeline\", \"Demo\")]", attributes);

        var fixedSource = Markup.Parse(Untagged).Source.Replace("[Tag(\"team\", \"ml\")]", "[Tag(\"team\", \"ml\")]\n" + attributes, StringComparison.Ordinal);
        Assert.Empty(Find(fixedSource, null, "SGW109", "SGW001"));
    }

    [Fact]
    public void SGW109_required_tags_come_from_editorconfig_per_file_before_global_config()
    {
        var options = ProjectOptions.Default with
        {
            EditorConfig = ImmutableDictionary<string, string>.Empty.Add("sagewright.required_tags", " cost-center , team,, cost-center "),
            GlobalConfig = ImmutableDictionary<string, string>.Empty.Add("sagewright.required_tags", "owner"),
        };
        var diagnostic = Only(Markup.Verify(Untagged, options), "SGW109");
        Assert.StartsWith("Pipeline 'Demo' is missing the required cost-allocation tag 'cost-center':", Src.Message(diagnostic), StringComparison.Ordinal);
        Assert.Equal("Add the tag 'cost-center'", Property(diagnostic, "fix.title"));
        Assert.Equal("[Tag(\"cost-center\", \"TODO\")]", Property(diagnostic, "fix.addAttributes"));

        var global = ProjectOptions.Default with { GlobalConfig = ImmutableDictionary<string, string>.Empty.Add("sagewright.required_tags", "owner") };
        Assert.Contains("tag 'owner'", Src.Message(Only(Markup.Verify(Untagged, global), "SGW109")), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW109_is_silent_when_the_configured_tags_are_present_or_none_are_required()
    {
        var source = Untagged.Replace("{|SGW109:", string.Empty, StringComparison.Ordinal).Replace("|}", string.Empty, StringComparison.Ordinal);
        Markup.Verify(source, ProjectOptions.Default with { EditorConfig = ImmutableDictionary<string, string>.Empty.Add("sagewright.required_tags", "team") }, "SGW109");
        Markup.Verify(source, ProjectOptions.Default with { EditorConfig = ImmutableDictionary<string, string>.Empty.Add("sagewright.required_tags", "") }, "SGW109");
    }

    [Fact]
    public void SGW109_tag_keys_are_case_sensitive()
    {
        Markup.Verify("""
            using Sagewright;

            [{|SGW109:Pipeline("Demo")|}, Tag("Env", "dev"), Tag("team", "ml"), Tag("pipeline", "demo")]
            public static partial class Demo;
            """);
    }

    // ---- SGW111 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW111_single_training_step_reading_raw_data_is_info_at_its_step_attribute()
    {
        var diagnostic = Only(Markup.Verify(Src.Demo + """
            [{|SGW111:TrainingStep(typeof(Demo))|}]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Channel("train", nameof(Demo.InputData))]
            [Channel("validation", "s3://my-bucket/validation/")]
            public sealed class Train;

            [RegisterModelStep(typeof(Demo), "fraud-models")]
            [Image(Images.Training), ModelData(typeof(Train)), ModelMetrics("s3://my-bucket/reports/evaluation.json")]
            public sealed class Register;
            """), "SGW111");
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.StartsWith("Pipeline 'Demo' does all its work in training step 'Train', which reads the raw data and produces the model", Src.Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW111_single_tuning_step_is_reported_too()
    {
        Markup.Verify(Src.Demo + """
            [{|SGW111:TuningStep(typeof(Demo))|}]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Channel("train", nameof(Demo.InputData))]
            [Objective("validation:auc")]
            [IntegerRange("max_depth", 3, 10)]
            public sealed class Tune;
            """);
    }

    [Fact]
    public void Pipelines_with_a_preparation_step_or_no_raw_input_are_not_monolithic()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input(nameof(Demo.InputData), "/opt/ml/processing/input")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/train")] public const string Out = "train";
            }

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Channel("train", nameof(Prep.Out))]
            public sealed class Train;
            """, alsoCheck: ["SGW111"]);

        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            public sealed class NoChannels;
            """, alsoCheck: ["SGW111"]);

        Markup.Verify(Src.Demo + """
            [LambdaStep(typeof(Demo), FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:find-data")]
            public sealed class Find
            {
                [OutputParameter, Within("s3://demo-data/features/")] public static readonly string Uri = "";
            }

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Channel("train", nameof(Find.Uri))]
            public sealed class Train;
            """, alsoCheck: ["SGW111"]);

        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input(nameof(Demo.InputData), "/opt/ml/processing/input")]
            public sealed class Everything;
            """, alsoCheck: ["SGW111"]);
    }

    // ---- SGW112 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW112_spot_without_a_capacity_retry_is_info_at_the_spot_attribute_with_a_retry_to_add()
    {
        const string spot = "[Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = $\"s3://my-bucket/checkpoints/" + ExecutionId + "\")]";
        var source = Src.Demo + Train + spot.Replace("[Spot(", "[{|SGW112:Spot(", StringComparison.Ordinal).Replace(")]", ")|}]", StringComparison.Ordinal) + """

            [Retry(RetryOn.ServiceFault, RetryOn.JobInternalError, MaxAttempts = 2)]
            public sealed class Train;
            """;
        var diagnostic = Only(Markup.Verify(source), "SGW112");
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.StartsWith("Spot training step 'Train' has no retry policy for capacity errors", Src.Message(diagnostic), StringComparison.Ordinal);
        Assert.Equal("Retry on capacity errors", Property(diagnostic, "fix.title"));
        var attribute = Property(diagnostic, "fix.addAttributes");
        Assert.Equal("[Retry(RetryOn.CapacityError, MaxAttempts = 3, IntervalSeconds = 60)]", attribute);

        var fixedSource = Markup.Parse(source).Source.Replace("public sealed class Train;", attribute + "\npublic sealed class Train;", StringComparison.Ordinal);
        Assert.Empty(Find(fixedSource, null, "SGW112", "SGW007", "SGW009", "SGW011"));
        Assert.Contains("\"SageMaker.CAPACITY_ERROR\"", TestProject.Generate(fixedSource).Definition(), StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_without_spot_need_no_capacity_retry()
    {
        Markup.Verify(Src.Demo + Train + "public sealed class Train;\n", alsoCheck: ["SGW100", "SGW112"]);
    }
}
