using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>Bad input on tuning steps: each finding at the exact argument.</summary>
public class TuningDiagnosticTests
{
    private const string Job = """[Image(Images.Training), Instance("ml.m5.xlarge")]""";

    private static IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic> Verify(string step) => Markup.Verify(Src.Demo + step);

    // ---- SGW001 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW001_duplicate_range_names()
    {
        var diagnostics = Verify($$"""
            [TuningStep(typeof(Demo))]
            {{Job}}
            [Objective("validation:auc")]
            [ContinuousRange("eta", 0.1, 0.5)]
            [IntegerRange({|SGW001:"eta"|}, 1, 5)]
            public sealed class Tune;
            """);
        Assert.Equal("Hyperparameter 'eta' has two ranges in step 'Tune'", Src.Single(diagnostics, "SGW001"));
    }

    [Fact]
    public void SGW001_empty_range_name_metric_names_and_parent_job_names()
    {
        Verify($$"""
            [TuningStep(typeof(Demo))]
            {{Job}}
            [Objective("loss")]
            [MetricDefinition("loss", "loss=(.*)")]
            [MetricDefinition({|SGW001:"loss"|}, "l=(.*)")]
            [MetricDefinition({|SGW001:""|}, "x=(.*)")]
            [CategoricalRange({|SGW001:""|}, "a")]
            [WarmStart(WarmStartType.TransferLearning, {|SGW001:"parent_hpo"|}, {|SGW001:"-parent"|}, "ok-parent")]
            public sealed class Tune;
            """);
    }

    [Fact]
    public void SGW001_objective_metric_name_empty_or_too_long()
    {
        Verify($$"""
            [TuningStep(typeof(Demo))]
            {{Job}}
            [Objective({|SGW001:""|})]
            [ContinuousRange("eta", 0.1, 0.5)]
            public sealed class Tune;

            [TuningStep(typeof(Demo))]
            {{Job}}
            [Objective({|SGW001:"{{new string('m', 256)}}"|})]
            [ContinuousRange("eta", 0.1, 0.5)]
            public sealed class Tune2;
            """);
    }

    // ---- SGW004 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW004_objective_not_among_the_metric_definitions()
    {
        var diagnostics = Verify($$"""
            [TuningStep(typeof(Demo))]
            {{Job}}
            [Objective({|SGW004:"valid:acc"|}, ObjectiveType.Maximize)]
            [MetricDefinition("valid:loss", "loss=(.*)")]
            [ContinuousRange("eta", 0.1, 0.5)]
            public sealed class Tune;
            """);
        Assert.Equal("The objective 'valid:acc' is not one of the [MetricDefinition] names of step 'Tune' (valid:loss)", Src.Single(diagnostics, "SGW004"));
    }

    // ---- SGW006 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW006_instance_type_from_the_training_table()
    {
        var diagnostics = Verify("""
            [TuningStep(typeof(Demo))]
            [Image(Images.Training), Instance({|SGW006:"ml.m5.xlarg"|})]
            [Objective("validation:auc")]
            [ContinuousRange("eta", 0.1, 0.5)]
            public sealed class Tune;
            """);
        Assert.StartsWith("'ml.m5.xlarg' is not a tuning instance type", Src.Single(diagnostics, "SGW006"), StringComparison.Ordinal);
    }

    // ---- SGW007 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW007_range_bounds()
    {
        var diagnostics = Verify($$"""
            [TuningStep(typeof(Demo))]
            {{Job}}
            [Objective("validation:auc")]
            [ContinuousRange("eta", 0.5, {|SGW007:0.1|})]
            [IntegerRange("depth", 5, {|SGW007:5|})]
            [ContinuousRange("alpha", {|SGW007:0|}, 1, Scaling = Scaling.Logarithmic)]
            [IntegerRange("rounds", {|SGW007:-1|}, 10, Scaling = Scaling.Logarithmic)]
            [ContinuousRange("gamma", 0.1, 1.5, {|SGW007:Scaling = Scaling.ReverseLogarithmic|})]
            [ContinuousRange("lambda", {|SGW007:double.NaN|}, 1)]
            [ContinuousRange("beta", 0, {|SGW007:double.PositiveInfinity|})]
            [ContinuousRange("delta", 0, 1, {|SGW007:Scaling = (Scaling)7|})]
            public sealed class Tune;
            """);
        Assert.Contains(diagnostics, d => Src.Message(d) == "The range of 'eta' is empty: the upper bound 0.1 must be above the lower bound 0.5");
        Assert.Contains(diagnostics, d => Src.Message(d) == "Logarithmic scaling needs a lower bound above 0; 'alpha' starts at 0.0");
        Assert.Contains(diagnostics, d => Src.Message(d) == "ReverseLogarithmic scaling needs a range within 0 <= x < 1; 'gamma' is 0.1 to 1.5");
    }

