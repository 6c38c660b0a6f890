using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Sagewright.Model.Json;
using Sagewright.Model.Validation;

namespace Sagewright.Model.Pipeline;

/// <summary>Control flow and expressions: condition and fail steps, branches, Join and JsonGet, property files,
/// and the step settings every kind shares (CacheConfig, RetryPolicies).</summary>
internal sealed partial class CompileContext
{
    private static readonly Regex IsoDuration = new(
        "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$", RegexOptions.CultureInvariant);

    /// <summary>Branch step (type name) → the condition step whose branch runs it.</summary>
    private readonly Dictionary<string, string> _branchOwner = new(StringComparer.Ordinal);

    /// <summary>Declared expressions by "type/member".</summary>
    private readonly Dictionary<string, ExpressionDecl> _expressions = new(StringComparer.Ordinal);

    private readonly Dictionary<string, (JsonArray If, JsonArray Else)> _branchArrays = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resolvingExpressions = new(StringComparer.Ordinal);
    private int _jsonGets;

    /// <summary>Registers expressions and which steps run inside condition branches, before any step is built.</summary>
    private void IndexFlow()
    {
        foreach (var expression in _pipeline.Expressions.Concat(_steps.SelectMany(s => s.Expressions)))
        {
            _expressions[expression.TypeName + "/" + expression.Member] = expression;
        }

        foreach (var step in _steps)
        {
            if (step.Body is not ConditionBody condition)
            {
                continue;
            }

            foreach (var member in condition.IfSteps.Concat(condition.ElseSteps))
            {
                if (!_stepsByType.TryGetValue(member.StepType, out var target))
                {
                    continue; // reported when the branch is built
                }

                if (_branchOwner.TryGetValue(member.StepType, out var owner))
                {
                    Report(RuleIds.DuplicateStepName, member.Origin, target.Name,
                        "a branch of condition step '" + _stepsByType[owner].Name + "' (a step runs in one branch only)");
                }
                else
                {
                    _branchOwner[member.StepType] = step.TypeName;
                }
            }
        }
    }

    private JsonValue BuildExperimentConfig()
    {
        if (!_pipeline.ExperimentTracking)
        {
            return JsonValue.Null;
        }

        return new JsonObject()
            .Add("ExperimentName", _pipeline.ExperimentName is { } name ? ResolvePipelineValue(name, "the experiment name") : Get("Execution.PipelineName"))
            .Add("TrialName", _pipeline.TrialName is { } trial ? ResolvePipelineValue(trial, "the trial name") : Get("Execution.PipelineExecutionId"));
    }

    /// <summary>A value outside any step: text, a parameter or an execution variable.</summary>
    private JsonValue ResolvePipelineValue(ValueSource value, string what)
    {
        if (value.Kind is ValueKind.StepOutput or ValueKind.ModelArtifacts or ValueKind.Expression or ValueKind.OutputParameter)
        {
            Report(RuleIds.TypeMismatch, value.Origin, Capitalize(what) + " can be text, a String parameter or an execution variable, not a step's value");
            return string.Empty;
        }

        return ResolveValue(null, value, ParameterType.String, what, s3: false);
    }

    // ---- condition and fail steps ---------------------------------------------------------------

    private JsonObject BuildCondition(StepDecl step, ConditionBody body)
    {
        if (body.Conditions.IsEmpty)
        {
            Report(RuleIds.RequiredSettingMissing, step.Origin.AttributeOnly,
                "Condition step '" + step.Name + "' has no condition: add one such as [GreaterThanOrEqualTo(nameof(Evaluation.Auc), 0.8)]");
        }

        foreach (var group in body.Named.GroupBy(n => n.Member, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Report(RuleIds.TypeMismatch, group.ElementAt(1).Origin.AttributeOnly,
                "Field '" + group.Key + "' holds more than one condition; a named condition holds exactly one (combine them with [Or] or list them on the class)");
        }

        var conditions = new JsonArray();
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var condition in body.Conditions)
        {
            // A named condition is written out in full wherever it is used: measure before expanding.
            if (ExpandedSize(body, condition, sizes, new HashSet<string>(StringComparer.Ordinal)) > MaxExpandedConditions)
            {
                Report(RuleIds.QuotaExceeded, condition.Origin.AttributeOnly,
                    "This condition expands to more than " + PipelineCompiler.Int(MaxExpandedConditions) + " conditions in the definition (each named condition is written out wherever it is used); the definition would exceed its 1 MiB quota");
                continue;
            }

            conditions.Add(BuildConditionJson(step, body, condition, new List<string>()));
        }

        var ifSteps = new JsonArray();
        var elseSteps = new JsonArray();
        AddBranch(step, body.IfSteps, "IfSteps");
        AddBranch(step, body.ElseSteps, "ElseSteps");
        _branchArrays[step.TypeName] = (ifSteps, elseSteps);
        return new JsonObject().Add("Conditions", conditions).Add("IfSteps", ifSteps).Add("ElseSteps", elseSteps);
    }

