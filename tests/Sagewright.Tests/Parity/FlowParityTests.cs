using System.Text.Json.Nodes;
using Sagewright.Tests.Infrastructure;
using static Sagewright.Tests.Infrastructure.SdkCases;

namespace Sagewright.Tests.Parity;

/// <summary>Conditions, fail messages, expressions, retry policies and experiment settings compared with the JSON
/// the SageMaker Python SDK's own tests expect (../shared/reference/python-sdk-cases, cases 05, 07, 08, 14, 15).</summary>
public class FlowParityTests
{
    private const string Training = """
        [Image("111122223333.dkr.ecr.us-west-2.amazonaws.com/trainer:1.0"), Instance("ml.m5.xlarge")]
        """;

    [ReferenceFact]
    public void Case05_every_condition_type()
    {
        var definition = JsonNode.Parse(TestProject.Generate($$"""
            using Sagewright;

            [Pipeline("MyPipeline")]
            public static partial class MyPipeline
            {
                [Parameter] public const int MyInt1 = 1;
                [Parameter] public const int MyInt2 = 2;
                [Parameter] public const string MyStr = "abc";
            }

            [ConditionStep(typeof(MyPipeline), Name = "MyConditionStep")]
            [EqualTo(nameof(MyPipeline.MyInt1), nameof(MyPipeline.MyInt2))]
            [GreaterThan(nameof(Execution.StartDateTime), "2020-12-01")]
            [GreaterThanOrEqualTo(nameof(Execution.StartDateTime), nameof(MyPipeline.MyStr))]
            [LessThan(nameof(Execution.StartDateTime), "2020-12-01")]
            [LessThanOrEqualTo(nameof(Execution.StartDateTime), nameof(MyPipeline.MyStr))]
            [IsIn(nameof(MyPipeline.MyStr), "abc", "def")]
            [IsIn(nameof(MyPipeline.MyStr), "abc", nameof(Step0JobName), nameof(Execution.StartDateTime))]
            [Not(nameof(IntsEqual))]
            [Not(nameof(StrIn))]
            [Or(nameof(After), nameof(StrIn))]
            [IfSteps(typeof(MyStep1))]
            [ElseSteps(typeof(MyStep2))]
            public sealed class Cond
            {
                [EqualTo(nameof(MyPipeline.MyInt1), nameof(MyPipeline.MyInt2))] public static readonly bool IntsEqual;
                [IsIn(nameof(MyPipeline.MyStr), "abc", "def")] public static readonly bool StrIn;
                [GreaterThan(nameof(Execution.StartDateTime), "2020-12-01")] public static readonly bool After;
                [StepProperty(typeof(MyStep0), "TrainingJobName")] public static readonly string Step0JobName = "";
            }

            [TrainingStep(typeof(MyPipeline))]{{Training}} public sealed class MyStep0;
            [TrainingStep(typeof(MyPipeline))]{{Training}} public sealed class MyStep1;
            [TrainingStep(typeof(MyPipeline))]{{Training}} public sealed class MyStep2;
            """, ProjectOptions.Default with { Region = "us-west-2" }).Definition("MyPipeline"))!;

        var expected = Case("05-condition-step-all-condition-types");
        var expectedStep = expected["Steps"]![0]!.AsObject();
        var actualStep = definition["Steps"]!.AsArray().Single(s => (string)s!["Name"]! == "MyConditionStep")!.AsObject();

        JsonAssert.Equal(expectedStep["Arguments"]!["Conditions"], actualStep["Arguments"]!["Conditions"]);

        // Branches: the test's CustomStep fakes have empty Arguments; ours are real training steps. Names and
        // placement must match.
        Assert.Equal(["MyStep1"], actualStep["Arguments"]!["IfSteps"]!.AsArray().Select(s => (string)s!["Name"]!));
        Assert.Equal(["MyStep2"], actualStep["Arguments"]!["ElseSteps"]!.AsArray().Select(s => (string)s!["Name"]!));
        // Top level: the condition and the step whose property it reads, as in the SDK case.
        Assert.Equal(expected["Steps"]!.AsArray().Select(s => (string)s!["Name"]!).Order(StringComparer.Ordinal),
            definition["Steps"]!.AsArray().Select(s => (string)s!["Name"]!).Order(StringComparer.Ordinal));
    }

