using System;
using System.Collections.Generic;
using System.Linq;
using Sagewright.Model;
using Sagewright.Model.Pipeline;

namespace Sagewright.Compiler.Generator;

/// <summary>The project's steps grouped by the pipeline they name, computed once per change of any step, so that each
/// pipeline's input is its own steps (an O(1) lookup) rather than every step of the project.</summary>
internal sealed class StepsByPipeline
{
    private readonly Dictionary<string, EquatableArray<StepDecl>> _byPipeline;
    private readonly EquatableArray<string> _allTypes;
    private readonly Dictionary<string, EquatableArray<string>> _foreign = new(StringComparer.Ordinal);

    private StepsByPipeline(EquatableArray<StepDecl> steps)
    {
        _byPipeline = steps
            .GroupBy(s => s.PipelineType ?? string.Empty, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.TypeName, StringComparer.Ordinal).ToEquatableArray(), StringComparer.Ordinal);
        _allTypes = steps.Select(s => s.TypeName).OrderBy(t => t, StringComparer.Ordinal).ToEquatableArray();
    }

    public static StepsByPipeline Of(EquatableArray<StepDecl> steps) => new(steps);

    public PipelineInput InputOf(PipelineDecl pipeline)
    {
        var own = _byPipeline.TryGetValue(pipeline.TypeName, out var steps) ? steps : EquatableArray<StepDecl>.Empty;
        if (!_foreign.TryGetValue(pipeline.TypeName, out var foreign))
        {
            var mine = new HashSet<string>(own.Select(s => s.TypeName), StringComparer.Ordinal);
            foreign = _allTypes.Where(t => !mine.Contains(t)).ToEquatableArray();
            _foreign[pipeline.TypeName] = foreign;
        }

        return new PipelineInput(pipeline, own, foreign);
    }
}

/// <summary>What one pipeline is compiled from: its declaration, its own steps, and the type names of the steps of
/// other pipelines (only to say "belongs to another pipeline" when a step refers to one). Value-equatable.</summary>
internal sealed record PipelineInput(PipelineDecl Pipeline, EquatableArray<StepDecl> Steps, EquatableArray<string> ForeignSteps);
