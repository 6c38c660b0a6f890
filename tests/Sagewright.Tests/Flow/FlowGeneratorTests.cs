using System.Text.Json.Nodes;
using Sagewright.Tests.Conformance;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Flow;

/// <summary>Condition and fail steps, expressions, property files and step settings: the JSON they produce.</summary>
public class FlowGeneratorTests
{
    internal const string Pipeline = """
        using Sagewright;

        [Pipeline("Demo")]
        public static partial class Demo
        {
            [Parameter] public const double AucThreshold = 0.8;
            [Parameter(EnumValues = new[] { "dev", "prod" })] public const string Stage = "dev";
            [Join("/", "s3://my-bucket/models", nameof(Execution.PipelineExecutionId))]
            public static readonly string ModelPath = "";
        }

        [TrainingStep(typeof(Demo))]
        [Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310"), Instance("ml.g4dn.xlarge")]
        [ModelOutput(nameof(Demo.ModelPath))]
        [Cache("P30D")]
        [Retry(RetryOn.CapacityError, MaxAttempts = 3)]
        [Retry(RetryOn.ServiceFault, RetryOn.Throttling, ExpireAfterMinutes = 10, IntervalSeconds = 5, BackoffRate = 1.5)]
        public sealed class Train;

        [ProcessingStep(typeof(Demo))]
        [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/eval:1.0"), Instance("ml.m5.large")]
        [Input(typeof(Train), "/opt/ml/processing/model")]
        public sealed class Evaluate
        {
            [Output("/opt/ml/processing/evaluation"), PropertyFile("evaluation.json", Name = "EvaluationReport")]
            public const string Report = "evaluation";

            [JsonGet(nameof(Report), "metrics.auc.value")] public static readonly double Auc;
        }

        [ConditionStep(typeof(Demo))]
        [GreaterThanOrEqualTo(nameof(Evaluate.Auc), nameof(Demo.AucThreshold))]
        [Or(nameof(IsProd), nameof(IsDev))]
        [IfSteps(typeof(Publish))]
        [ElseSteps(typeof(TooLow))]
        public sealed class Check
        {
            [EqualTo(nameof(Demo.Stage), "prod")] public static readonly bool IsProd;
            [IsIn(nameof(Demo.Stage), "dev", "test")] public static readonly bool IsDev;
        }

        [ProcessingStep(typeof(Demo))]
        [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/publish:1.0"), Instance("ml.m5.large")]
        [Input(typeof(Train), "/opt/ml/processing/model")]
        public sealed class Publish;

        [FailStep(typeof(Demo))]
        [ErrorMessage("AUC ", nameof(Evaluate.Auc), " is below ", nameof(Demo.AucThreshold))]
        public sealed class TooLow;
        """;

    private static JsonNode Definition() => JsonNode.Parse(TestProject.Generate(Pipeline).Definition())!;

    [Fact]
    public void Branch_steps_appear_only_inside_their_condition()
    {
        var steps = Definition()["Steps"]!.AsArray();
        Assert.Equal(["Train", "Evaluate", "Check"], steps.Select(s => (string)s!["Name"]!));
        var check = steps[2]!["Arguments"]!;
        Assert.Equal(["Publish"], check["IfSteps"]!.AsArray().Select(s => (string)s!["Name"]!));
        Assert.Equal(["TooLow"], check["ElseSteps"]!.AsArray().Select(s => (string)s!["Name"]!));
    }

    [Fact]
    public void Conditions_are_written_in_the_service_format()
    {
        var conditions = Definition()["Steps"]![2]!["Arguments"]!["Conditions"];
        JsonAssert.Equal(JsonNode.Parse("""
            [
              {
                "Type": "GreaterThanOrEqualTo",
                "LeftValue": {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Evaluate.PropertyFiles.EvaluationReport"}, "Path": "metrics.auc.value"}},
                "RightValue": {"Get": "Parameters.AucThreshold"}
              },
              {
                "Type": "Or",
                "Conditions": [
                  {"Type": "Equals", "LeftValue": {"Get": "Parameters.Stage"}, "RightValue": "prod"},
                  {"Type": "In", "QueryValue": {"Get": "Parameters.Stage"}, "Values": ["dev", "test"]}
                ]
              }
            ]
            """), conditions);
    }

