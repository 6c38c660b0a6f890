using System.Globalization;
using System.Text.RegularExpressions;

namespace Sagewright.Model.Emit.Steps;

/// <summary>Tuning steps: CreateHyperParameterTuningJob minus the job name. The training job definition is
/// built like a training step's; this part adds the search (strategy, limits, objective, ranges, warm start).</summary>
internal sealed class TuningStepEmitter(PipelineCompilation compilation) : CompilerPass(compilation)
{
    private const string TopModelKey = "output/model.tar.gz";

    internal JsonObject BuildTuning(StepDecl step, TuningBody tuning)
    {
        var definition = Compilation.Training.BuildTraining(step, tuning);
        var at = step.Origin.AttributeOnly;
        if (tuning.Strategy.Length == 0)
        {
            Report(RuleIds.OutOfRange, step.Origin.WithNamed("Strategy"), "Strategy must be one of Bayesian, Random, Hyperband, Grid");
        }

        if (tuning.EarlyStopping.Length == 0)
        {
            Report(RuleIds.OutOfRange, step.Origin.WithNamed("EarlyStopping"), "EarlyStopping must be Off or Auto");
        }

        var limits = new JsonObject();
        var grid = tuning.Strategy == "Grid";
        if (tuning.MaxTrainingJobs is { } maxJobs)
        {
            CheckRange(maxJobs, 1, int.MaxValue, step.Origin.WithNamed("MaxTrainingJobs"), "MaxTrainingJobs");
            limits.Add("MaxNumberOfTrainingJobs", maxJobs);
        }
        else if (!grid)
        {
            limits.Add("MaxNumberOfTrainingJobs", 1);
        }

        var maxParallel = tuning.MaxParallelJobs ?? 1;
        if (tuning.MaxParallelJobs is not null)
        {
            CheckRange(maxParallel, 1, int.MaxValue, step.Origin.WithNamed("MaxParallelJobs"), "MaxParallelJobs");
        }

        limits.Add("MaxParallelTrainingJobs", maxParallel);

        var config = new JsonObject()
            .Add("Strategy", tuning.Strategy)
            .Add("ResourceLimits", limits)
            .Add("TrainingJobEarlyStoppingType", tuning.EarlyStopping);

        if (tuning.ObjectiveOrigin is not { } objectiveOrigin || tuning.ObjectiveMetric is not { } metric)
        {
            Report(RuleIds.RequiredSettingMissing, at, "Tuning step '" + step.Name + "' has no objective: add [Objective(\"validation:accuracy\", ObjectiveType.Maximize)]");
        }
        else
        {
            if (NameRules.Check(NameRules.MetricName, metric) is { } problem)
            {
                Report(RuleIds.InvalidName, objectiveOrigin.WithArgument(0), Capitalize(problem));
            }
            else if (!tuning.Metrics.IsEmpty && !tuning.Metrics.Any(m => string.Equals(m.Name, metric, StringComparison.Ordinal)))
            {
                Report(RuleIds.UnresolvedReference, objectiveOrigin.WithArgument(0),
                    "The objective '" + metric + "' is not one of the [MetricDefinition] names of step '" + step.Name + "' (" + string.Join(", ", tuning.Metrics.Select(m => m.Name)) + ")");
            }

            if (tuning.ObjectiveType.Length == 0)
            {
                Report(RuleIds.OutOfRange, objectiveOrigin.WithArgument(1), "The objective type must be Maximize or Minimize");
            }

            config.Add("HyperParameterTuningJobObjective", new JsonObject().Add("Type", tuning.ObjectiveType).Add("MetricName", metric));
        }

        config.Add("ParameterRanges", BuildRanges(step, tuning, grid));

        var arguments = new JsonObject()
            .Add("HyperParameterTuningJobConfig", config)
            .Add("TrainingJobDefinition", definition);
        if (tuning.WarmStart is { } warmStart)
        {
            arguments.Add("WarmStartConfig", BuildWarmStart(warmStart));
        }

        return arguments;
    }