    [ReferenceFact]
    public void Case07_join_comparison_and_jsonget_in_a_fail_message()
    {
        var definition = JsonNode.Parse(TestProject.Generate("""
            using Sagewright;

            [Pipeline("MyPipeline")]
            public static partial class MyPipeline
            {
                [Parameter] public const string MyString = "1";
                [Parameter] public const int MyInteger = 3;
                [Join("", nameof(MyInteger))] public static readonly string MyIntegerText = "";
            }

            [ProcessingStep(typeof(MyPipeline), Name = "MyStep")]
            [Image("111122223333.dkr.ecr.us-west-2.amazonaws.com/eval:1.0"), Instance("ml.m5.xlarge")]
            public sealed class Step
            {
                [Output("/opt/ml/processing/out"), PropertyFile("my-file.json", Name = "name")] public const string Out = "out";
                [JsonGet(nameof(Out), "my-json-path")] public static readonly string Value = "";
            }

            [ConditionStep(typeof(MyPipeline), Name = "MyCondStep")]
            [GreaterThan(nameof(MyPipeline.MyString), nameof(MyPipeline.MyIntegerText))]
            [ElseSteps(typeof(Fail))]
            public sealed class Cond;

            [FailStep(typeof(MyPipeline), Name = "MyFailStep")]
            [ErrorMessage(nameof(Message))]
            public sealed class Fail
            {
                [Join(" ", "Execution failed due to condition check fails, see:", nameof(ValueText), nameof(MyPipeline.MyInteger))]
                public static readonly string Message = "";

                [Join("", nameof(Step.Value))] public static readonly string ValueText = "";
            }
            """, ProjectOptions.Default with { Region = "us-west-2" }).Definition("MyPipeline"))!;

        JsonAssert.Equal(Fragment("07-jsonget-propertyfile-in-fail-message", "test_pipeline_variable_in_pipeline_definition (line 114)"), definition["Parameters"]);

        var expected = Fragment("07-jsonget-propertyfile-in-fail-message", "test_pipeline_variable_in_pipeline_definition (line 119)").AsObject();
        // The SDK test's step is a fake with both a property file and a training job name; no real step has both,
        // so the training job name part is left out here (case 05 covers [StepProperty] with TrainingJobName).
        var values = expected["Arguments"]!["ElseSteps"]![0]!["Arguments"]!["ErrorMessage"]!["Std:Join"]!["Values"]!.AsArray();
        values.RemoveAt(2);
        JsonAssert.Equal(expected, definition["Steps"]!.AsArray().Single(s => (string)s!["Name"]! == "MyCondStep"));
    }

    [ReferenceFact]
    public void Case08_join_of_parameters_and_execution_variables_and_jsonget_form()
    {
        var output = TestProject.Generate("""
            using Sagewright;

            [Pipeline("MyPipeline")]
            public static partial class MyPipeline
            {
                [Parameter] public const double MyFloat = 1.0;
                [Parameter] public const int MyInt = 1;
                [Parameter] public const string MyStr = "s";
                [Join("", "foo", nameof(MyFloat), nameof(MyInt), nameof(MyStr), nameof(Execution.PipelineExecutionId))]
                public static readonly string Joined = "";
            }

            [ProcessingStep(typeof(MyPipeline), Name = "my-step")]
            [Image("111122223333.dkr.ecr.us-east-1.amazonaws.com/eval:1.0"), Instance("ml.m5.xlarge")]
            public sealed class Step
            {
                [Output("/opt/ml/processing/out"), PropertyFile("file.json", Name = "name")] public const string Out = "out";
                [JsonGet(nameof(Out), "my-json-path")] public static readonly string Value = "";
            }

            [ProcessingStep(typeof(MyPipeline))]
            [Image("111122223333.dkr.ecr.us-east-1.amazonaws.com/eval:1.0"), Instance("ml.m5.xlarge")]
            [Environment("JOINED", nameof(MyPipeline.Joined))]
            [Environment("VALUE", nameof(Step.Value))]
            public sealed class Use;
            """);
        var environment = JsonNode.Parse(output.Definition("MyPipeline"))!["Steps"]!.AsArray().Single(s => (string)s!["Name"]! == "Use")!["Arguments"]!["Environment"]!;

        var join = Fragment("08-expressions-get-join-jsonget", "test_join_expressions");
        var joinValues = join["Std:Join"]!["Values"]!.AsArray();
        joinValues.RemoveAt(6); // a nested Join of literal numbers and booleans: [Join] values are text or references
        joinValues.RemoveAt(4); // a step property path that Sagewright does not expose
        JsonAssert.Equal(join, environment["JOINED"]);
        JsonAssert.Equal(Fragment("08-expressions-get-join-jsonget", "test_json_get_expressions (line 122)"), environment["VALUE"]);
    }

