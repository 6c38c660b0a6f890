using System.Text.Json.Nodes;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>Interpolated strings with <c>nameof</c> holes, the literal form of a run-time path
/// (<c>$"s3://b/out/{nameof(Execution.PipelineExecutionId)}"</c>): what they become in the definition, and the
/// diagnostics for the ways they can be misused.</summary>
public class InterpolationTests
{
    private static JsonNode Outputs(string source) =>
        JsonNode.Parse(TestProject.Generate(source).Definition())!["Steps"]![0]!["Arguments"]!["ProcessingOutputConfig"]!["Outputs"]!;

    [Fact]
    public void Holes_become_references_and_text_between_them_is_kept_with_escapes_and_constant_holes()
    {
        var source = Src.Demo + """
            public static class Paths
            {
                public const string Root = "s3://my-bucket";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/a", Destination = $"{Paths.Root}/a/{nameof(Execution.PipelineExecutionId)}")] public const string A = "a";
                [Output("/opt/ml/processing/b", Destination = $"s3://my-bucket/{nameof(Demo.Mode)}/b-{{x}}/{nameof(Execution.StartDateTime)}")] public const string B = "b";
            }
            """;
        Markup.Verify(source);
        var outputs = Outputs(source);
        JsonAssert.Equal("""{"Std:Join":{"On":"","Values":["s3://my-bucket/a/",{"Get":"Execution.PipelineExecutionId"}]}}""",
            outputs[0]!["S3Output"]!["S3Uri"]!.ToJsonString());
        JsonAssert.Equal("""{"Std:Join":{"On":"","Values":["s3://my-bucket/",{"Get":"Parameters.Mode"},"/b-{x}/",{"Get":"Execution.StartDateTime"}]}}""",
            outputs[1]!["S3Output"]!["S3Uri"]!.ToJsonString());
    }

    [Fact]
    public void A_constant_interpolated_string_without_references_is_plain_text()
    {
        var source = Src.Demo + """
            public static class Paths
            {
                public const string Root = "s3://my-bucket";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input($"{Paths.Root}/raw/", "/opt/ml/processing/input")]
            public sealed class Prep;
            """;
        Markup.Verify(source);
        var input = JsonNode.Parse(TestProject.Generate(source).Definition())!["Steps"]![0]!["Arguments"]!["ProcessingInputs"]![0]!;
        Assert.Equal("s3://my-bucket/raw/", (string)input["S3Input"]!["S3Uri"]!);
    }

    [Fact]
    public void Interpolation_reading_an_upstream_output_makes_the_step_depend_on_it()
    {
        var source = Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/out")] public const string Out = "out";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input($"{nameof(Prep.Out)}/part-0.csv", "/opt/ml/processing/input")]
            public sealed class Next;
            """;
        Markup.Verify(source);
        var steps = JsonNode.Parse(TestProject.Generate(source).Definition())!["Steps"]!.AsArray();
        Assert.Equal(["Prep", "Next"], steps.Select(s => (string)s!["Name"]!));
        JsonAssert.Equal("""{"Std:Join":{"On":"","Values":[{"Get":"Steps.Prep.ProcessingOutputConfig.Outputs['out'].S3Output.S3Uri"},"/part-0.csv"]}}""",
            steps[1]!["Arguments"]!["ProcessingInputs"]![0]!["S3Input"]!["S3Uri"]!.ToJsonString());
    }

    [Fact]
    public void SGW005_text_of_an_interpolated_uri_is_checked_when_it_comes_first()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/a", {|SGW005:Destination = $"s3:/my-bucket/{nameof(Execution.PipelineExecutionId)}"|})] public const string A = "a";
                [Output("/opt/ml/processing/b", {|SGW005:Destination = $"s3://my-bucket//{nameof(Execution.PipelineExecutionId)}"|})] public const string B = "b";
                [Output("/opt/ml/processing/c", Destination = $"{nameof(Demo.OutputPath)}{nameof(Execution.PipelineExecutionId)}")] public const string C = "c";
                [Output("/opt/ml/processing/d", Destination = $"s3://{nameof(Demo.Mode)}-bucket/d")] public const string D = "d";
            }
            """);
        Assert.Contains(diagnostics, d => Src.Message(d) == "'s3:/my-bucket/PipelineExecutionId' is not a valid S3 URI: it must start with 's3://'");
    }

    [Fact]
    public void SGW009_interpolated_string_as_a_pipeline_level_setting()
    {
        var diagnostics = Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo", {|SGW009:ExperimentName = $"exp-{nameof(Demo.Name)}"|})]
            public static partial class Demo
            {
                [Parameter] public const string Name = "x";
            }
            """);
        Assert.Contains(diagnostics, d => Src.Message(d) == "The experiment name cannot be an interpolated string; write text, a String parameter or an execution variable");
    }

    [Fact]
    public void SGW004_hole_naming_something_that_is_not_a_reference()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW004:$"s3://my-bucket/{nameof(Images)}/"|}, "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        Assert.StartsWith("In this interpolated string, nameof(Images) refers to 'Images'", Src.Single(diagnostics, "SGW004"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW009_concatenating_a_nameof_reference_is_its_name_not_its_value()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input("s3://my-bucket/plain/" + nameof(Images), "/opt/ml/processing/plain")]
            [Input({|SGW009:"s3://my-bucket/raw/" + nameof(Execution.PipelineExecutionId)|}, "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        Assert.Equal("'+' adds the text of nameof(Execution.PipelineExecutionId) (its name), not its value; write an interpolated string such as $\"...{nameof(Execution.PipelineExecutionId)}...\" to use the value",
            Src.Single(diagnostics, "SGW009"));
    }

    [Fact]
    public void The_job_role_may_write_under_the_text_before_the_execution_id()
    {
        var files = TestProject.Generate(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/a", Destination = $"s3://my-bucket/processed/{nameof(Execution.PipelineExecutionId)}/a")] public const string A = "a";
            }
            """).Files();
        var policy = Assert.Single(files, f => f.Key.StartsWith("Demo/iam/", StringComparison.Ordinal) && f.Key.EndsWith("-job.policy.json", StringComparison.Ordinal)).Value;
        var write = JsonNode.Parse(policy)!["Statement"]!.AsArray().Single(s => (string)s!["Sid"]! == "S3WriteOutputs")!;
        Assert.Equal(["arn:aws:s3:::my-bucket/processed/*/a/*"], write["Resource"]!.AsArray().Select(r => (string)r!));
    }

    [Fact]
    public void The_same_source_gives_the_same_value_and_definition_each_time()
    {
        const string source = Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/a", Destination = $"s3://my-bucket/a/{nameof(Execution.PipelineExecutionId)}")] public const string A = "a";
            }
            """;
        Assert.Equal(TestProject.Generate(source).Definition(), TestProject.Generate(source).Definition());
    }
}