    private JsonObject BuildRanges(StepDecl step, TuningBody tuning, bool grid)
    {
        var continuous = new JsonArray();
        var integer = new JsonArray();
        var categorical = new JsonArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var staticNames = new HashSet<string>(step.Job.HyperParameters.Select(h => h.Name), StringComparer.Ordinal);
        if (tuning.Ranges.IsEmpty)
        {
            Report(RuleIds.RequiredSettingMissing, step.Origin.AttributeOnly,
                "Tuning step '" + step.Name + "' has no hyperparameter ranges: add [ContinuousRange], [IntegerRange] or [CategoricalRange]");
        }
        else if (tuning.Ranges.Count > Quotas.MaxParameterRanges)
        {
            CheckCount(step, tuning.Ranges.Count, Quotas.MaxParameterRanges, tuning.Ranges[Quotas.MaxParameterRanges].Origin.AttributeOnly, "hyperparameter ranges");
        }

        foreach (var range in tuning.Ranges)
        {
            var nameOrigin = range.Origin.WithArgument(0);
            if (range.Name.Length is 0 or > Quotas.MaxParameterValueLength)
            {
                Report(RuleIds.InvalidName, nameOrigin, "Hyperparameter names must be 1 to " + PipelineCompiler.Int(Quotas.MaxParameterValueLength) + " characters long");
            }
            else if (!names.Add(range.Name))
            {
                Report(RuleIds.InvalidName, nameOrigin, "Hyperparameter '" + range.Name + "' has two ranges in step '" + step.Name + "'");
            }
            else if (staticNames.Contains(range.Name))
            {
                Report(RuleIds.SettingConflict, nameOrigin, "Step '" + step.Name + "'", "hyperparameter '" + range.Name + "'", "[HyperParameter]", "[" + range.Kind + "Range]",
                    "remove one of them (a hyperparameter is either static or tuned)");
            }

            if (grid && range.Kind != RangeKind.Categorical)
            {
                Report(RuleIds.TypeMismatch, range.Origin.AttributeOnly, "Grid search takes categorical ranges only; use [CategoricalRange] for '" + range.Name + "' or another Strategy");
            }

            switch (range.Kind)
            {
                case RangeKind.Categorical:
                    categorical.Add(new JsonObject().Add("Name", range.Name).Add("Values", CategoricalValues(step, range)));
                    break;
                case RangeKind.Integer:
                    CheckBounds(range);
                    integer.Add(NumericRange(range, PipelineCompiler.Int((int)range.Min), PipelineCompiler.Int((int)range.Max)));
                    break;
                default:
                    CheckBounds(range);
                    continuous.Add(NumericRange(range, PythonFloat(range.Min), PythonFloat(range.Max)));
                    break;
            }
        }

        // The SDK sends all three lists, empty ones included.
        return new JsonObject()
            .Add("ContinuousParameterRanges", continuous)
            .Add("CategoricalParameterRanges", categorical)
            .Add("IntegerParameterRanges", integer);
    }

    private static JsonObject NumericRange(RangeDecl range, string min, string max) =>
        new JsonObject().Add("Name", range.Name).Add("MinValue", min).Add("MaxValue", max).Add("ScalingType", range.Scaling.Length == 0 ? "Auto" : range.Scaling);

    private void CheckBounds(RangeDecl range)
    {
        if (double.IsNaN(range.Min) || double.IsInfinity(range.Min))
        {
            Report(RuleIds.OutOfRange, range.Origin.WithArgument(1), "The lower bound of '" + range.Name + "' must be a finite number");
            return;
        }

        if (double.IsNaN(range.Max) || double.IsInfinity(range.Max))
        {
            Report(RuleIds.OutOfRange, range.Origin.WithArgument(2), "The upper bound of '" + range.Name + "' must be a finite number");
            return;
        }

        var text = range.Kind == RangeKind.Integer ? (Func<double, string>)(v => PipelineCompiler.Int((int)v)) : PythonFloat;
        if (range.Min >= range.Max)
        {
            Report(RuleIds.OutOfRange, range.Origin.WithArgument(2),
                "The range of '" + range.Name + "' is empty: the upper bound " + text(range.Max) + " must be above the lower bound " + text(range.Min));
        }

        switch (range.Scaling)
        {
            case "":
                Report(RuleIds.OutOfRange, range.Origin.WithNamed("Scaling"), "Scaling must be one of Auto, Linear, Logarithmic, ReverseLogarithmic");
                break;
            case "Logarithmic" when range.Min <= 0:
                Report(RuleIds.OutOfRange, range.Origin.WithArgument(1),
                    "Logarithmic scaling needs a lower bound above 0; '" + range.Name + "' starts at " + text(range.Min));
                break;
            case "ReverseLogarithmic" when range.Kind == RangeKind.Integer:
                Report(RuleIds.TypeMismatch, range.Origin.WithNamed("Scaling"), "ReverseLogarithmic scaling applies to continuous ranges only");
                break;
            case "ReverseLogarithmic" when range.Min < 0 || range.Max >= 1:
                Report(RuleIds.OutOfRange, range.Origin.WithNamed("Scaling"),
                    "ReverseLogarithmic scaling needs a range within 0 <= x < 1; '" + range.Name + "' is " + text(range.Min) + " to " + text(range.Max));
                break;
        }
    }

