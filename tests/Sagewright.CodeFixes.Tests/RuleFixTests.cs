using Microsoft.CodeAnalysis.CodeFixes;
using Sagewright.CodeFixes.Tests.Infrastructure;
using Sagewright.Tests.Analyzers;

namespace Sagewright.CodeFixes.Tests;

/// <summary>Each rule's fix with the real generator and analyzer: the diagnostic is where the markup says, the
/// fix writes the expected source, and the result compiles and leaves no new Sagewright diagnostic (the fixed one
/// included). The properties themselves are tested with the rules (BestPracticeDiagnosticTests).</summary>
public class RuleFixTests
{
    private const string ExecutionId = "{nameof(Execution.PipelineExecutionId)}";

    private static string Train(string spot, string more = "", string name = "Train") => $$"""
        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.g4dn.xlarge")]
        [Channel("train", nameof(Demo.InputData))]{{more}}
        [{{spot}}]
        public sealed class {{name}};

        """;

    // ---- SGW100: checkpoint location -------------------------------------------------------------

    [Fact]
    public void SGW100_sets_a_per_execution_checkpoint_location_under_the_default_bucket()
    {
        var action = CodeFixVerifier.Verify(
            Src.Demo + Train("{|SGW100:Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)|}"),
            Src.Demo + Train($$"""Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = $"s3://sagemaker-us-east-1-123456789012/Demo/{{ExecutionId}}/Train/checkpoints")"""),
            "SGW100");
        Assert.Equal("Add a checkpoint location", action.Title);
    }

    [Fact]
    public void SGW100_puts_the_checkpoints_next_to_a_literal_model_output()
    {
        const string Output = "\n[ModelOutput(\"s3://my-bucket/models/\")]";
        CodeFixVerifier.Verify(
            Src.Demo + Train("{|SGW100:Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)|}", Output),
            Src.Demo + Train($$"""Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = $"s3://my-bucket/models/checkpoints/{{ExecutionId}}")""", Output),
            "SGW100");
    }

    // ---- SGW101: MaxWaitSeconds ------------------------------------------------------------------

