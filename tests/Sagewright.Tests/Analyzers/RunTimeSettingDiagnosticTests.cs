using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>Numbers and statuses that may come from a pipeline parameter: a parameter's constant passed as the
/// number (SGW009, which would inline the default), the wrong parameter type (SGW009), both forms at once (SGW015),
/// and a default or allowed value the API rejects (SGW007).</summary>
public class RunTimeSettingDiagnosticTests
{
    [Fact]
    public void SGW009_integer_parameter_constant_passed_as_a_number_points_at_the_argument()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge", {|SGW009:Count = Demo.Epochs|}, {|SGW009:VolumeSizeInGB = (Demo.Epochs)|})]
            [MaxRuntime({|SGW009:Demo.Epochs|})]
            public sealed class Train;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Spot({|SGW009:MaxRunSeconds = Demo.Epochs|}, MaxWaitSeconds = 60, CheckpointS3Uri = nameof(Demo.OutputPath))]
            public sealed class SpotTrain;
            """);
        var messages = diagnostics.Where(d => d.Id == "SGW009").Select(Src.Message).Order(StringComparer.Ordinal);
        Assert.Equal(new[]
        {
            "This passes the default value of parameter 'Epochs' as a fixed value, so overriding the parameter when the pipeline runs would change nothing; write CountParameter = nameof(Demo.Epochs) to use the parameter",
            "This passes the default value of parameter 'Epochs' as a fixed value, so overriding the parameter when the pipeline runs would change nothing; write VolumeSizeParameter = nameof(Demo.Epochs) to use the parameter",
            "This passes the default value of parameter 'Epochs' as a fixed value, so overriding the parameter when the pipeline runs would change nothing; write [MaxRuntime(nameof(Demo.Epochs))] to use the parameter",
            "This passes the default value of parameter 'Epochs' as a fixed value, so overriding the parameter when the pipeline runs would change nothing; this setting cannot come from a parameter; write the value itself",
        }.Order(StringComparer.Ordinal), messages);
    }

    [Fact]
    public void SGW009_parameter_of_the_wrong_type()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large", {|SGW009:CountParameter = nameof(Demo.LearningRate)|})]
            [MaxRuntime({|SGW009:nameof(Demo.Mode)|})]
            public sealed class Prep;

            [RegisterModelStep(typeof(Demo), "demo-models", {|SGW009:ApprovalStatusParameter = nameof(Demo.Epochs)|})]
            [Image(Images.Training), ModelData("s3://my-bucket/model.tar.gz"), ContentTypes("text/csv"), ResponseTypes("text/csv")]
            public sealed class Register;
            """);
        Assert.Equal(new[]
        {
            "Parameter 'LearningRate' is a Float parameter, but the instance count must be an Integer",
            "Parameter 'Mode' is a String parameter, but the maximum run time must be an Integer",
            "Parameter 'Epochs' is an Integer parameter, but the approval status must be a String",
        }.Order(StringComparer.Ordinal), diagnostics.Where(d => d.Id == "SGW009").Select(Src.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SGW015_a_number_and_its_parameter_both_given()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large", Count = 2, {|SGW015:CountParameter = nameof(Demo.Epochs)|})]
            public sealed class Prep;
            """);
        Assert.Equal("[Instance] sets Count twice, with Count and with CountParameter; keep CountParameter to take it from the parameter, or Count for a fixed value",
            Src.Single(diagnostics, "SGW015"));
    }

    [Fact]
    public void SGW007_parameter_default_out_of_range_and_approval_values_outside_the_api_enum()
    {
        var diagnostics = Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            [Tag("env", "test"), Tag("team", "ml"), Tag("pipeline", "demo")]
            public static partial class Demo
            {
                [Parameter] public const int Count = 0;
                [Parameter(EnumValues = new[] { "PendingManualApproval", "Yes" })] public const string Approval = "PendingManualApproval";
            }

            [ProcessingStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0"), Instance("ml.m5.large", {|SGW007:CountParameter = nameof(Demo.Count)|})]
            public sealed class Prep;

            [RegisterModelStep(typeof(Demo), "demo-models", {|SGW007:ApprovalStatusParameter = nameof(Demo.Approval)|})]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0"), ModelData("s3://my-bucket/model.tar.gz"), ContentTypes("text/csv"), ResponseTypes("text/csv")]
            public sealed class Register;
            """);
        Assert.Equal(
        [
            "Count (the default of parameter 'Count') is 0; it must be between 1 and 100",
            "Parameter 'Approval' gives the approval status, but 'Yes', one of its EnumValues, is not one of PendingManualApproval, Approved or Rejected",
        ], diagnostics.Where(d => d.Id == "SGW007").Select(Src.Message));
    }
}

