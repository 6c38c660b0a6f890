namespace Sagewright.Model.Resolution;

/// <summary>The dependency edges of a pipeline, part of resolution: every place a step reads another step of the same
/// pipeline (a processing output, model artifacts, an output parameter, a property file through <c>[JsonGet]</c>, a step
/// property, the model of a transform), every <c>[DependsOn]</c>, and every branch step's condition. An edge is
/// recorded only when the reference resolves (the producer is a step of this pipeline and has what is read); a
/// reference that does not resolve is reported by the pass that writes the value, with the field it is written in.
/// Each pair of steps keeps the first place, in declaration order, that the dependency is written: a cycle is
/// reported there (SGW003).</summary>
internal sealed class DependencyResolver
{
    private readonly Dictionary<string, StepDecl> _steps;
    private readonly Dictionary<string, ExpressionDecl> _expressions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);
    private readonly List<DependencyEdge> _edges = new();
    private readonly HashSet<(string Consumer, string Producer)> _pairs = new();

    private DependencyResolver(PipelineDecl pipeline, Dictionary<string, StepDecl> steps)
    {
        _steps = steps;
        foreach (var expression in pipeline.Expressions.Concat(steps.Values.SelectMany(s => s.Expressions)))
        {
            _expressions[expression.TypeName + "/" + expression.Member] = expression;
        }
    }

    /// <param name="steps">The pipeline's own steps by type name.</param>
    /// <returns>The edges ordered by consumer, then producer (type names, ordinal).</returns>
    public static EquatableArray<DependencyEdge> Resolve(PipelineDecl pipeline, Dictionary<string, StepDecl> steps)
    {
        var resolver = new DependencyResolver(pipeline, steps);
        foreach (var step in steps.Values.OrderBy(s => s.TypeName, StringComparer.Ordinal))
        {
            resolver.Visit(step);
        }

        return resolver._edges
            .OrderBy(e => e.Consumer, StringComparer.Ordinal)
            .ThenBy(e => e.Producer, StringComparer.Ordinal)
            .ToEquatableArray();
    }

    private void Visit(StepDecl step)
    {
        foreach (var value in StepValues.Of(step))
        {
            Value(step, value);
        }

        switch (step.Body)
        {
            case TransformBody { Model: { } model } when _steps.TryGetValue(model.StepType, out var target) && target.Kind == StepKind.Model:
                Add(step, target, model.Origin);
                break;
            case ConditionBody condition:
                foreach (var member in condition.IfSteps.Concat(condition.ElseSteps))
                {
                    if (_steps.TryGetValue(member.StepType, out var branchStep))
                    {
                        Add(branchStep, step, member.Origin); // a branch step runs after its condition
                    }
                }

                break;
        }

        foreach (var dependency in step.DependsOn)
        {
            if (_steps.TryGetValue(dependency.StepType, out var target))
            {
                Add(step, target, dependency.Origin);
            }
        }
    }

    private void Value(StepDecl step, ValueSource value)
    {
        switch (value.Kind)
        {
            case ValueKind.StepOutput or ValueKind.ModelArtifacts or ValueKind.OutputParameter:
                if (Producer(value) is { } producer && Reads(producer, value))
                {
                    Add(step, producer, value.Origin);
                }

                break;
            case ValueKind.Interpolated:
                foreach (var part in value.Parts)
                {
                    Value(step, part);
                }

                break;
            case ValueKind.Expression:
                Expression(step, value);
                break;
        }
    }

    /// <summary>Whether the producer has what the value reads.</summary>
    private static bool Reads(StepDecl producer, ValueSource value) => value.Kind switch
    {
        ValueKind.StepOutput => producer.Job.Outputs.Any(o => o.Member == value.TargetMember),
        ValueKind.ModelArtifacts => producer.Kind is StepKind.Training or StepKind.Tuning,
        _ => producer.Body is ExternalStepBody external && external.OutputParameters.Any(o => o.Member == value.TargetMember),
    };

    private void Expression(StepDecl step, ValueSource use)
    {
        var key = use.TargetType + "/" + use.TargetMember;
        if (!_expressions.TryGetValue(key, out var expression) || !_visiting.Add(key))
        {
            return; // unknown, or built from itself: reported where the value is written
        }

        switch (expression.Kind)
        {
            case ExpressionKind.Join:
                foreach (var part in expression.Values)
                {
                    Value(step, part);
                }

                break;
            case ExpressionKind.JsonGet
                when expression.Values.FirstOrDefault() is { Kind: ValueKind.StepOutput } output
                && _steps.TryGetValue(output.TargetType ?? string.Empty, out var producer)
                && producer.Job.Outputs.Any(o => o.Member == output.TargetMember && o.PropertyFile is not null):
                Add(step, producer, use.Origin);
                break;
            case ExpressionKind.Property
                when expression.Values.FirstOrDefault()?.TargetType is { Length: > 0 } target
                && _steps.TryGetValue(target, out var owner)
                && StepProperties.ByStepType.TryGetValue(owner.Kind.ToString(), out var known)
                && known.Properties.Contains(expression.Path.Split('.', '[')[0], StringComparer.Ordinal):
                Add(step, owner, use.Origin);
                break;
        }

        _visiting.Remove(key);
    }

    private StepDecl? Producer(ValueSource value) => _steps.TryGetValue(value.TargetType ?? string.Empty, out var step) ? step : null;

    private void Add(StepDecl consumer, StepDecl producer, Origin origin)
    {
        if (_pairs.Add((consumer.TypeName, producer.TypeName)))
        {
            _edges.Add(new DependencyEdge(consumer.TypeName, producer.TypeName, origin));
        }
    }
}
