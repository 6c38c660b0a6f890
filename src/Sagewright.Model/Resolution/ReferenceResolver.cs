namespace Sagewright.Model.Resolution;

/// <summary>Resolves the values steps write (<see cref="StepValues"/>) and the pipeline's own (experiment and trial
/// names) into typed <see cref="Value"/>s: parameters to their declarations, execution variables, other steps'
/// outputs, models and output parameters, and declared expressions to their parts. A reference that does not resolve
/// becomes an <see cref="UnresolvedValue"/> with its finding; the pass that writes the value reports it.</summary>
internal sealed class ReferenceResolver
{
    private readonly PipelineDecl _pipeline;
    private readonly IReadOnlyDictionary<string, StepDecl> _steps;
    private readonly HashSet<string> _foreignSteps;
    private readonly Dictionary<string, ParameterDecl> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExpressionDecl> _expressions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);

    public ReferenceResolver(PipelineDecl pipeline, IReadOnlyDictionary<string, StepDecl> steps, IEnumerable<string> foreignSteps)
    {
        _pipeline = pipeline;
        _steps = steps;
        _foreignSteps = new HashSet<string>(foreignSteps, StringComparer.Ordinal);
        foreach (var parameter in pipeline.Parameters)
        {
            _parameters[parameter.Member] = parameter;
        }

        foreach (var expression in pipeline.Expressions.Concat(steps.Values.SelectMany(s => s.Expressions)))
        {
            _expressions[expression.TypeName + "/" + expression.Member] = expression;
        }
    }

    /// <summary>Every value of every step (in type-name order, each in declaration order), then the pipeline's.</summary>
    public EquatableArray<ResolvedValue> ResolveAll()
    {
        var values = new List<ResolvedValue>();
        foreach (var step in _steps.Values.OrderBy(s => s.TypeName, StringComparer.Ordinal))
        {
            values.AddRange(StepValues.Of(step).Select(v => new ResolvedValue(step.TypeName, v, Resolve(step, v))));
        }

        foreach (var value in new[] { _pipeline.ExperimentName, _pipeline.TrialName })
        {
            if (value is not null)
            {
                values.Add(new ResolvedValue(null, value, Resolve(null, value)));
            }
        }

        return values.ToEquatableArray();
    }

    /// <summary>What a value written by <paramref name="step"/> (null: by the pipeline) stands for.</summary>
    public Value Resolve(StepDecl? step, ValueSource value)
    {
        switch (value.Kind)
        {
            case ValueKind.Literal:
                return new LiteralValue(value.Text, value.LiteralType, value.Origin);

            case ValueKind.Parameter:
                if (!string.Equals(value.TargetType, _pipeline.TypeName, StringComparison.Ordinal))
                {
                    return Unresolved(value.Origin,
                        "'" + value.TargetMember + "' is a parameter of '" + PipelineCompiler.ShortName(value.TargetType ?? string.Empty) + "', not of pipeline '" + _pipeline.Name + "'" + (step is null ? string.Empty : " that step '" + step.Name + "' belongs to"));
                }

                return _parameters.TryGetValue(value.TargetMember ?? string.Empty, out var parameter)
                    ? new ParameterValue(parameter, value.Origin)
                    : Unresolved(value.Origin, "'" + value.TargetMember + "' is not a parameter of pipeline '" + _pipeline.Name + "'");

            case ValueKind.Execution:
                return new ExecutionValue(value.TargetMember ?? string.Empty, value.Origin);

            case ValueKind.StepOutput:
            {
                if (Step(value.TargetType, value.Origin, "nameof(...)", out var producer) is { } missing)
                {
                    return missing;
                }

                return producer.Job.Outputs.FirstOrDefault(o => string.Equals(o.Member, value.TargetMember, StringComparison.Ordinal)) is { } output
                    ? new StepPropertyValue(producer.TypeName, producer.Name, StepRead.Output, "ProcessingOutputConfig.Outputs['" + output.Name + "'].S3Output.S3Uri", output.Name, ParameterType.String, value.Origin)
                    : Unresolved(value.Origin, "'" + value.TargetMember + "' is not an [Output] of step '" + producer.Name + "'");
            }

            case ValueKind.ModelArtifacts:
            {
                if (Step(value.TargetType, value.Origin, "typeof(...)", out var producer) is { } missing)
                {
                    return missing;
                }

                return producer.Kind switch
                {
                    StepKind.Training => new StepPropertyValue(producer.TypeName, producer.Name, StepRead.ModelArtifacts, "ModelArtifacts.S3ModelArtifacts", string.Empty, ParameterType.String, value.Origin),
                    StepKind.Tuning => new StepPropertyValue(producer.TypeName, producer.Name, StepRead.TopModel, string.Empty, string.Empty, ParameterType.String, value.Origin),
                    _ => new UnresolvedValue(new Finding(RuleIds.WrongReferenceKind, value.Origin, producer.Name, producer.Kind.DisplayName(), "has no model artifacts", "only training and tuning steps do"), value.Origin),
                };
            }

            case ValueKind.OutputParameter:
            {
                if (Step(value.TargetType, value.Origin, "nameof(...)", out var producer) is { } missing)
                {
                    return missing;
                }

                return (producer.Body as ExternalStepBody)?.OutputParameters.FirstOrDefault(o => string.Equals(o.Member, value.TargetMember, StringComparison.Ordinal)) is { } output
                    ? new StepPropertyValue(producer.TypeName, producer.Name, StepRead.OutputParameter, "OutputParameters['" + output.Name + "']", output.Name, output.Type, value.Origin)
                    : Unresolved(value.Origin, "'" + value.TargetMember + "' is not an output parameter of step '" + producer.Name + "'; only Lambda and callback steps have [OutputParameter] fields");
            }

            case ValueKind.Expression:
                return Expression(step, value);

            case ValueKind.Interpolated:
                return new JoinValue(string.Empty, value.Parts.Select(p => Resolve(step, p)).ToEquatableArray(), value.Origin);

            default:
                return Unresolved(value.Origin, "'" + value.Text + "' is not a value Sagewright can read");
        }
    }

    /// <summary>The message for a step reference that is not a step of this pipeline (shared with the passes that
    /// resolve steps named by <c>typeof</c> outside values: <c>[DependsOn]</c>, branches, a transform's model).</summary>
    public static string StepNotFound(PipelineDecl pipeline, bool foreign, string typeName, string how) => foreign
        ? "Step '" + PipelineCompiler.ShortName(typeName) + "' belongs to another pipeline, not to '" + pipeline.Name + "'"
        : "'" + PipelineCompiler.ShortName(typeName) + "' in " + how + " is not a step class of pipeline '" + pipeline.Name + "'";

    private Value Expression(StepDecl? step, ValueSource use)
    {
        var key = use.TargetType + "/" + use.TargetMember;
        if (!_expressions.TryGetValue(key, out var expression))
        {
            return Unresolved(use.Origin,
                "'" + use.TargetMember + "' is declared on '" + PipelineCompiler.ShortName(use.TargetType ?? string.Empty) + "', which is not pipeline '" + _pipeline.Name + "' or one of its steps");
        }

        if (!_visiting.Add(key))
        {
            return new ExpressionValue(expression, new UnresolvedValue(new Finding(RuleIds.DependencyCycle, use.Origin, "'" + expression.Member + "' is built from itself"), use.Origin), use.Origin);
        }

        try
        {
            var resolved = expression.Kind switch
            {
                ExpressionKind.Join => new JoinValue(expression.Separator, expression.Values.Select(v => Resolve(step, v)).ToEquatableArray(), expression.Origin),
                ExpressionKind.Property => StepProperty(expression, use),
                _ => JsonGet(step, expression, use),
            };
            return new ExpressionValue(expression, resolved, use.Origin);
        }
        finally
        {
            _visiting.Remove(key);
        }
    }

    private Value JsonGet(StepDecl? step, ExpressionDecl expression, ValueSource use)
    {
        var output = expression.Values.FirstOrDefault();
        if (step is null || output is null || output.Kind != ValueKind.StepOutput)
        {
            return Unresolved(output?.Origin ?? expression.Origin,
                "[JsonGet] reads a property file of a processing output: give nameof the output field, for example nameof(Evaluation.Report)");
        }

        if (Step(output.TargetType, use.Origin, "nameof(...)", out var producer) is { } missing)
        {
            return missing;
        }

        var declared = producer.Job.Outputs.FirstOrDefault(o => string.Equals(o.Member, output.TargetMember, StringComparison.Ordinal));
        return declared?.PropertyFile is { } file
            ? new JsonGetValue(producer.TypeName, producer.Name, file.Name, expression.Path, use.Origin)
            : Unresolved(output.Origin, "Output '" + output.TargetMember + "' of step '" + producer.Name + "' has no [PropertyFile]: add [PropertyFile(\"evaluation.json\")] to it");
    }

    private Value StepProperty(ExpressionDecl expression, ValueSource use)
    {
        var target = expression.Values[0];
        if (target.TargetType is not { Length: > 0 } targetType)
        {
            return Unresolved(target.Origin, "[StepProperty] needs the step whose property it reads: typeof(SomeStep)");
        }

        if (Step(targetType, target.Origin, "[StepProperty]", out var producer) is { } missing)
        {
            return missing;
        }

        var top = expression.Path.Split('.', '[')[0];
        if (!StepProperties.ByStepType.TryGetValue(producer.Kind.ToString(), out var known) || !known.Properties.Contains(top, StringComparer.Ordinal))
        {
            return Unresolved(expression.Origin.WithArgument(1),
                "'" + expression.Path + "' is not a property of " + producer.Kind.DisplayName() + " step '" + producer.Name + "'"
                + (known.Shape is { Length: > 0 } shape ? "; its properties are the members of " + shape : string.Empty));
        }

        return new StepPropertyValue(producer.TypeName, producer.Name, StepRead.Property, expression.Path, string.Empty, null, use.Origin);
    }

    /// <summary>Null when <paramref name="typeName"/> is a step of this pipeline (then in <paramref name="step"/>), else
    /// the unresolved value that says so.</summary>
    private UnresolvedValue? Step(string? typeName, Origin origin, string how, out StepDecl step)
    {
        if (_steps.TryGetValue(typeName ?? string.Empty, out step!))
        {
            return null;
        }

        return Unresolved(origin, StepNotFound(_pipeline, _foreignSteps.Contains(typeName ?? string.Empty), typeName ?? string.Empty, how));
    }

    private static UnresolvedValue Unresolved(Origin origin, string message) => new(new Finding(RuleIds.UnresolvedReference, origin, message), origin);
}