    private void AddBranch(StepDecl condition, EquatableArray<DependencyDecl> branch, string which)
    {
        if (branch.Count > Quotas.MaxStepsPerBranch)
        {
            Report(RuleIds.QuotaExceeded, branch[Quotas.MaxStepsPerBranch].Origin,
                "The " + which + " of condition step '" + condition.Name + "' list " + PipelineCompiler.Int(branch.Count) + " steps; at most " + PipelineCompiler.Int(Quotas.MaxStepsPerBranch) + " are allowed");
        }

        foreach (var member in branch)
        {
            if (ResolveStep(member.StepType, member.Origin, "[" + which + "]") is { } target)
            {
                // A branch step runs after its condition.
                AddEdge(target, condition, member.Origin);
            }
        }
    }

    /// <summary>Puts each branch step's JSON inside its condition, in the order the branch lists them.</summary>
    private void FillBranches(Dictionary<string, JsonObject> stepJson)
    {
        foreach (var step in _steps)
        {
            if (step.Body is not ConditionBody body || !_branchArrays.TryGetValue(step.TypeName, out var arrays))
            {
                continue;
            }

            foreach (var (branch, array) in new[] { (body.IfSteps, arrays.If), (body.ElseSteps, arrays.Else) })
            {
                foreach (var member in branch.Where(m => _branchOwner.TryGetValue(m.StepType, out var owner) && owner == step.TypeName).Select(m => m.StepType).Distinct())
                {
                    array.Add(stepJson[member]);
                }
            }
        }
    }

    private const int MaxExpandedConditions = 10000;

    /// <summary>How many conditions the expansion of <paramref name="condition"/> writes (at most one more than the
    /// limit), each named condition measured once; cyclic references count nothing (they are reported when built).</summary>
    private static long ExpandedSize(ConditionBody body, ConditionDecl condition, Dictionary<string, long> sizes, HashSet<string> visiting)
    {
        long size = 1;
        foreach (var child in condition.Children)
        {
            if (body.Named.FirstOrDefault(n => string.Equals(n.Member, child.Text, StringComparison.Ordinal)) is not { } named || !visiting.Add(named.Member!))
            {
                continue;
            }

            if (!sizes.TryGetValue(named.Member!, out var childSize))
            {
                childSize = ExpandedSize(body, named, sizes, visiting);
                sizes[named.Member!] = childSize;
            }

            visiting.Remove(named.Member!);
            size = Math.Min(size + childSize, MaxExpandedConditions + 1L);
        }

        return size;
    }