    private JsonArray CategoricalValues(StepDecl step, RangeDecl range)
    {
        var values = new JsonArray();
        if (range.Values.IsEmpty)
        {
            Report(RuleIds.OutOfRange, range.Origin.AttributeOnly, "Categorical range '" + range.Name + "' needs at least one value");
        }
        else if (range.Values.Count > Quotas.MaxCategoricalValues)
        {
            Report(RuleIds.OutOfRange, range.Values[Quotas.MaxCategoricalValues].Origin,
                "Categorical range '" + range.Name + "' has " + PipelineCompiler.Int(range.Values.Count) + " values; at most " + PipelineCompiler.Int(Quotas.MaxCategoricalValues) + " are allowed");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in range.Values)
        {
            if (!value.IsLiteral)
            {
                Report(RuleIds.ValueNotInSource, value.Origin, "Categorical values", "references", "write each value as text");
                continue;
            }

            if (value.Text.Length > Quotas.MaxParameterValueLength)
            {
                Report(RuleIds.OutOfRange, value.Origin, "Categorical values may be at most " + PipelineCompiler.Int(Quotas.MaxParameterValueLength) + " characters long");
            }
            else if (!seen.Add(value.Text))
            {
                Report(RuleIds.OutOfRange, value.Origin, "Value '" + value.Text + "' is listed twice in the range of '" + range.Name + "' of step '" + step.Name + "'");
            }

            values.Add(value.Text);
        }

        return values;
    }

    /// <summary>Adds <c>MetricDefinitions</c> to the training job's algorithm specification.</summary>
    internal void AddMetricDefinitions(StepDecl step, TuningBody tuning, JsonObject algorithm)
    {
        if (tuning.Metrics.IsEmpty)
        {
            return;
        }

        if (tuning.Metrics.Count > Quotas.MaxMetricDefinitions)
        {
            CheckCount(step, tuning.Metrics.Count, Quotas.MaxMetricDefinitions, tuning.Metrics[Quotas.MaxMetricDefinitions].Origin.AttributeOnly, "metric definitions");
        }

        var metrics = new JsonArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in tuning.Metrics)
        {
            if (NameRules.Check(NameRules.MetricName, metric.Name) is { } problem)
            {
                Report(RuleIds.InvalidName, metric.Origin.WithArgument(0), Capitalize(problem));
            }
            else if (!names.Add(metric.Name))
            {
                Report(RuleIds.InvalidName, metric.Origin.WithArgument(0), "Metric '" + metric.Name + "' is defined twice in step '" + step.Name + "'");
            }

            if (metric.Regex.Length is 0 or > Quotas.MaxMetricRegexLength)
            {
                Report(RuleIds.OutOfRange, metric.Origin.WithArgument(1), "A metric regex must be 1 to " + PipelineCompiler.Int(Quotas.MaxMetricRegexLength) + " characters long");
            }

            metrics.Add(new JsonObject().Add("Name", metric.Name).Add("Regex", metric.Regex));
        }