    [Fact]
    public void SGW007_job_limits_enums_and_lists()
    {
        Verify($$"""
            [TuningStep(typeof(Demo), {|SGW007:MaxTrainingJobs = 0|}, {|SGW007:MaxParallelJobs = -2|}, {|SGW007:Strategy = (TuningStrategy)9|}, {|SGW007:EarlyStopping = (EarlyStopping)5|})]
            {{Job}}
            [Objective("validation:auc", {|SGW007:(ObjectiveType)3|})]
            [{|SGW007:CategoricalRange("empty")|}]
            [CategoricalRange("twice", "a", {|SGW007:"a"|})]
            [MetricDefinition("validation:auc", {|SGW007:""|})]
            [{|SGW007:WarmStart(WarmStartType.TransferLearning, "p1", "p2", "p3", "p4", "p5", "p6")|}]
            public sealed class Tune;
            """);
    }

    [Fact]
    public void SGW007_too_many_categorical_values()
    {
        var values = string.Join(", ", Enumerable.Range(0, 31).Select(i => i == 30 ? "{|SGW007:\"v30\"|}" : "\"v" + Src.Int(i) + "\""));
        Verify($$"""
            [TuningStep(typeof(Demo))]
            {{Job}}
            [Objective("validation:auc")]
            [CategoricalRange("c", {{values}})]
            public sealed class Tune;
            """);
    }

    // ---- SGW009 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW015_range_also_a_static_hyperparameter()
    {
        var diagnostics = Verify($$"""
            [TuningStep(typeof(Demo))]
            {{Job}}
            [HyperParameter("eta", "0.3")]
            [Objective("validation:auc")]
            [ContinuousRange({|SGW015:"eta"|}, 0.1, 0.5)]
            public sealed class Tune;
            """);
        Assert.Equal("Step 'Tune' sets hyperparameter 'eta' twice, with [HyperParameter] and with [ContinuousRange]; remove one of them (a hyperparameter is either static or tuned)",
            Src.Single(diagnostics, "SGW015"));
    }

    [Fact]
    public void SGW009_grid_takes_categorical_ranges_and_integer_ranges_no_reverse_logarithmic()
    {
        Verify($$"""
            [TuningStep(typeof(Demo), Strategy = TuningStrategy.Grid)]
            {{Job}}
            [Objective("validation:auc")]
            [{|SGW009:IntegerRange("depth", 1, 5, {|SGW009:Scaling = Scaling.ReverseLogarithmic|})|}]
            [CategoricalRange("booster", "gbtree", {|SGW016:nameof(Demo.Mode)|})]
            public sealed class Tune;
            """);
    }

    [Fact]
    public void SGW017_model_artifacts_only_from_training_and_tuning_steps()
    {
        var diagnostics = Verify("""
            [ProcessingStep(typeof(Demo)), Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep;

            [ProcessingStep(typeof(Demo)), Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW017:typeof(Prep)|}, "/opt/ml/processing/model")]
            public sealed class Evaluate;
            """);
        Assert.Equal("Step 'Prep' is a processing step and has no model artifacts; only training and tuning steps do", Src.Single(diagnostics, "SGW017"));
    }

    [Fact]
    public void SGW009_top_model_needs_a_uri_or_parameter_output_path()
    {
        Verify("""
            [TuningStep(typeof(Demo)), Image(Images.Training), Instance("ml.m5.xlarge")]
            [ModelOutput(nameof(Tune.Where))]
            [Objective("validation:auc")]
            [ContinuousRange("eta", 0.1, 0.5)]
            public sealed class Tune
            {
                [Join("/", "s3://my-bucket", nameof(Execution.PipelineExecutionId))] public static readonly string Where = "";
            }

            [ProcessingStep(typeof(Demo)), Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW009:typeof(Tune)|}, "/opt/ml/processing/model")]
            public sealed class Evaluate;
            """);
    }

