using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Flow;

/// <summary>Bad input for conditions, fail steps, expressions, property files and step settings: the ID, the exact
/// argument, and no exception.</summary>
public class FlowDiagnosticTests
{
    private const string Evaluate = """
        [ProcessingStep(typeof(Demo))]
        [Image(Images.Processing), Instance("ml.m5.large")]
        public sealed class Evaluate
        {
            [Output("/opt/ml/processing/evaluation"), PropertyFile("evaluation.json")] public const string Report = "evaluation";
            [Output("/opt/ml/processing/other")] public const string Other = "other";
            [JsonGet(nameof(Report), "metrics.auc.value")] public static readonly double Auc;
        }

        [FailStep(typeof(Demo))]
        public sealed class Stop;

        """;

    [Fact]
    public void SGW011_condition_step_without_a_condition()
    {
        var diagnostics = Markup.Verify(Src.Demo + Evaluate + """
            [{|SGW011:ConditionStep(typeof(Demo))|}]
            [ElseSteps(typeof(Stop))]
            public sealed class Check;
            """);
        Assert.StartsWith("Condition step 'Check' has no condition", Src.Single(diagnostics, "SGW011"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW009_comparing_a_number_with_text()
    {
        var diagnostics = Markup.Verify(Src.Demo + Evaluate + """
            [ConditionStep(typeof(Demo))]
            [GreaterThan(nameof(Evaluate.Auc), {|SGW009:"high"|})]
            public sealed class Check;
            """);
        Assert.Equal("Cannot compare a Float value with a String value in GreaterThan; compare numbers with numbers, text with text", Src.Single(diagnostics, "SGW009"));
    }

    [Fact]
    public void SGW009_ordering_booleans()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ConditionStep(typeof(Demo))]
            [LessThan({|SGW009:nameof(Demo.Shuffle)|}, 1)]
            public sealed class Check;
            """);
        Assert.Equal("A Boolean value can only be compared with [EqualTo]", Src.Message(diagnostics.Single()));
    }

    [Fact]
    public void Numbers_of_either_kind_compare_and_booleans_compare_for_equality()
    {
        Markup.Verify(Src.Demo + Evaluate + """
            [ConditionStep(typeof(Demo))]
            [GreaterThanOrEqualTo(nameof(Evaluate.Auc), 0.8)]
            [LessThan(nameof(Demo.Epochs), nameof(Demo.LearningRate))]
            [EqualTo(nameof(Demo.Shuffle), true)]
            [IsIn(nameof(Demo.Mode), "fast", "slow")]
            [IfSteps(typeof(Stop))]
            public sealed class Check;
            """);
    }

    [Fact]
    public void SGW004_not_naming_a_field_without_a_condition()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ConditionStep(typeof(Demo))]
            [Not({|SGW004:nameof(Plain)|})]
            public sealed class Check
            {
                public static readonly bool Plain;
            }
            """);
        Assert.StartsWith("'Plain' is not a condition of step 'Check'", Src.Single(diagnostics, "SGW004"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW003_named_conditions_that_refer_to_each_other()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ConditionStep(typeof(Demo))]
            [Not(nameof(A))]
            public sealed class Check
            {
                [Not(nameof(B))] public static readonly bool A;
                [Not({|SGW003:nameof(A)|})] public static readonly bool B;
            }
            """);
        Assert.Equal("Steps depend on each other in a cycle: A → B → A", Src.Message(diagnostics.Single()));
    }

    [Fact]
    public void SGW015_a_named_condition_with_two_conditions_and_SGW011_an_or_of_one()
    {
        Markup.Verify(Src.Demo + """
            [ConditionStep(typeof(Demo))]
            [{|SGW011:Or(nameof(Both))|}]
            public sealed class Check
            {
                [EqualTo(nameof(Demo.Mode), "a")]
                [{|SGW015:EqualTo(nameof(Demo.Mode), "b")|}]
                public static readonly bool Both;
            }
            """);
    }

    [Fact]
    public void SGW002_a_step_in_two_branches()
    {
        var diagnostics = Markup.Verify(Src.Demo + Evaluate + """
            [ConditionStep(typeof(Demo))]
            [GreaterThan(nameof(Evaluate.Auc), 0.5)]
            [IfSteps(typeof(Stop))]
            [ElseSteps({|SGW002:typeof(Stop)|})]
            public sealed class Check;
            """);
        Assert.Equal("Step name 'Stop' is already used by a branch of condition step 'Check' (a step runs in one branch only); step names must be unique within a pipeline", Src.Message(diagnostics.Single()));
    }

    [Fact]
    public void SGW004_branch_of_a_class_that_is_no_step_and_SGW003_a_condition_in_its_own_branch()
    {
        Markup.Verify(Src.Demo + Evaluate + """
            [ConditionStep(typeof(Demo))]
            [GreaterThan(nameof(Evaluate.Auc), 0.5)]
            [IfSteps({|SGW004:typeof(Images)|})]
            [ElseSteps({|SGW003:typeof(Check)|})]
            public sealed class Check;
            """);
    }

    [Fact]
    public void SGW004_jsonget_of_an_output_without_a_property_file()
    {
        var diagnostics = Markup.Verify(Src.Demo + Evaluate + """
            [ConditionStep(typeof(Demo))]
            [GreaterThan(nameof(Other), 0.5)]
            [IfSteps(typeof(Stop))]
            public sealed class Check
            {
                [JsonGet({|SGW004:nameof(Evaluate.Other)|}, "metrics.auc.value")] public static readonly double Other;
            }
            """);
        Assert.StartsWith("Output 'Other' of step 'Evaluate' has no [PropertyFile]", Src.Message(diagnostics.Single()), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW009_expression_of_the_wrong_type_and_field_types()
    {
        Markup.Verify(Src.Demo + Evaluate + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW009:nameof(Evaluate.Auc)|}, "/opt/ml/processing/input")]
            public sealed class Use
            {
                [{|SGW009:Join("/", "a", "b")|}] public static readonly int NotText;
                [{|SGW009:JsonGet(nameof(Evaluate.Report), "x")|}] public static readonly System.DateTime When;
            }
            """);
    }