    [Theory]
    [InlineData("{|SGW101:Spot(MaxRunSeconds = 3600)|}", "Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)")]
    [InlineData("Spot(MaxRunSeconds = 3600, {|SGW101:MaxWaitSeconds = 60|})", "Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)")]
    [InlineData("{|SGW101:Spot|}", "Spot(MaxWaitSeconds = 172800)")]
    public void SGW101_sets_MaxWaitSeconds_to_twice_the_run_time(string before, string after)
    {
        var action = CodeFixVerifier.Verify(Src.Demo + Train(before), Src.Demo + Train(after), "SGW101");
        Assert.StartsWith("Set MaxWaitSeconds to ", action.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void SGW101_fix_all_in_the_solution_sets_each_steps_own_value()
    {
        CodeFixVerifier.VerifyFixAll(
            [
                Src.Demo + Train("{|SGW101:Spot(MaxRunSeconds = 3600)|}") + Train("Spot(MaxRunSeconds = 600, {|SGW101:MaxWaitSeconds = 60|})", name: "Train2"),
                "using Sagewright;\n\n" + Train("{|SGW101:Spot|}", name: "Train3"),
            ],
            [
                Src.Demo + Train("Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)") + Train("Spot(MaxRunSeconds = 600, MaxWaitSeconds = 1200)", name: "Train2"),
                "using Sagewright;\n\n" + Train("Spot(MaxWaitSeconds = 172800)", name: "Train3"),
            ],
            "SGW101");
    }

    // ---- SGW104: approval status -----------------------------------------------------------------

    [Fact]
    public void SGW104_registers_for_manual_approval()
    {
        var action = CodeFixVerifier.Verify(
            Src.Demo + Src.Evaluated + """
                [RegisterModelStep(typeof(Demo), "fraud-models", {|SGW104:ApprovalStatus = ModelApprovalStatus.Approved|})]
                [Image(Images.Training), ModelData(typeof(Train)), ModelMetrics(nameof(Evaluate.Report))]
                public sealed class Register;
                """,
            Src.Demo + Src.Evaluated + """
                [RegisterModelStep(typeof(Demo), "fraud-models", ApprovalStatus = ModelApprovalStatus.PendingManualApproval)]
                [Image(Images.Training), ModelData(typeof(Train)), ModelMetrics(nameof(Evaluate.Report))]
                public sealed class Register;
                """,
            "SGW104");
        Assert.Equal("Register for manual approval", action.Title);
    }

    // ---- SGW108: unversioned output --------------------------------------------------------------

    [Fact]
    public void SGW108_versions_a_processing_output_per_execution()
    {
        var action = CodeFixVerifier.Verify(
            Src.Demo + """
                [ProcessingStep(typeof(Demo))]
                [Image(Images.Processing), Instance("ml.m5.large")]
                public sealed class Prep
                {
                    [Output("/opt/ml/processing/train", {|SGW108:Destination = "s3://my-bucket/processed/train/"|})] public const string Train = "train";
                }
                """,
            Src.Demo + $$"""
                [ProcessingStep(typeof(Demo))]
                [Image(Images.Processing), Instance("ml.m5.large")]
                public sealed class Prep
                {
                    [Output("/opt/ml/processing/train", Destination = $"s3://my-bucket/processed/train/{{ExecutionId}}")] public const string Train = "train";
                }
                """,
            "SGW108");
        Assert.Equal("Version the path per execution", action.Title);
    }

    [Fact]
    public void SGW108_versions_a_fixed_checkpoint_location()
    {
        CodeFixVerifier.Verify(
            Src.Demo + Train("Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, {|SGW108:CheckpointS3Uri = \"s3://my-bucket/checkpoints\"|})"),
            Src.Demo + Train($$"""Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = $"s3://my-bucket/checkpoints/{{ExecutionId}}")"""),
            "SGW108");
    }

    // ---- SGW109: required tags -------------------------------------------------------------------

    [Fact]
    public void SGW109_fix_all_tags_two_pipelines_in_two_documents()
    {
        CodeFixVerifier.VerifyFixAll(
            [
                Src.Demo + """
                    [{|SGW109:Pipeline("Scoring")|}]
                    [Tag("team", "ml")]
                    public static partial class Scoring
                    {
                        [Parameter] public const string InputData = "s3://my-bucket/raw/";
                    }

                    """ + Train("Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)").Replace("Demo", "Scoring", StringComparison.Ordinal),
                """
                using Sagewright;

                namespace Features
                {
                    /// <summary>Nightly features.</summary>
                    [{|SGW109:Pipeline("Features")|}]
                    public static partial class Refresh
                    {
                        [Parameter] public const string InputData = "s3://my-bucket/raw/";
                    }

                    [ProcessingStep(typeof(Refresh))]
                    [Image(Images.Processing), Instance("ml.m5.large")]
                    public sealed class Prep;
                }
                """,
            ],
            [
                Src.Demo + """
                    [Pipeline("Scoring")]
                    [Tag("team", "ml")]
                    [Tag("env", "TODO")]
                    [Tag("pipeline", "Scoring")]
                    public static partial class Scoring
                    {
                        [Parameter] public const string InputData = "s3://my-bucket/raw/";
                    }

                    """ + Train("Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)").Replace("Demo", "Scoring", StringComparison.Ordinal),
                """
                using Sagewright;

                namespace Features
                {
                    /// <summary>Nightly features.</summary>
                    [Pipeline("Features")]
                    [Tag("env", "TODO")]
                    [Tag("team", "TODO")]
                    [Tag("pipeline", "Features")]
                    public static partial class Refresh
                    {
                        [Parameter] public const string InputData = "s3://my-bucket/raw/";
                    }

                    [ProcessingStep(typeof(Refresh))]
                    [Image(Images.Processing), Instance("ml.m5.large")]
                    public sealed class Prep;
                }
                """,
            ],
            "SGW109");
    }

    // ---- SGW102, SGW106: endpoints ---------------------------------------------------------------

    private const string Register = """
        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.m5.xlarge")]
        public sealed class Fit;

        [RegisterModelStep(typeof(Demo), "demo-models")]
        [Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310")]
        [ModelData(typeof(Fit))]
        public sealed class Register;

        """;

    [Fact]
    public void SGW102_adds_data_capture_of_everything_under_a_prefix_of_the_endpoint()
    {
        var action = CodeFixVerifier.Verify(
            Src.Demo + Register + """
                [{|SGW102:Endpoint(typeof(Register), Name = "serving")|}]
                [ProductionVariant("ml.m5.large", InitialInstanceCount = 2)]
                [AutoScaling(2, 4, 70)]
                public sealed class Serving;
                """,
            Src.Demo + Register + """
                [Endpoint(typeof(Register), Name = "serving")]
                [ProductionVariant("ml.m5.large", InitialInstanceCount = 2)]
                [AutoScaling(2, 4, 70)]
                [DataCapture("s3://sagemaker-us-east-1-123456789012/data-capture/serving/", SamplingPercentage = 100)]
                public sealed class Serving;
                """,
            "SGW102",
            followUps: ["SGW207"]); // the capture the fix adds has no KMS key: SGW207 (info) asks for one
        Assert.Equal("Capture all requests and responses", action.Title);
    }

    [Fact]
    public void SGW106_adds_auto_scaling_from_the_initial_count_naming_the_variant_when_there_are_several()
    {
        var action = CodeFixVerifier.Verify(
            Src.Demo + Register + """
                [Endpoint(typeof(Register), Name = "serving")]
                [ProductionVariant("ml.m5.large", InitialInstanceCount = 2, Name = "Blue")]
                [{|SGW106:ProductionVariant("ml.m5.large", InitialInstanceCount = 3, Name = "Green", Weight = 0.1)|}]
                [DataCapture("s3://my-bucket/capture/")]
                [AutoScaling(2, 4, 70, Variant = "Blue")]
                public sealed class Serving;
                """,
            Src.Demo + Register + """
                [Endpoint(typeof(Register), Name = "serving")]
                [ProductionVariant("ml.m5.large", InitialInstanceCount = 2, Name = "Blue")]
                [ProductionVariant("ml.m5.large", InitialInstanceCount = 3, Name = "Green", Weight = 0.1)]
                [DataCapture("s3://my-bucket/capture/")]
                [AutoScaling(2, 4, 70, Variant = "Blue")]
                [AutoScaling(3, 6, 70, Variant = "Green")]
                public sealed class Serving;
                """,
            "SGW106");
        Assert.Equal("Scale on invocations per instance", action.Title);
    }

    // ---- SGW112: retry on capacity errors --------------------------------------------------------

    [Fact]
    public void SGW112_adds_a_capacity_error_retry_after_the_step_attributes()
    {
        var action = CodeFixVerifier.Verify(
            Src.Demo + Train("{|SGW112:Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)|}"),
            Src.Demo + Train("Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)").Replace(
                "public sealed class", "[Retry(RetryOn.CapacityError, MaxAttempts = 3, IntervalSeconds = 60)]\npublic sealed class", StringComparison.Ordinal),
            "SGW112");
        Assert.Equal("Retry on capacity errors", action.Title);
    }

    [Fact]
    public void SGW112_fix_all_in_a_document_adds_the_retry_to_each_spot_step()
    {
        static string Retried(string name) => Train("Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)", name: name).Replace(
            "public sealed class", "[Retry(RetryOn.CapacityError, MaxAttempts = 3, IntervalSeconds = 60)]\npublic sealed class", StringComparison.Ordinal);
        CodeFixVerifier.VerifyFixAll(
            [Src.Demo
                + Train("{|SGW112:Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)|}")
                + Train("{|SGW112:Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)|}", name: "Train2")],
            [Src.Demo + Retried("Train") + Retried("Train2")],
            "SGW112", FixAllScope.Document);
    }
}