    private JsonObject BuildConditionJson(StepDecl step, ConditionBody body, ConditionDecl condition, List<string> path)
    {
        switch (condition.Kind)
        {
            case ConditionKind.In:
            {
                var queryType = TypeOf(condition.Left);
                var values = new JsonArray();
                foreach (var value in condition.Values)
                {
                    CheckComparable(condition, queryType, value, equality: true);
                    values.Add(ResolveValue(step, value, null, "a value of [In]", s3: false));
                }

                if (condition.Values.IsEmpty)
                {
                    Report(RuleIds.RequiredSettingMissing, condition.Origin.AttributeOnly, "[In] needs at least one value to compare with");
                }

                return new JsonObject()
                    .Add("Type", "In")
                    .Add("QueryValue", condition.Left is null ? string.Empty : ResolveValue(step, condition.Left, null, "the value [In] tests", s3: false))
                    .Add("Values", values);
            }

            case ConditionKind.Not:
            case ConditionKind.Or:
            {
                var children = new List<JsonObject>();
                foreach (var child in condition.Children)
                {
                    var named = body.Named.FirstOrDefault(n => string.Equals(n.Member, child.Text, StringComparison.Ordinal));
                    if (named is null)
                    {
                        Report(RuleIds.UnresolvedReference, child.Origin,
                            "'" + child.Text + "' is not a condition of step '" + step.Name + "': name a static readonly bool field of this class that carries a condition attribute");
                        continue;
                    }

                    if (path.Contains(named.Member!))
                    {
                        Report(RuleIds.DependencyCycle, child.Origin, string.Join(" → ", path.Concat(new[] { named.Member! })));
                        continue;
                    }

                    path.Add(named.Member!);
                    children.Add(BuildConditionJson(step, body, named, path));
                    path.RemoveAt(path.Count - 1);
                }

                if (condition.Kind == ConditionKind.Not)
                {
                    return new JsonObject().Add("Type", "Not").Add("Condition", children.Count > 0 ? children[0] : new JsonObject());
                }

                if (condition.Children.Count < 2)
                {
                    Report(RuleIds.RequiredSettingMissing, condition.Origin.AttributeOnly, "[Or] combines at least two named conditions");
                }

                return new JsonObject().Add("Type", "Or").Add("Conditions", new JsonArray(children));
            }

            default:
            {
                var leftType = TypeOf(condition.Left);
                var equality = condition.Kind == ConditionKind.EqualTo;
                if (!equality && leftType == ParameterType.Boolean)
                {
                    Report(RuleIds.TypeMismatch, condition.Left!.Origin, "A Boolean value can only be compared with [EqualTo]");
                }
                else if (condition.Right is not null)
                {
                    CheckComparable(condition, leftType, condition.Right, equality);
                }

                return new JsonObject()
                    .Add("Type", condition.Kind == ConditionKind.EqualTo ? "Equals" : condition.Kind.ToString())
                    .Add("LeftValue", condition.Left is null ? string.Empty : ResolveValue(step, condition.Left, null, "a condition operand", s3: false))
                    .Add("RightValue", condition.Right is null ? string.Empty : ResolveValue(step, condition.Right, null, "a condition operand", s3: false));
            }
        }
    }

    /// <summary>SGW009 when two operands cannot be compared: numbers with numbers, strings with strings,
    /// booleans with booleans (and only for equality).</summary>
    private void CheckComparable(ConditionDecl condition, ParameterType? left, ValueSource right, bool equality)
    {
        var rightType = TypeOf(right);
        if (left is null || rightType is null)
        {
            return;
        }

        static bool Numeric(ParameterType t) => t is ParameterType.Integer or ParameterType.Float;
        if (left == rightType || (Numeric(left.Value) && Numeric(rightType.Value)))
        {
            if (!equality && rightType == ParameterType.Boolean)
            {
                Report(RuleIds.TypeMismatch, right.Origin, "A Boolean value can only be compared with [EqualTo]");
            }

            return;
        }

        Report(RuleIds.TypeMismatch, right.Origin,
            "Cannot compare " + Article(left.Value) + " value with " + Article(rightType.Value) + " value in " + condition.Kind + "; compare numbers with numbers, text with text");
    }

    private JsonObject BuildFail(StepDecl step, FailBody body)
    {
        var arguments = new JsonObject();
        if (body.Parts.IsEmpty)
        {
            return arguments;
        }

        if (body.Parts.Count == 1 && (body.Parts[0].IsLiteral || TypeOf(body.Parts[0]) == ParameterType.String))
        {
            // One piece of text (or one text-valued reference, such as a [Join]) is the message as it is.
            return arguments.Add("ErrorMessage", ResolveValue(step, body.Parts[0], null, "the error message", s3: false));
        }

        // Each part is converted to text, as the SDK's to_string() does for non-string values.
        var values = body.Parts.Select(p => p.IsLiteral || TypeOf(p) == ParameterType.String
            ? ResolveValue(step, p, null, "a part of the error message", s3: false)
            : Join(string.Empty, ResolveValue(step, p, null, "a part of the error message", s3: false)));
        return arguments.Add("ErrorMessage", Join(string.Empty, values.ToArray()));
    }

