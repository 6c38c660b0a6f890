using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Sagewright.Compiler.Analyzers;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>What is valid and must stay silent, how diagnostics are suppressed, where they point when
/// arguments are written in unusual ways, and odd declaration shapes that must never make the generator
/// or the analyzer throw. The per-ID tests are in the other classes of this folder.</summary>
public class DiagnosticTests
{
    private static JsonNode Steps(GeneratorOutput output, string pipeline = "Demo") => JsonNode.Parse(output.Definition(pipeline))!["Steps"]!;

    private static JsonNode Step(GeneratorOutput output, string name) =>
        Steps(output).AsArray().Single(s => (string)s!["Name"]! == name)!;

    private static GeneratorOutput GenerateClean(string source, ProjectOptions? options = null)
    {
        Markup.Verify(source, options);
        return TestProject.Generate(source, options);
    }

    // ---- valid variations ------------------------------------------------------------------------

    [Fact]
    public void Parameter_of_any_type_is_a_valid_hyperparameter()
    {
        var output = GenerateClean(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [HyperParameter("data", nameof(Demo.InputData))]
            [HyperParameter("epochs", nameof(Demo.Epochs))]
            [HyperParameter("lr", nameof(Demo.LearningRate))]
            [HyperParameter("shuffle", nameof(Demo.Shuffle))]
            public sealed class Train;
            """);
        var hyperParameters = Step(output, "Train")["Arguments"]!["HyperParameters"]!;
        foreach (var (name, parameter) in new[] { ("data", "InputData"), ("epochs", "Epochs"), ("lr", "LearningRate"), ("shuffle", "Shuffle") })
        {
            var join = hyperParameters[name]!["Std:Join"]!;
            Assert.Equal(string.Empty, (string)join["On"]!);
            Assert.Equal("Parameters." + parameter, (string)join["Values"]![0]!["Get"]!);
        }
    }

    [Fact]
    public void Model_artifacts_of_a_training_step_are_a_valid_processing_input()
    {
        var output = GenerateClean(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            public sealed class Train;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input(typeof(Train), "/opt/ml/processing/model", Name = "model")]
            public sealed class Evaluate;
            """);
        Assert.Equal(["Train", "Evaluate"], Steps(output).AsArray().Select(s => (string)s!["Name"]!));
        Assert.Equal("Steps.Train.ModelArtifacts.S3ModelArtifacts",
            (string)Step(output, "Evaluate")["Arguments"]!["ProcessingInputs"]![0]!["S3Input"]!["S3Uri"]!["Get"]!);
    }