    // ---- SGW010 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW010_more_than_30_ranges()
    {
        var ranges = string.Join("\n", Enumerable.Range(0, 31).Select(i =>
            i == 30 ? "[{|SGW010:IntegerRange(\"p30\", 1, 2)|}]" : "[IntegerRange(\"p" + Src.Int(i) + "\", 1, 2)]"));
        var diagnostics = Verify($$"""
            [TuningStep(typeof(Demo))]
            {{Job}}
            [Objective("validation:auc")]
            {{ranges}}
            public sealed class Tune;
            """);
        Assert.Equal("Step 'Tune' has 31 hyperparameter ranges; at most 30 are allowed", Src.Single(diagnostics, "SGW010"));
    }

    [Fact]
    public void SGW010_more_than_48_environment_variables()
    {
        var variables = string.Join("\n", Enumerable.Range(0, 49).Select(i =>
            i == 48 ? "[{|SGW010:Environment(\"V48\", \"x\")|}]" : "[Environment(\"V" + Src.Int(i) + "\", \"x\")]"));
        Verify($$"""
            [TuningStep(typeof(Demo))]
            {{Job}}
            [Objective("validation:auc")]
            [ContinuousRange("eta", 0.1, 0.5)]
            {{variables}}
            public sealed class Tune;
            """);
    }

    // ---- SGW011 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW011_objective_and_ranges_are_required()
    {
        var diagnostics = Verify($$"""
            [{|SGW011:{|SGW011:TuningStep(typeof(Demo))|}|}]
            {{Job}}
            public sealed class Tune;
            """);
        Assert.Contains(diagnostics, d => Src.Message(d) == "Tuning step 'Tune' has no objective: add [Objective(\"validation:accuracy\", ObjectiveType.Maximize)]");
        Assert.Contains(diagnostics, d => Src.Message(d).StartsWith("Tuning step 'Tune' has no hyperparameter ranges", StringComparison.Ordinal));
    }

    [Fact]
    public void SGW011_image_and_instance_as_for_training()
    {
        Verify("""
            [{|SGW011:{|SGW011:TuningStep(typeof(Demo))|}|}]
            [Objective("validation:auc")]
            [ContinuousRange("eta", 0.1, 0.5)]
            public sealed class Tune;
            """);
    }

    [Fact]
    public void Null_arguments_are_findings_not_crashes()
    {
        Verify($$"""
            [TuningStep(typeof(Demo))]
            {{Job}}
            [Objective({|SGW001:null|})]
            [MetricDefinition({|SGW001:null|}, {|SGW007:null|})]
            [ContinuousRange({|SGW001:null|}, 0.1, 0.5)]
            [CategoricalRange("c", "a", {|SGW011:null|})]
            public sealed class Tune;
            """);
    }

    // ---- settings that apply ------------------------------------------------------------------------

    [Fact]
    public void Cache_retry_and_spot_settings_are_accepted()
    {
        Verify($$"""
            [TuningStep(typeof(Demo))]
            {{Job}}
            [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = "s3://my-bucket/checkpoints/")]
            [Objective("validation:auc")]
            [ContinuousRange("eta", 0.1, 0.5)]
            [Cache("P1D"), Retry(RetryOn.CapacityError, RetryOn.JobInternalError, MaxAttempts = 2)]
            public sealed class Tune;
            """);
    }

    [Fact]
    public void SGW101_spot_wait_below_run_time()
    {
        Verify($$"""
            [TuningStep(typeof(Demo))]
            {{Job}}
            [Spot(MaxRunSeconds = 3600, {|SGW101:MaxWaitSeconds = 60|}, CheckpointS3Uri = "s3://my-bucket/checkpoints/")]
            [Objective("validation:auc")]
            [ContinuousRange("eta", 0.1, 0.5)]
            public sealed class Tune;
            """);
    }
}