    /// <summary>Job attributes on a condition or fail step are a mistake worth saying so.</summary>
    private void ReportJobSettings(StepDecl step)
    {
        var where = "processing or training steps";
        ReportUnsupported(step, step.Image?.Origin, "[Image]", where);
        ReportUnsupported(step, step.Framework?.Origin, "[Framework]", where);
        ReportUnsupported(step, step.Instance?.Origin, "[Instance]", where);
        ReportUnsupported(step, step.Code?.Origin, "[Code]", where);
        ReportUnsupported(step, step.Environment.Count > 0 ? step.Environment[0].Origin : null, "[Environment]", where);
        ReportUnsupported(step, step.Inputs.Count > 0 ? step.Inputs[0].Origin : null, "[Input]", where);
        ReportUnsupported(step, step.Outputs.Count > 0 ? step.Outputs[0].Origin : null, "[Output]", where);
        ReportUnsupported(step, step.Channels.Count > 0 ? step.Channels[0].Origin : null, "[Channel]", where);
        ReportUnsupported(step, step.HyperParameters.Count > 0 ? step.HyperParameters[0].Origin : null, "[HyperParameter]", where);
        ReportUnsupported(step, step.ModelOutput?.Origin, "[ModelOutput]", where);
        ReportUnsupported(step, step.Spot?.Origin, "[Spot]", where);
        ReportUnsupported(step, step.MaxRuntimeOrigin, "[MaxRuntime]", where);
    }

    // ---- step settings --------------------------------------------------------------------------