/// <summary><c>nameof</c> in text arguments: customer metadata takes run-time values (written as <c>Get</c>), tags
/// are fixed text (SGW016 at the argument instead of writing the bare name).</summary>
public class TextReferenceDiagnosticTests
{
    private const string Register = """
        [RegisterModelStep(typeof(Demo), "demo-models")]
        [Image(Images.Training), ModelData("s3://my-bucket/model.tar.gz"), ContentTypes("text/csv"), ResponseTypes("text/csv")]
        [CustomerMetadata("PIPELINE_ARN", nameof(Execution.PipelineExecutionArn))]
        [CustomerMetadata("MODE", $"mode-{nameof(Demo.Mode)}")]
        [CustomerMetadata("owner", "ml-team")]
        """;

    [Fact]
    public void Customer_metadata_value_from_an_execution_variable_or_parameter_is_a_get()
    {
        var json = TestProject.Generate(Src.Demo + Register + "public sealed class Register;").Definition();
        JsonAssert.Equal(System.Text.Json.Nodes.JsonNode.Parse("""
            {
              "PIPELINE_ARN": {"Get": "Execution.PipelineExecutionArn"},
              "MODE": {"Std:Join": {"On": "", "Values": ["mode-", {"Get": "Parameters.Mode"}]}},
              "owner": "ml-team"
            }
            """), SdkCases.Step(json, "Register")["Arguments"]!["CustomerMetadataProperties"]);
    }

    [Fact]
    public void SGW016_references_in_tags_and_metadata_keys()
    {
        var diagnostics = Markup.Verify(Src.Demo.Replace("[Tag(\"env\", \"test\")", "[Tag(\"env\", {|SGW016:nameof(Execution.PipelineExecutionId)|})", StringComparison.Ordinal) + """
            [RegisterModelStep(typeof(Demo), "demo-models")]
            [Image(Images.Training), ModelData("s3://my-bucket/model.tar.gz"), ContentTypes("text/csv"), ResponseTypes("text/csv")]
            [Tag("run", {|SGW016:$"run-{nameof(Execution.PipelineExecutionId)}"|})]
            [CustomerMetadata({|SGW016:nameof(Demo.Mode)|}, "x")]
            public sealed class Register;
            """);
        Assert.Equal(new[]
        {
            "A customer metadata key must be written in source, not taken from nameof(Demo.Mode): it is a fixed name; write the text itself",
            "A tag value must be written in source, not taken from $\"run-{nameof(Execution.PipelineExecutionId)}\": model package tags are fixed text (customer metadata can take a run-time value); write the text itself",
            "A tag value must be written in source, not taken from nameof(Execution.PipelineExecutionId): CreatePipeline stores the pipeline's tags as fixed text, and they cannot come from a parameter or an execution; write the text itself",
        }, diagnostics.Where(d => d.Id == "SGW016").Select(Src.Message).Order(StringComparer.Ordinal));
    }
}

/// <summary>SGW006 for a real instance type of another job kind says whose it is instead of suggesting a near name.</summary>
public class InstanceTypeKindDiagnosticTests
{
    [Fact]
    public void SGW006_training_only_type_on_a_processing_step_says_so()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance({|SGW006:"ml.p4d.24xlarge"|})]
            public sealed class Prep;
            """);
        Assert.Equal("'ml.p4d.24xlarge' is not a processing instance type; it is a training-only instance type, which processing jobs do not offer",
            Src.Single(diagnostics, "SGW006"));
    }
}

/// <summary>SGW005 for a quoted name where the reference was meant says which <c>nameof</c> to write.</summary>
public class QuotedNameDiagnosticTests
{
    [Fact]
    public void SGW005_quoted_parameter_output_and_step_names_suggest_the_reference()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW005:"InputData"|}, "/opt/ml/processing/input")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/output")] public const string Data = "data";
            }

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Channel("train", {|SGW005:"data"|})]
            public sealed class Train;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW005:"Train"|}, "/opt/ml/processing/model")]
            public sealed class Evaluate;
            """);
        var messages = diagnostics.Where(d => d.Id == "SGW005").Select(Src.Message).ToList();
        Assert.Contains(messages, m => m.EndsWith("; 'InputData' is the name of parameter 'InputData': did you mean nameof(Demo.InputData)?", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.EndsWith("; 'data' is the name of output 'data' of step 'Prep': did you mean nameof(Prep.Data)?", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.EndsWith("; 'Train' is the name of step 'Train': did you mean typeof(Train) (its model artifacts, where the attribute takes a step)?", StringComparison.Ordinal));
    }
}