        algorithm.Add("MetricDefinitions", metrics);
    }

    private JsonObject BuildWarmStart(WarmStartDecl warmStart)
    {
        if (warmStart.Type.Length == 0)
        {
            Report(RuleIds.OutOfRange, warmStart.Origin.WithArgument(0), "The warm start type must be IdenticalDataAndAlgorithm or TransferLearning");
        }

        if (warmStart.Parents.Count is 0 or > Quotas.MaxWarmStartParents)
        {
            Report(RuleIds.OutOfRange, warmStart.Origin.AttributeOnly,
                "[WarmStart] takes 1 to " + PipelineCompiler.Int(Quotas.MaxWarmStartParents) + " parent tuning jobs; it has " + PipelineCompiler.Int(warmStart.Parents.Count));
        }

        var parents = new JsonArray();
        foreach (var parent in warmStart.Parents)
        {
            if (!parent.IsLiteral)
            {
                Report(RuleIds.ValueNotInSource, parent.Origin, "Parent tuning jobs", "references", "write each job's name as text");
                continue;
            }

            if (NameRules.Check(NameRules.TuningJob, parent.Text) is { } problem)
            {
                Report(RuleIds.InvalidName, parent.Origin, Capitalize(problem));
            }

            parents.Add(new JsonObject().Add("HyperParameterTuningJobName", parent.Text));
        }

        return new JsonObject().Add("ParentHyperParameterTuningJobs", parents).Add("WarmStartType", warmStart.Type);
    }

    /// <summary>The S3 URI of the best training job's model, as the SDK's <c>get_top_model_s3_uri(0, …)</c> builds it:
    /// <c>&lt;output path&gt;/&lt;training job name&gt;/output/model.tar.gz</c>.</summary>
    internal JsonValue TopModelUri(StepDecl tuning, Origin consumer)
    {
        var jobName = Get("Steps." + tuning.Name + ".TrainingJobSummaries[0].TrainingJobName");
        var values = new List<JsonValue>();
        switch (tuning.Job.ModelOutput)
        {
            case null:
                values.AddRange(new JsonValue[] { "s3:/", Bucket, Pipeline.Name, Get("Execution.PipelineExecutionId"), tuning.Name });
                break;
            case { IsLiteral: true } literal:
            {
                // "s3://bucket/prefix/" → "s3:/", "bucket", "prefix" (the SDK's bucket and prefix arguments).
                var path = literal.Text.StartsWith("s3://", StringComparison.Ordinal) ? literal.Text.Substring(5).TrimEnd('/') : literal.Text.TrimEnd('/');
                var slash = path.IndexOf('/');
                values.Add("s3:/");
                values.Add(slash < 0 ? path : path.Substring(0, slash));
                if (slash >= 0)
                {
                    values.Add(path.Substring(slash + 1));
                }

                break;
            }

            case { Kind: ValueKind.Parameter } parameter when Index.ParametersByMember.TryGetValue(parameter.TargetMember ?? string.Empty, out var declared):
                values.Add(Get("Parameters." + declared.Name));
                break;
            case { Kind: ValueKind.Execution } execution:
                values.Add(Get("Execution." + execution.TargetMember));
                break;
            default:
                // The output path itself is checked (and reported) where the tuning step is built.
                Report(RuleIds.TypeMismatch, consumer,
                    "The model of tuning step '" + tuning.Name + "' can be read only when its [ModelOutput] is an S3 URI or a String parameter");
                return string.Empty;
        }

        values.Add(jobName);
        values.Add(TopModelKey);
        return Join("/", values.ToArray());
    }

    /// <summary>A number as Python's <c>str(float)</c> writes it (the SDK's range bounds): shortest round-trip
    /// digits, <c>.0</c> on integral values, exponent form below 1e-4 and from 1e16.</summary>
    internal static string PythonFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text.StartsWith("-", StringComparison.Ordinal);
        if (negative)
        {
            text = text.Substring(1);
        }

        var exponent = 0;
        var e = text.IndexOfAny(new[] { 'E', 'e' });
        if (e >= 0)
        {
            exponent = int.Parse(text.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text.Substring(0, e);
        }

        var dot = text.IndexOf('.');
        var digits = dot < 0 ? text : text.Remove(dot, 1);
        var point = (dot < 0 ? text.Length : dot) + exponent; // digits before the decimal point
        var lead = 0;
        while (lead < digits.Length && digits[lead] == '0')
        {
            lead++;
            point--;
        }

        digits = digits.Substring(lead).TrimEnd('0');
        var sign = negative ? "-" : string.Empty;
        if (digits.Length == 0)
        {
            return sign + "0.0";
        }

        var scientific = point - 1;
        if (scientific < -4 || scientific >= 16)
        {
            var mantissa = digits.Length == 1 ? digits : digits.Substring(0, 1) + "." + digits.Substring(1);
            return sign + mantissa + "e" + (scientific < 0 ? "-" : "+") + Math.Abs(scientific).ToString("00", CultureInfo.InvariantCulture);
        }

        if (point <= 0)
        {
            return sign + "0." + new string('0', -point) + digits;
        }

        return point >= digits.Length
            ? sign + digits + new string('0', point - digits.Length) + ".0"
            : sign + digits.Substring(0, point) + "." + digits.Substring(point);
    }
}