    [Fact]
    public void String_parameter_is_valid_wherever_a_value_may_be_a_parameter()
    {
        var output = GenerateClean(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance(nameof(Demo.InstanceType))]
            [Input(nameof(Demo.InputData), "/opt/ml/processing/input")]
            [Environment("MODE", nameof(Demo.Mode))]
            [ContainerArguments("--mode", nameof(Demo.Mode))]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/output", Destination = nameof(Demo.OutputPath))] public const string Out = "out";
            }

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Channel("train", nameof(Demo.InputData))]
            [ModelOutput(nameof(Demo.OutputPath))]
            [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = nameof(Demo.OutputPath))]
            public sealed class Train;
            """);
        var prep = Step(output, "Prep")["Arguments"]!;
        Assert.Equal("Parameters.OutputPath", (string)prep["ProcessingOutputConfig"]!["Outputs"]![0]!["S3Output"]!["S3Uri"]!["Get"]!);
        Assert.Equal("Parameters.InstanceType", (string)prep["ProcessingResources"]!["ClusterConfig"]!["InstanceType"]!["Get"]!);
        Assert.Equal("Parameters.Mode", (string)prep["Environment"]!["MODE"]!["Get"]!);
        var train = Step(output, "Train")["Arguments"]!;
        Assert.Equal("Parameters.OutputPath", (string)train["CheckpointConfig"]!["S3Uri"]!["Get"]!);
        Assert.Equal("Parameters.OutputPath", (string)train["OutputDataConfig"]!["S3OutputPath"]!["Get"]!);
    }

    [Fact]
    public void Renamed_parameter_is_referenced_by_its_definition_name()
    {
        var output = GenerateClean("""
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo
            {
                [Parameter(Name = "input-data")] public const string InputData = "s3://my-bucket/raw/";
            }

            [ProcessingStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0"), Instance("ml.m5.large")]
            [Input(nameof(Demo.InputData), "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        Assert.Equal("Parameters.input-data", (string)Step(output, "Prep")["Arguments"]!["ProcessingInputs"]![0]!["S3Input"]!["S3Uri"]!["Get"]!);
    }

    [Fact]
    public void Constant_expressions_that_are_not_parameters_are_literal_text()
    {
        GenerateClean(Src.Demo + """
            public static class Locations
            {
                public const string Bucket = "s3://my-bucket/";
                public const string Raw = Bucket + "raw/";
                public const string Curated = $"{Bucket}curated/";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input(Locations.Raw, "/opt/ml/processing/raw")]
            [Input(Locations.Curated, "/opt/ml/processing/curated")]
            [Input(Locations.Bucket + "extra/", "/opt/ml/processing/extra")]
            public sealed class Prep;
            """);
    }

    // ---- where a diagnostic points, however the argument is written ------------------------------

    [Fact]
    public void Named_constructor_arguments_in_any_order_are_reported_at_the_right_argument()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(pipeline: typeof(Demo))]
            [Image(uri: Images.Processing), Instance(type: {|SGW006:"ml.m5.lrge"|})]
            [Input(destination: {|SGW007:"/data/input"|}, source: {|SGW005:"s3:/my-bucket/raw/"|})]
            [Input(source: "s3://my-bucket/other/", {|SGW007:"/data/other"|})]
            [Environment(value: "x", name: {|SGW001:"1X"|})]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void Attributes_written_with_full_or_aliased_names_are_read_and_reported_at_the_argument()
    {
        Markup.Verify("""
            using SW = Sagewright;

            [Sagewright.Pipeline("Demo")]
            public static partial class Demo;

            [SW::ProcessingStepAttribute(typeof(Demo))]
            [Sagewright.ImageAttribute("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0"), SW.Instance("ml.m5.large")]
            [global::Sagewright.Input({|SGW005:"s3:/bad/"|}, "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void Attributes_with_the_same_names_from_another_namespace_are_ignored()
    {
        // Inside namespace Lookalike, [Image] binds to Lookalike.ImageAttribute: the step has no image of ours.
        Markup.Verify(Src.Demo + """
            namespace Lookalike
            {
                [System.AttributeUsage(System.AttributeTargets.Class)]
                public sealed class ImageAttribute(string uri) : System.Attribute
                {
                    public string Uri { get; } = uri;
                }

                [{|SGW011:ProcessingStep(typeof(Demo))|}]
                [Image("not an image"), Instance("ml.m5.large")]
                public sealed class Prep;
            }
            """);
    }

    // ---- suppression -----------------------------------------------------------------------------

    private const string PragmaSource = Src.Demo + """
        [ProcessingStep(typeof(Demo))]
        [Image(Images.Processing), Instance("ml.m5.large")]
        #pragma warning disable SGW005 // a legacy location that cannot be renamed
        [Input("s3://Legacy_Bucket/raw/", "/opt/ml/processing/legacy")]
        #pragma warning restore SGW005
        [Input({|SGW005:"s3://Other_Bucket/raw/"|}, "/opt/ml/processing/other")]
        public sealed class Prep;
        """;

    [Fact]
    public void Pragma_suppressed_diagnostic_is_absent_from_GetAllDiagnosticsAsync()
    {
        // CompilationWithAnalyzers drops pragma-suppressed diagnostics unless asked to report them, so the
        // harness (which does not ask) sees only the unsuppressed one: the error no longer fails the build.
        var diagnostics = Markup.Verify(PragmaSource);
        Assert.DoesNotContain(diagnostics, d => d.IsSuppressed);
    }

    [Fact]
    public async Task Pragma_suppressed_diagnostic_is_reported_as_suppressed_when_asked_for()
    {
        var (source, _) = Markup.Parse(PragmaSource);
        var compilation = TestProject.Generate(TestProject.Compilation(source)).Compilation;
        var options = ProjectOptions.Default;
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new PipelineAnalyzer()),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(options.AdditionalTexts, options.OptionsProvider),
                onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true));
        var all = await withAnalyzers.GetAllDiagnosticsAsync();
        var sgw005 = all.Where(d => d.Id == "SGW005").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(2, sgw005.Count);
        Assert.True(sgw005[0].IsSuppressed);
        Assert.Equal("\"s3://Legacy_Bucket/raw/\"", source.Substring(sgw005[0].Location.SourceSpan.Start, sgw005[0].Location.SourceSpan.Length));
        Assert.False(sgw005[1].IsSuppressed);
        Assert.Equal(DiagnosticSeverity.Error, sgw005[1].Severity);
    }

    [Fact]
    public void SuppressMessage_on_the_step_class_suppresses_its_diagnostics()
    {
        Markup.Verify(Src.Demo + """
            [System.Diagnostics.CodeAnalysis.SuppressMessage("Sagewright.Correctness", "SGW005:Malformed S3 URI", Justification = "legacy")]
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input("s3://Legacy_Bucket/raw/", "/opt/ml/processing/legacy")]
            public sealed class Prep;
            """);
    }

    // ---- odd shapes: never throw, report at the right place --------------------------------------

    [Fact]
    public void Partial_step_split_across_two_files_reports_in_the_file_that_has_the_argument()
    {
        MultiFileMarkup.Verify(
            Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing)]
            public sealed partial class Prep
            {
                [Output("/opt/ml/processing/a")] public const string A = "a";
            }
            """,
            """
            using Sagewright;

            [Instance({|SGW006:"ml.m5.lrge"|})]
            [Input({|SGW005:"s3:/x/"|}, "/opt/ml/processing/input")]
            public sealed partial class Prep
            {
                [Output({|SGW007:"/tmp/b"|})] public const string B = "b";
            }
            """);
    }

    [Fact]
    public void Partial_pipeline_split_across_two_files_reports_parameters_in_their_file()
    {
        MultiFileMarkup.Verify(
            """
            using Sagewright;

            [Pipeline("Demo")]
            [Tag("team", "ml")]
            public static partial class Demo
            {
                [Parameter] public const string InputData = "s3://my-bucket/raw/";
            }
            """,
            """
            using Sagewright;

            [Tag({|SGW001:"team"|}, "data")]
            public static partial class Demo
            {
                [Parameter({|SGW001:Name = "input data"|})] public const string Other = "s3://my-bucket/other/";
                [{|SGW016:Parameter|}] public static readonly string NotConst = "x";
            }
            """);
    }

    [Fact]
    public void Valid_partial_step_across_two_files_is_one_step()
    {
        var output = TestProject.Generate(TestProject.Compilation(
            Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            public sealed partial class Prep;
            """,
            """
            using Sagewright;

            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed partial class Prep;
            """));
        Assert.Empty(Markup.WarningsAndErrors(TestProject.Analyze(output.Compilation)));
        Assert.Single(Steps(output).AsArray());
    }

    [Fact]
    public void Nested_step_classes_are_bound_and_reported_at_their_arguments()
    {
        var diagnostics = Markup.Verify("""
            using Sagewright;

            namespace Contoso.Ml;

            [Pipeline("Demo")]
            public static partial class Demo
            {
                [Parameter] public const string InputData = "s3://my-bucket/raw/";

                [ProcessingStep(typeof(Demo))]
                [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0"), Instance({|SGW006:"ml.m5.lrge"|})]
                [Input(nameof(InputData), "/opt/ml/processing/input")]
                public sealed class Prep
                {
                    [Output("/opt/ml/processing/output")] public const string Out = "out";
                }
            }

            public static class Steps
            {
                public static class Training
                {
                    [TrainingStep(typeof(Demo))]
                    [Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310"), Instance("ml.g4dn.xlarge")]
                    [Channel("train", nameof(Demo.Prep.Out))]
                    [Spot({|SGW101:MaxWaitSeconds = 60|})]
                    public sealed class Train;
                }
            }
            """);
        Assert.Equal(2, diagnostics.Count);
    }

    [Fact]
    public void Valid_nested_steps_generate_the_definition()
    {
        var output = GenerateClean("""
            using Sagewright;

            namespace Contoso.Ml;

            public static partial class Outer
            {
                [Pipeline("Demo")]
                public static partial class Demo
                {
                    [ProcessingStep(typeof(Demo))]
                    [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0"), Instance("ml.m5.large")]
                    public sealed class Prep
                    {
                        [Output("/opt/ml/processing/output")] public const string Out = "out";
                    }
                }
            }

            public static class Steps
            {
                [TrainingStep(typeof(Outer.Demo))]
                [Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310"), Instance("ml.g4dn.xlarge")]
                [Channel("train", nameof(Outer.Demo.Prep.Out))]
                public sealed class Train;
            }
            """);
        Assert.Equal(["Prep", "Train"], Steps(output).AsArray().Select(s => (string)s!["Name"]!));
        Assert.Contains(output.GeneratedSources, s => s.Contains("partial class Outer", StringComparison.Ordinal) && s.Contains("PipelineName", StringComparison.Ordinal));
    }

    [Fact]
    public void Pipeline_nested_in_a_non_partial_class_still_generates_the_definition()
    {
        var output = GenerateClean("""
            using Sagewright;

            public static class Outer
            {
                [Pipeline("Demo")]
                public static partial class Demo;
            }
            """);
        Assert.Empty(Steps(output).AsArray());
        Assert.DoesNotContain(output.GeneratedSources, s => s.Contains("PipelineDefinition =", StringComparison.Ordinal));
    }

    [Fact]
    public void Record_classes_are_steps_and_pipelines_like_any_class()
    {
        var output = GenerateClean("""
            using Sagewright;

            [Pipeline("Demo")]
            public sealed partial record Demo;

            [ProcessingStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0"), Instance("ml.m5.large")]
            public sealed record Prep
            {
                [Output("/opt/ml/processing/output")] public const string Out = "out";
            }

            [ProcessingStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0"), Instance("ml.m5.large")]
            [Input(nameof(Prep.Out), "/opt/ml/processing/input")]
            public sealed class Use;
            """);
        Assert.Equal(["Prep", "Use"], Steps(output).AsArray().Select(s => (string)s!["Name"]!));
    }

    [Fact]
    public void Pipeline_without_steps_generates_a_definition_with_no_steps()
    {
        // SageMaker's definition schema does not require a step, so an empty pipeline is valid (useful while
        // the steps are being written) and produces "Steps": [].
        var output = GenerateClean("""
            using Sagewright;

            [Pipeline("Empty")]
            public static partial class Empty;
            """);
        Assert.Empty(Steps(output, "Empty").AsArray());
    }

    [Fact]
    public void Class_that_is_both_pipeline_and_step_does_not_throw()
    {
        Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            [ProcessingStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0"), Instance("ml.m5.large")]
            public static partial class Demo
            {
                [Parameter] public const string InputData = "s3://my-bucket/raw/";
            }
            """);
    }

    [Fact]
    public void Empty_strings_are_reported_not_thrown()
    {
        Markup.Verify("""
            using Sagewright;

            [Pipeline({|SGW001:""|})]
            [Tag({|SGW001:""|}, "")]
            public static partial class Demo;

            [ProcessingStep(typeof(Demo), {|SGW001:Name = ""|})]
            [Image({|SGW007:""|}), Instance({|SGW006:""|})]
            [Code({|SGW004:""|})]
            [Input({|SGW005:""|}, {|SGW007:""|})]
            [Environment({|SGW001:""|}, "")]
            [ContainerArguments("")]
            public sealed class Prep
            {
                [{|SGW001:Output({|SGW007:""|}, {|SGW005:Destination = ""|})|}] public const string Out = "";
            }

            [TrainingStep(typeof(Demo), Name = "Train")]
            [Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310"), Instance("ml.g4dn.xlarge")]
            [Channel({|SGW001:""|}, {|SGW005:""|}, ContentType = "")]
            [HyperParameter({|SGW001:""|}, "")]
            [ModelOutput({|SGW005:""|})]
            public sealed class Train;
            """);
    }

    [Fact]
    public void Null_literals_are_reported_not_thrown()
    {
        Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo", Description = null, DisplayName = null, ArtifactBucket = null, RoleArn = null, JobRoleArn = null)]
            [Tag({|SGW001:null|}, null)]
            public static partial class Demo
            {
                [Parameter(Name = null)] public const string InputData = "s3://my-bucket/raw/";
            }

            [ProcessingStep(typeof(Demo), Name = null, DisplayName = null, Description = null)]
            [Image({|SGW011:null|}), Instance({|SGW011:null|})]
            [Code({|SGW004:null|}, Command = null)]
            [Input({|SGW011:(string?)null|}, {|SGW007:null|}, Name = null)]
            [Input({|SGW004:(System.Type?)null|}, "/opt/ml/processing/model")]
            [ContainerArguments({|SGW011:null|})]
            [DependsOn({|SGW004:null|})]
            public sealed class Prep
            {
                [Output({|SGW007:null|}, Destination = null)] public const string Out = "out";
            }

            [TrainingStep(typeof(Demo))]
            [Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310"), Instance("ml.g4dn.xlarge")]
            [Channel({|SGW001:null|}, {|SGW011:null|}, ContentType = null)]
            [ModelOutput({|SGW011:null|})]
            [Spot(MaxRunSeconds = 60, MaxWaitSeconds = 60, CheckpointS3Uri = null)]
            public sealed class Train;

            [ProcessingStep(typeof(Demo))]
            [{|SGW011:Framework({|SGW011:null|}, null)|}, Instance("ml.m5.large")]
            public sealed class FrameworkStep;
            """);
    }

    [Fact]
    public void Empty_container_arguments_are_left_out_of_the_definition()
    {
        // botocore ContainerArguments has min 1: an empty list would make CreatePipeline reject the definition.
        var output = GenerateClean(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [ContainerArguments()]
            public sealed class Prep;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [ContainerArguments]
            public sealed class Prep2;
            """);
        Assert.All(Steps(output).AsArray(), s => Assert.Null(s!["Arguments"]!["AppSpecification"]!["ContainerArguments"]));
    }

    [Fact]
    public void Step_classes_in_several_namespaces_and_the_global_namespace()
    {
        var output = GenerateClean("""
            using Sagewright;

            namespace A.B
            {
                [Pipeline("Demo")]
                public static partial class Demo
                {
                    [Parameter] public const string InputData = "s3://my-bucket/raw/";
                }
            }

            namespace C
            {
                [ProcessingStep(typeof(A.B.Demo))]
                [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0"), Instance("ml.m5.large")]
                [Input(nameof(A.B.Demo.InputData), "/opt/ml/processing/input")]
                public sealed class Prep
                {
                    [Output("/opt/ml/processing/output")] public const string Out = "out";
                }
            }

            [ProcessingStep(typeof(A.B.Demo), Name = "Global")]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0"), Instance("ml.m5.large")]
            [Input(nameof(C.Prep.Out), "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        Assert.Equal(["Prep", "Global"], Steps(output).AsArray().Select(s => (string)s!["Name"]!));
    }

    [Fact]
    public void Same_class_name_in_two_namespaces_is_a_duplicate_step_name()
    {
        Markup.Verify(Src.Demo + """
            namespace X
            {
                [ProcessingStep(typeof(Demo))]
                [Image(Images.Processing), Instance("ml.m5.large")]
                public sealed class Prep;
            }

            namespace Y
            {
                [{|SGW002:ProcessingStep(typeof(Demo))|}]
                [Image(Images.Processing), Instance("ml.m5.large")]
                public sealed class Prep;
            }
            """);
    }

    [Fact]
    public void Invalid_pipeline_produces_no_definition_and_no_generator_error()
    {
        var output = TestProject.Generate(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.lrge")]
            public sealed class Prep;
            """);
        Assert.DoesNotContain(output.Files().Keys, k => k.StartsWith("Demo/", StringComparison.Ordinal));
        Assert.Empty(output.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Repeated_DependsOn_is_written_once()
    {
        var definition = TestProject.Generate(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class First;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [DependsOn(typeof(First)), DependsOn(typeof(First))]
            public sealed class Second;
            """).Definition();
        var second = System.Text.Json.Nodes.JsonNode.Parse(definition)!["Steps"]!.AsArray().Single(s => (string)s!["Name"]! == "Second")!;
        Assert.Equal(["First"], second["DependsOn"]!.AsArray().Select(n => (string)n!));
    }
}