    [Fact]
    public void SGW003_a_join_built_from_itself()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Environment("PATH_VALUE", nameof(Loop))]
            public sealed class Use
            {
                [Join("/", "a", {|SGW003:nameof(Loop)|})] public static readonly string Loop = "";
            }
            """);
    }

    [Fact]
    public void Cache_and_retry_settings_are_checked()
    {
        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Cache({|SGW007:"30 days"|})]
            [Retry(RetryOn.CapacityError, {|SGW007:MaxAttempts = 21|})]
            [{|SGW011:Retry(RetryOn.ServiceFault)|}]
            [{|SGW015:Retry(RetryOn.Throttling, MaxAttempts = 2, ExpireAfterMinutes = 5)|}]
            [Retry(RetryOn.ResourceLimit, MaxAttempts = 2, {|SGW007:BackoffRate = -1.0|})]
            public sealed class Train;

            [FailStep(typeof(Demo))]
            [{|SGW014:Cache("P1D")|}]
            [{|SGW014:Retry(RetryOn.CapacityError, MaxAttempts = 2)|}]
            public sealed class Stop;
            """);
    }

    [Fact]
    public void Enum_values_must_fit_the_parameter()
    {
        Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo
            {
                [Parameter({|SGW009:EnumValues = new[] { "1" }|})] public const int Count = 1;
                [Parameter({|SGW007:EnumValues = new[] { "a", "b" }|})] public const string Mode = "c";
            }
            """);
    }

    [Fact]
    public void Experiment_and_trial_names_are_checked_against_the_api()
    {
        var diagnostics = Markup.Verify(Src.WithPipeline("[Pipeline(\"Demo\", {|SGW001:ExperimentName = \"/etc/passwd\"|}, {|SGW001:TrialName = \"a b\"|})]") + Evaluate);
        Assert.Contains(diagnostics, d => Src.Message(d).StartsWith("Experiment or trial name '/etc/passwd'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => Src.Message(d).StartsWith("Experiment or trial name 'a b'", StringComparison.Ordinal));
    }

    [Fact]
    public void Experiment_name_cannot_come_from_a_step()
    {
        Markup.Verify(Src.WithPipeline("[Pipeline(\"Demo\", {|SGW009:ExperimentName = nameof(Evaluate.Report)|})]") + Evaluate);
    }

    [Fact]
    public void Job_attributes_on_a_condition_step_are_reported()
    {
        Markup.Verify(Src.Demo + Evaluate + """
            [ConditionStep(typeof(Demo))]
            [GreaterThan(nameof(Evaluate.Auc), 0.5)]
            [{|SGW014:Instance("ml.m5.large")|}]
            [IfSteps(typeof(Stop))]
            public sealed class Check;
            """);
    }

    [Fact]
    public void SGW010_more_than_ten_property_files()
    {
        var outputs = string.Concat(Enumerable.Range(0, 11).Select(i =>
            $"    [Output(\"/opt/ml/processing/o{i}\"), {(i == 10 ? "{|SGW010:" : "")}PropertyFile(\"f.json\", Name = \"F{i}\"){(i == 10 ? "|}" : "")}] public const string O{i} = \"o{i}\";\n"));
        var source = Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class A
            {
            {{outputs}}
            }

            """;
        // Eleven outputs are also over the ten-output limit of one job.
        Markup.Verify(source.Replace("    [Output(\"/opt/ml/processing/o10\")", "    [{|SGW010:Output(\"/opt/ml/processing/o10\")|}", StringComparison.Ordinal));
    }

    [Fact]
    public void SGW004_step_property_that_the_step_does_not_have_or_of_a_class_that_is_no_step()
    {
        var diagnostics = Markup.Verify(Src.Demo + Evaluate + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Environment("JOB", nameof(Job))]
            [Environment("OTHER", nameof(Other))]
            public sealed class Use
            {
                [StepProperty(typeof(Evaluate), {|SGW004:"TrainingJobName"|})] public static readonly string Job = "";
                [StepProperty({|SGW004:typeof(Images)|}, "Anything")] public static readonly string Other = "";
            }
            """);
        Assert.Contains(diagnostics, d => Src.Message(d) == "'TrainingJobName' is not a property of processing step 'Evaluate'; its properties are the members of DescribeProcessingJobResponse");
    }

    [Fact]
    public void Step_property_reads_make_a_dependency()
    {
        var definition = System.Text.Json.Nodes.JsonNode.Parse(TestProject.Generate(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Environment("JOB", nameof(Job))]
            public sealed class A
            {
                [StepProperty(typeof(Z), "ProcessingJobName")] public static readonly string Job = "";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Z;
            """).Definition())!;
        var steps = definition["Steps"]!.AsArray();
        Assert.Equal(["Z", "A"], steps.Select(s => (string)s!["Name"]!));
        Assert.Equal("Steps.Z.ProcessingJobName", (string)steps[1]!["Arguments"]!["Environment"]!["JOB"]!["Get"]!);
    }
}