    /// <summary>RetryPolicies, CacheConfig and PropertyFiles, in the SDK's key order.</summary>
    private void AddStepSettings(StepDecl step, JsonObject json)
    {
        var isJob = step.Kind is StepKind.Processing or StepKind.Training or StepKind.Tuning or StepKind.Transform;
        if (!step.Retries.IsEmpty)
        {
            var policies = new JsonArray();
            foreach (var retry in step.Retries)
            {
                policies.Add(BuildRetry(step, retry, isJob));
            }

            json.Add("RetryPolicies", policies);
        }

        if (step.Cache is { } cache)
        {
            if (!isJob)
            {
                Report(RuleIds.TypeMismatch, cache.Origin, "[Cache] applies to processing, training, tuning and transform steps; a " + step.Kind.ToString().ToLowerInvariant() + " step is not cached");
            }
            else if (!IsoDuration.IsMatch(cache.ExpireAfter))
            {
                Report(RuleIds.OutOfRange, cache.Origin.WithArgument(0), "'" + cache.ExpireAfter + "' is not an ISO-8601 duration such as P30D, PT12H or P1DT6H");
            }

            json.Add("CacheConfig", new JsonObject().Add("Enabled", true).Add("ExpireAfter", cache.ExpireAfter));
        }

        var propertyFiles = step.Outputs.Where(o => o.PropertyFile is not null).ToList();
        if (propertyFiles.Count > 0)
        {
            var files = new JsonArray();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var output in propertyFiles)
            {
                var file = output.PropertyFile!;
                if (NameRules.Check(NameRules.Step, file.Name) is { } problem)
                {
                    Report(RuleIds.InvalidName, file.Origin.WithNamed("Name"), Capitalize(problem.Replace("step name", "property file name")));
                }
                else if (!names.Add(file.Name))
                {
                    Report(RuleIds.InvalidName, file.Origin.AttributeOnly, "Property file name '" + file.Name + "' is used twice in step '" + step.Name + "'");
                }

                if (file.Path.Length == 0 || file.Path.StartsWith("/", StringComparison.Ordinal))
                {
                    Report(RuleIds.OutOfRange, file.Origin.WithArgument(0), "The property file path is relative to the output's folder, for example 'evaluation.json'");
                }

                files.Add(new JsonObject().Add("PropertyFileName", file.Name).Add("OutputName", output.Name).Add("FilePath", file.Path));
            }

            json.Add("PropertyFiles", files);
        }
    }

    private JsonObject BuildRetry(StepDecl step, RetryDecl retry, bool isJob)
    {
        if (retry.ExceptionTypes.IsEmpty || retry.ExceptionTypes.Any(e => e.Length == 0))
        {
            Report(RuleIds.RequiredSettingMissing, retry.Origin.AttributeOnly, "[Retry] needs the failures to retry, for example [Retry(RetryOn.CapacityError, MaxAttempts = 3)]");
        }
        else if (!isJob && retry.ExceptionTypes.Any(e => e.StartsWith("SageMaker.", StringComparison.Ordinal)))
        {
            Report(RuleIds.TypeMismatch, retry.Origin.AttributeOnly,
                "SageMaker job failures (JobInternalError, CapacityError, ResourceLimit) can be retried only on steps that run a job; step '" + step.Name + "' is a " + step.Kind.ToString().ToLowerInvariant() + " step");
        }

        if (retry.MaxAttempts is null == retry.ExpireAfterMinutes is null)
        {
            Report(RuleIds.RequiredSettingMissing, retry.Origin.AttributeOnly, "[Retry] takes exactly one of MaxAttempts and ExpireAfterMinutes");
        }

        if (retry.MaxAttempts is { } attempts)
        {
            CheckRange(attempts, 1, Quotas.MaxRetryAttempts, retry.Origin.WithNamed("MaxAttempts"), "MaxAttempts");
        }

        if (retry.ExpireAfterMinutes is { } minutes)
        {
            CheckRange(minutes, 1, Quotas.MaxRetryExpireAfterMinutes, retry.Origin.WithNamed("ExpireAfterMinutes"), "ExpireAfterMinutes");
        }

        CheckRange(retry.IntervalSeconds, 0, int.MaxValue, retry.Origin.WithNamed("IntervalSeconds"), "IntervalSeconds");
        if (retry.BackoffRate < 0 || double.IsNaN(retry.BackoffRate) || double.IsInfinity(retry.BackoffRate))
        {
            Report(RuleIds.OutOfRange, retry.Origin.WithNamed("BackoffRate"), "BackoffRate must be a finite number of at least 0");
        }

        var json = new JsonObject()
            .Add("ExceptionType", new JsonArray(retry.ExceptionTypes.Select(e => (JsonValue)e)))
            .Add("IntervalSeconds", retry.IntervalSeconds)
            .Add("BackoffRate", double.IsNaN(retry.BackoffRate) || double.IsInfinity(retry.BackoffRate) ? JsonValue.From(2.0) : JsonValue.From(retry.BackoffRate));
        if (retry.MaxAttempts is { } max)
        {
            json.Add("MaxAttempts", max);
        }

        if (retry.ExpireAfterMinutes is { } expire)
        {
            json.Add("ExpireAfterMin", expire);
        }

        return json;
    }

    private void CheckFlowQuotas()
    {
        var propertyFiles = _steps.SelectMany(s => s.Outputs).Where(o => o.PropertyFile is not null).ToList();
        if (propertyFiles.Count > Quotas.MaxPropertyFiles)
        {
            Report(RuleIds.QuotaExceeded, propertyFiles[Quotas.MaxPropertyFiles].PropertyFile!.Origin.AttributeOnly,
                "Pipeline '" + _pipeline.Name + "' declares " + PipelineCompiler.Int(propertyFiles.Count) + " property files; at most " + PipelineCompiler.Int(Quotas.MaxPropertyFiles) + " are allowed");
        }

        if (_jsonGets > Quotas.MaxJsonGets)
        {
            Report(RuleIds.QuotaExceeded, _pipeline.Origin.AttributeOnly,
                "Pipeline '" + _pipeline.Name + "' reads property files " + PipelineCompiler.Int(_jsonGets) + " times (Std:JsonGet); at most " + PipelineCompiler.Int(Quotas.MaxJsonGets) + " are allowed");
        }
    }

    // ---- expressions ----------------------------------------------------------------------------

    private JsonValue ResolveExpression(StepDecl? step, ValueSource value, ParameterType? expected, string what)
    {
        var key = value.TargetType + "/" + value.TargetMember;
        if (!_expressions.TryGetValue(key, out var expression))
        {
            Report(RuleIds.UnresolvedReference, value.Origin,
                "'" + value.TargetMember + "' is declared on '" + PipelineCompiler.ShortName(value.TargetType ?? string.Empty) + "', which is not pipeline '" + _pipeline.Name + "' or one of its steps");
            return string.Empty;
        }

        if (expected is { } type && expression.Type != type)
        {
            Report(RuleIds.TypeMismatch, value.Origin,
                "'" + expression.Member + "' is " + Article(expression.Type) + " value, but " + what + " must be " + Article(type)
                + (type == ParameterType.String ? "; turn it into text with a [Join]" : string.Empty));
        }

        if (!_resolvingExpressions.Add(key))
        {
            Report(RuleIds.DependencyCycle, value.Origin, "'" + expression.Member + "' is built from itself");
            return string.Empty;
        }

        try
        {
            if (expression.Kind == ExpressionKind.Join)
            {
                if (step is null)
                {
                    Report(RuleIds.TypeMismatch, value.Origin, Capitalize(what) + " cannot use a [Join] here");
                    return string.Empty;
                }

                var values = expression.Values.Select(v => ResolveValue(step, v, null, "a value of [Join]", s3: false)).ToArray();
                return Join(expression.Separator, values);
            }

            return expression.Kind == ExpressionKind.Property ? StepProperty(step, expression, value) : JsonGet(step, expression, value);
        }
        finally
        {
            _resolvingExpressions.Remove(key);
        }
    }

    private JsonValue JsonGet(StepDecl? step, ExpressionDecl expression, ValueSource use)
    {
        var output = expression.Values.FirstOrDefault();
        if (step is null || output is null || output.Kind != ValueKind.StepOutput)
        {
            Report(RuleIds.UnresolvedReference, output?.Origin ?? expression.Origin,
                "[JsonGet] reads a property file of a processing output: give nameof the output field, for example nameof(Evaluation.Report)");
            return string.Empty;
        }

        if (ResolveStep(output.TargetType ?? string.Empty, use.Origin, "nameof(...)") is not { } producer)
        {
            return string.Empty;
        }

        var declared = producer.Outputs.FirstOrDefault(o => string.Equals(o.Member, output.TargetMember, StringComparison.Ordinal));
        if (declared?.PropertyFile is not { } file)
        {
            Report(RuleIds.UnresolvedReference, output.Origin,
                "Output '" + output.TargetMember + "' of step '" + producer.Name + "' has no [PropertyFile]: add [PropertyFile(\"evaluation.json\")] to it");
            return string.Empty;
        }

        if (expression.Path.Length == 0)
        {
            Report(RuleIds.RequiredSettingMissing, expression.Origin.WithArgument(1), "[JsonGet] needs the JSONPath of the value, for example 'metrics.auc.value'");
        }

        AddEdge(step, producer, use.Origin);
        _jsonGets++;
        return new JsonObject().Add("Std:JsonGet", new JsonObject()
            .Add("PropertyFile", Get("Steps." + producer.Name + ".PropertyFiles." + file.Name))
            .Add("Path", expression.Path));
    }

    private JsonValue StepProperty(StepDecl? step, ExpressionDecl expression, ValueSource use)
    {
        var target = expression.Values[0];
        if (target.TargetType is not { Length: > 0 } targetType)
        {
            Report(RuleIds.UnresolvedReference, target.Origin, "[StepProperty] needs the step whose property it reads: typeof(SomeStep)");
            return string.Empty;
        }

        if (ResolveStep(targetType, target.Origin, "[StepProperty]") is not { } producer)
        {
            return string.Empty;
        }

        var kind = producer.Kind.ToString();
        var top = expression.Path.Split('.', '[')[0];
        if (!Validation.StepProperties.ByStepType.TryGetValue(kind, out var known) || !known.Properties.Contains(top, StringComparer.Ordinal))
        {
            Report(RuleIds.UnresolvedReference, expression.Origin.WithArgument(1),
                "'" + expression.Path + "' is not a property of " + kind.ToLowerInvariant() + " step '" + producer.Name + "'"
                + (known.Shape is { Length: > 0 } shape ? "; its properties are the members of " + shape : string.Empty));
            return string.Empty;
        }

        if (step is not null)
        {
            AddEdge(step, producer, use.Origin);
        }

        return Get("Steps." + producer.Name + "." + expression.Path);
    }

    /// <summary>The run-time type of a value, or null when it cannot be known here (a reference that does not resolve).</summary>
    private ParameterType? TypeOf(ValueSource? value) => value?.Kind switch
    {
        ValueKind.Literal => value.LiteralType,
        ValueKind.Parameter => _parametersByMember.TryGetValue(value.TargetMember ?? string.Empty, out var parameter) ? parameter.Type : null,
        ValueKind.Execution or ValueKind.StepOutput or ValueKind.ModelArtifacts => ParameterType.String,
        ValueKind.Expression => _expressions.TryGetValue(value.TargetType + "/" + value.TargetMember, out var expression) ? expression.Type : null,
        ValueKind.OutputParameter => OutputParameterType(value),
        ValueKind.Interpolated => ParameterType.String,
        _ => null,
    };

    private static JsonValue LiteralJson(ValueSource value) => value.LiteralType switch
    {
        ParameterType.Integer or ParameterType.Float => new JsonLiteral(value.Text),
        ParameterType.Boolean => JsonValue.From(value.Text == "true"),
        _ => value.Text,
    };
}
