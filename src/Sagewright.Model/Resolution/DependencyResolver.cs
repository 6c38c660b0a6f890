namespace Sagewright.Model.Resolution;

/// <summary>The dependency edges of a pipeline, part of resolution: every resolved value that reads another step of the
/// same pipeline (a processing output, model artifacts, an output parameter, a property file through <c>[JsonGet]</c>, a
/// step property), every <c>[DependsOn]</c>, every branch step's condition, and the model of a transform. A reference
/// that does not resolve (<see cref="UnresolvedValue"/>) is no edge; the pass that writes the value reports it. Each
/// pair of steps keeps the first place, in declaration order, that the dependency is written: a cycle is reported
/// there (SGW003).</summary>
internal sealed class DependencyResolver
{
    private readonly IReadOnlyDictionary<string, StepDecl> _steps;
    private readonly List<DependencyEdge> _edges = new();
    private readonly HashSet<(string Consumer, string Producer)> _pairs = new();

    private DependencyResolver(IReadOnlyDictionary<string, StepDecl> steps) => _steps = steps;

    /// <param name="steps">The pipeline's own steps by type name.</param>
    /// <param name="values">The resolved values (<see cref="ReferenceResolver.ResolveAll"/>).</param>
    /// <returns>The edges ordered by consumer, then producer (type names, ordinal).</returns>
    public static EquatableArray<DependencyEdge> Resolve(IReadOnlyDictionary<string, StepDecl> steps, EquatableArray<ResolvedValue> values)
    {
        var resolver = new DependencyResolver(steps);
        var byStep = values.Where(v => v.StepType is not null).ToLookup(v => v.StepType!, StringComparer.Ordinal);
        foreach (var step in steps.Values.OrderBy(s => s.TypeName, StringComparer.Ordinal))
        {
            foreach (var value in byStep[step.TypeName])
            {
                resolver.Reads(step, value.Value);
            }

            resolver.Visit(step);
        }

        return resolver._edges
            .OrderBy(e => e.Consumer, StringComparer.Ordinal)
            .ThenBy(e => e.Producer, StringComparer.Ordinal)
            .ToEquatableArray();
    }

    /// <summary>The steps a value reads.</summary>
    private void Reads(StepDecl step, Value value)
    {
        switch (value)
        {
            case StepPropertyValue property:
                Add(step, property.StepType, property.Origin);
                break;
            case JsonGetValue jsonGet:
                Add(step, jsonGet.StepType, jsonGet.Origin);
                break;
            case JoinValue join:
                foreach (var part in join.Parts)
                {
                    Reads(step, part);
                }

                break;
            case ExpressionValue expression:
                Reads(step, expression.Value);
                break;
        }
    }

    /// <summary>The dependencies a step names rather than reads.</summary>
    private void Visit(StepDecl step)
    {
        switch (step.Body)
        {
            case TransformBody { Model: { } model } when _steps.TryGetValue(model.StepType, out var target) && target.Kind == StepKind.Model:
                Add(step, target.TypeName, model.Origin);
                break;
            case ConditionBody condition:
                foreach (var member in condition.IfSteps.Concat(condition.ElseSteps).Where(m => _steps.ContainsKey(m.StepType)))
                {
                    Add(_steps[member.StepType], step.TypeName, member.Origin); // a branch step runs after its condition
                }

                break;
        }

        foreach (var dependency in step.DependsOn.Where(d => _steps.ContainsKey(d.StepType)))
        {
            Add(step, dependency.StepType, dependency.Origin);
        }
    }

    private void Add(StepDecl consumer, string producer, Origin origin)
    {
        if (_pairs.Add((consumer.TypeName, producer)))
        {
            _edges.Add(new DependencyEdge(consumer.TypeName, producer, origin));
        }
    }
}