    [Fact]
    public void Property_files_cache_and_retry_are_step_settings()
    {
        var steps = Definition()["Steps"]!.AsArray();
        JsonAssert.Equal(JsonNode.Parse("""[{"PropertyFileName": "EvaluationReport", "OutputName": "evaluation", "FilePath": "evaluation.json"}]"""), steps[1]!["PropertyFiles"]);
        JsonAssert.Equal(JsonNode.Parse("""{"Enabled": true, "ExpireAfter": "P30D"}"""), steps[0]!["CacheConfig"]);
        JsonAssert.Equal(JsonNode.Parse("""
            [
              {"ExceptionType": ["SageMaker.CAPACITY_ERROR"], "IntervalSeconds": 1, "BackoffRate": 2.0, "MaxAttempts": 3},
              {"ExceptionType": ["Step.SERVICE_FAULT", "Step.THROTTLING"], "IntervalSeconds": 5, "BackoffRate": 1.5, "ExpireAfterMin": 10}
            ]
            """), steps[0]!["RetryPolicies"]);
        Assert.Equal(["Name", "Type", "Arguments", "RetryPolicies", "CacheConfig"], steps[0]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Join_and_fail_message_convert_non_text_to_text()
    {
        var definition = Definition();
        JsonAssert.Equal(JsonNode.Parse("""{"Std:Join": {"On": "/", "Values": ["s3://my-bucket/models", {"Get": "Execution.PipelineExecutionId"}]}}"""),
            definition["Steps"]![0]!["Arguments"]!["OutputDataConfig"]!["S3OutputPath"]);
        var fail = definition["Steps"]![2]!["Arguments"]!["ElseSteps"]![0]!;
        Assert.Equal("Fail", (string)fail["Type"]!);
        JsonAssert.Equal(JsonNode.Parse("""
            {"Std:Join": {"On": "", "Values": [
              "AUC ",
              {"Std:Join": {"On": "", "Values": [{"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Evaluate.PropertyFiles.EvaluationReport"}, "Path": "metrics.auc.value"}}]}},
              " is below ",
              {"Std:Join": {"On": "", "Values": [{"Get": "Parameters.AucThreshold"}]}}
            ]}}
            """), fail["Arguments"]!["ErrorMessage"]);
    }

    [Fact]
    public void Enum_values_are_declared_with_the_parameter()
    {
        JsonAssert.Equal(JsonNode.Parse("""{"Name": "Stage", "Type": "String", "DefaultValue": "dev", "EnumValues": ["dev", "prod"]}"""),
            Definition()["Parameters"]![1]);
    }

    [ReferenceFact]
    public void Flow_definition_conforms_to_the_service_shapes()
    {
        var problems = PipelineConformance.Check(TestProject.Generate(Pipeline).Definition());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Experiment_tracking_can_be_named_or_turned_off()
    {
        var named = JsonNode.Parse(TestProject.Generate("""
            using Sagewright;
            [Pipeline("Demo", ExperimentName = "fraud", TrialName = nameof(Execution.StartDateTime))]
            public static partial class Demo { }
            """).Definition())!;
        JsonAssert.Equal(JsonNode.Parse("""{"ExperimentName": "fraud", "TrialName": {"Get": "Execution.StartDateTime"}}"""), named["PipelineExperimentConfig"]);

        var off = JsonNode.Parse(TestProject.Generate("""
            using Sagewright;
            [Pipeline("Demo", ExperimentTracking = false)]
            public static partial class Demo { }
            """).Definition())!.AsObject();
        Assert.True(off.ContainsKey("PipelineExperimentConfig"));
        Assert.Null(off["PipelineExperimentConfig"]);
    }
}