    [ReferenceFact]
    public void Case14_retry_policies()
    {
        var step = JsonNode.Parse(TestProject.Generate($$"""
            using Sagewright;

            [Pipeline("MyPipeline")]
            public static partial class MyPipeline { }

            [TrainingStep(typeof(MyPipeline), Name = "MyStep")]{{Training}}
            [Retry(RetryOn.ServiceFault, RetryOn.Throttling, ExpireAfterMinutes = 1)]
            [Retry(RetryOn.CapacityError, MaxAttempts = 3)]
            [Retry(RetryOn.JobInternalError, IntervalSeconds = 5, ExpireAfterMinutes = 5)]
            [Retry(RetryOn.ResourceLimit, RetryOn.JobInternalError, RetryOn.CapacityError, IntervalSeconds = 5, MaxAttempts = 3)]
            public sealed class Step;
            """).Definition("MyPipeline"))!["Steps"]![0]!["RetryPolicies"]!.AsArray();

        var expected = Fragment("14-retry-policies", "test_custom_step_with_retry_policy (line 194)")["RetryPolicies"]!.AsArray();
        expected.Add(Fragment("14-retry-policies", "test_valid_sagemaker_job_step_retry_policy"));
        JsonAssert.Equal(expected, step);
    }

    [ReferenceFact]
    public void Case15_enum_values_and_experiment_config_variants()
    {
        var definition = JsonNode.Parse(TestProject.Generate("""
            using Sagewright;

            [Pipeline("MyPipeline", ExperimentName = "MyExperiment", TrialName = "MyTrial")]
            public static partial class MyPipeline
            {
                [Parameter(EnumValues = new[] { "a", "b" })] public const string MyString = "a";
            }
            """).Definition("MyPipeline"))!;
        JsonAssert.Equal(Fragment("15-parameters-experiment-config-api-requests", "test_parameter_string_with_enum_values"), definition["Parameters"]![0]);
        JsonAssert.Equal(Fragment("15-parameters-experiment-config-api-requests", "test_pipeline_override_experiment_config")["PipelineExperimentConfig"], definition["PipelineExperimentConfig"]);

        var disabled = JsonNode.Parse(TestProject.Generate("""
            using Sagewright;
            [Pipeline("MyPipeline", ExperimentTracking = false)]
            public static partial class MyPipeline { }
            """).Definition("MyPipeline"))!.AsObject();
        var expectedDisabled = Fragment("15-parameters-experiment-config-api-requests", "test_pipeline_disable_experiment_config").AsObject();
        Assert.True(expectedDisabled.ContainsKey("PipelineExperimentConfig") && expectedDisabled["PipelineExperimentConfig"] is null);
        Assert.True(disabled.ContainsKey("PipelineExperimentConfig"));
        Assert.Null(disabled["PipelineExperimentConfig"]);
    }

    [ReferenceFact]
    public void Case06_fail_message_joined_with_a_condition_outcome()
    {
        var steps = JsonNode.Parse(TestProject.Generate("""
            using Sagewright;

            [Pipeline("MyPipeline")]
            public static partial class MyPipeline
            {
                [Parameter] public const int MyInt = 1;
            }

            [ConditionStep(typeof(MyPipeline), Name = "CondStep")]
            [EqualTo(nameof(MyPipeline.MyInt), 1)]
            public sealed class Cond;

            [FailStep(typeof(MyPipeline), Name = "FailStep")]
            [ErrorMessage(nameof(Message))]
            public sealed class Fail
            {
                [Join(": ", "Failed due to xxx == yyy returns", nameof(Outcome))] public static readonly string Message = "";
                [StepProperty(typeof(Cond), "Outcome")] public static readonly bool Outcome;
            }
            """).Definition("MyPipeline"))!["Steps"];
        JsonAssert.Equal(Case("06-fail-step-join-condition-outcome"), steps);
    }
}