/// <summary>SGW019: step settings on a class with no step attribute.</summary>
public class SettingsWithoutStepDiagnosticTests
{
    [Fact]
    public void SGW019_step_settings_on_a_class_without_a_step_attribute()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [{|SGW019:Image(Images.Processing)|}, Instance("ml.m5.large")]
            public sealed class Forgotten;

            [{|SGW019:Channel("train", "s3://my-bucket/train/")|}]
            [Image(Images.Training)]
            public sealed class ForgottenTraining;
            """);
        Assert.Equal(new[]
        {
            "Class 'Forgotten' has [Image] but no step attribute, so Sagewright ignores it; add a step attribute such as [ProcessingStep(typeof(MyPipeline))], or remove the attribute",
            "Class 'ForgottenTraining' has [Channel] but no step attribute, so Sagewright ignores it; add a step attribute such as [TrainingStep(typeof(MyPipeline))], or remove the attribute",
        }, diagnostics.Where(d => d.Id == "SGW019").Select(Src.Message).Order(StringComparer.Ordinal));
    }
}

/// <summary>A transform's own output read downstream: Sagewright wrote that location, so the IAM policies scope it
/// without a <c>[Within]</c>.</summary>
public class TransformOutputDownstreamTests
{
    [Fact]
    public void Transform_output_used_downstream_needs_no_within()
    {
        var source = Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            public sealed class Train;

            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0"), ModelData(typeof(Train))]
            public sealed class Model;

            [TransformStep(typeof(Demo), Model = typeof(Model))]
            [Instance("ml.m5.xlarge"), TransformInput("s3://my-bucket/score/")]
            public sealed class Score
            {
                [StepProperty(typeof(Score), "TransformOutput.S3OutputPath")] public static readonly string Scored = "";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input(nameof(Score.Scored), "/opt/ml/processing/scored")]
            public sealed class Report;
            """;
        Markup.Verify(source);
        var iam = Sagewright.Tests.Iam.IamFiles.Generate(source);
        Assert.Contains("the output of transform step `Score`", iam.Report, StringComparison.Ordinal);
    }
}

/// <summary>Literal-versus-literal conditions: a left operand that spells a number compared with a number is that
/// number (the SDK's <c>ConditionGreaterThan(left=5, right=3)</c>); text compared with a number stays SGW009.</summary>
public class LiteralConditionTests
{
    [Fact]
    public void Literal_versus_literal_conditions_are_written_as_typed_values()
    {
        var json = TestProject.Generate(Src.Demo + """
            [ConditionStep(typeof(Demo))]
            [GreaterThan("5", 3), LessThanOrEqualTo("0.25", 0.5), EqualTo("true", true), EqualTo("a", "a")]
            [IfSteps(typeof(Stop))]
            public sealed class Check;

            [FailStep(typeof(Demo)), ErrorMessage("stop")]
            public sealed class Stop;
            """).Definition();
        JsonAssert.Equal(System.Text.Json.Nodes.JsonNode.Parse("""
            [
              {"Type": "GreaterThan", "LeftValue": 5, "RightValue": 3},
              {"Type": "LessThanOrEqualTo", "LeftValue": 0.25, "RightValue": 0.5},
              {"Type": "Equals", "LeftValue": true, "RightValue": true},
              {"Type": "Equals", "LeftValue": "a", "RightValue": "a"}
            ]
            """), SdkCases.Step(json, "Check")["Arguments"]!["Conditions"]);
    }

    [Fact]
    public void SGW009_text_that_is_not_a_number_compared_with_a_number()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ConditionStep(typeof(Demo))]
            [GreaterThan("high", {|SGW009:3|})]
            [IfSteps(typeof(Stop))]
            public sealed class Check;

            [FailStep(typeof(Demo)), ErrorMessage("stop")]
            public sealed class Stop;
            """);
        Assert.Equal("Cannot compare a String value with an Integer value in GreaterThan; compare numbers with numbers, text with text", Src.Single(diagnostics, "SGW009"));
    }
}
