namespace Sagewright.Compiler.Generator;

/// <summary>The project's steps grouped by the pipeline they name, computed once per change of any step, so that each
/// pipeline's input is its own steps (a lookup) rather than every step of the project.</summary>
internal sealed class StepsByPipeline
{
    private readonly Dictionary<string, EquatableArray<StepInput>> _byPipeline;
    private readonly EquatableArray<string> _allTypes;

    private StepsByPipeline(EquatableArray<StepInput> steps)
    {
        _byPipeline = steps
            .GroupBy(s => s.PipelineType ?? string.Empty, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.TypeName, StringComparer.Ordinal).ToEquatableArray(), StringComparer.Ordinal);
        _allTypes = steps.Select(s => s.TypeName).OrderBy(t => t, StringComparer.Ordinal).ToEquatableArray();
    }

    public static StepsByPipeline Of(EquatableArray<StepInput> steps) => new(steps);

    public PipelineUnit UnitOf(PipelineInput pipeline)
    {
        var own = _byPipeline.TryGetValue(pipeline.TypeName, out var steps) ? steps : EquatableArray<StepInput>.Empty;
        var mine = new HashSet<string>(own.Select(s => s.TypeName), StringComparer.Ordinal);
        return new PipelineUnit(pipeline, own, _allTypes.Where(t => !mine.Contains(t)).ToEquatableArray());
    }
}

/// <summary>What one pipeline is compiled from: its bound declaration, its own steps, and the type names of the steps
/// of other pipelines (only to say "belongs to another pipeline" when a step refers to one). Value-equatable.</summary>
internal sealed record PipelineUnit(PipelineInput Input, EquatableArray<StepInput> Steps, EquatableArray<string> ForeignSteps)
{
    /// <summary>The pipeline's [Endpoint] classes.</summary>
    public EquatableArray<EndpointInput> Endpoints { get; init; } = EquatableArray<EndpointInput>.Empty;
}
