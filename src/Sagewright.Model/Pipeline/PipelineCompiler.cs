using System.Globalization;
using Sagewright.Model.Resolution;

namespace Sagewright.Model.Pipeline;

/// <summary>A file Sagewright writes under <c>sagemaker/</c>.</summary>
/// <param name="RelativePath">Forward slashes, relative to the <c>sagemaker/</c> folder.</param>
public sealed record OutputFile(string RelativePath, string Content)
{
    /// <summary>A binary file (a <c>sourcedir.tar.gz</c>): <see cref="Content"/> holds its bytes as base64.</summary>
    public bool Binary { get; init; }
}

/// <summary>What compiling one pipeline produced: the findings and, when none is an error, the files.</summary>
public sealed record PipelineResult(PipelineDecl Pipeline, EquatableArray<Finding> Findings, EquatableArray<OutputFile> Files)
{
    public bool Succeeded => !Files.IsEmpty;

    public string? DefinitionJson => Files.FirstOrDefault(f => f.RelativePath.EndsWith("/pipeline.json", StringComparison.Ordinal))?.Content;
}

/// <summary>Compiles one pipeline: resolves its declarations to a <see cref="Graph.PipelineGraph"/>
/// (<see cref="GraphResolver"/>), then runs the passes over it (<see cref="PipelineCompilation"/>): validation, the
/// definition emitter, the rules and the IAM deriver. Pure: the same input always gives byte-identical output.</summary>
public static class PipelineCompiler
{
    public const string DefinitionVersion = "2020-12-01";

    /// <param name="allSteps">The project's steps; the pipeline's own are those that name it.</param>
    /// <param name="rules">The project's best-practice settings (for example the required tags); null for the defaults.</param>
    public static PipelineResult Compile(PipelineDecl pipeline, IEnumerable<StepDecl> allSteps, BuildSettings settings, IEnumerable<CodeFile> codeFiles, RuleOptions? rules = null)
    {
        var steps = allSteps as IReadOnlyCollection<StepDecl> ?? allSteps.ToList();
        var own = steps.Where(s => string.Equals(s.PipelineType, pipeline.TypeName, StringComparison.Ordinal)).ToList();
        var foreign = steps.Where(s => !string.Equals(s.PipelineType, pipeline.TypeName, StringComparison.Ordinal)).Select(s => s.TypeName);
        return Compile(pipeline, own, foreign, settings, codeFiles, rules);
    }

    /// <summary>Compiles one pipeline from its own steps (the unit the incremental generator caches).</summary>
    /// <param name="ownSteps">The steps that name this pipeline.</param>
    /// <param name="foreignSteps">The type names of other pipelines' steps, for messages about references to them.</param>
    /// <param name="endpoints">The <c>[Endpoint]</c> classes that belong to this pipeline.</param>
    public static PipelineResult Compile(PipelineDecl pipeline, IEnumerable<StepDecl> ownSteps, IEnumerable<string> foreignSteps, BuildSettings settings, IEnumerable<CodeFile> codeFiles, RuleOptions? rules = null, IEnumerable<EndpointDecl>? endpoints = null)
    {
        var steps = ownSteps.OrderBy(s => s.TypeName, StringComparer.Ordinal).ToList();
        var sink = new FindingSink(pipeline, steps, settings);
        var graph = Endpoints.EndpointModel.Attach(GraphResolver.Resolve(pipeline, steps, foreignSteps, settings, codeFiles, rules, sink), endpoints, sink);
        var files = new PipelineCompilation(graph, sink).Run();
        return new PipelineResult(pipeline, sink.Findings.ToEquatableArray(), files.ToEquatableArray());
    }

    /// <summary>The findings of one pipeline, for the analyzer: the same passes as <see cref="Compile(PipelineDecl, IEnumerable{StepDecl}, IEnumerable{string}, BuildSettings, IEnumerable{CodeFile}, RuleOptions?, IEnumerable{EndpointDecl}?)"/>,
    /// but the files that only the build writes (the CreatePipeline request, <c>roles.json</c>, the trust policies and
    /// <c>report.md</c>) are not rendered. The definition and the policies still are: their sizes are quotas.</summary>
    public static EquatableArray<Finding> Analyze(PipelineDecl pipeline, IEnumerable<StepDecl> ownSteps, IEnumerable<string> foreignSteps, BuildSettings settings, IEnumerable<CodeFile> codeFiles, RuleOptions? rules = null, IEnumerable<EndpointDecl>? endpoints = null)
    {
        var steps = ownSteps.OrderBy(s => s.TypeName, StringComparer.Ordinal).ToList();
        var sink = new FindingSink(pipeline, steps, settings);
        var graph = Endpoints.EndpointModel.Attach(GraphResolver.Resolve(pipeline, steps, foreignSteps, settings, codeFiles, rules, sink), endpoints, sink);
        new PipelineCompilation(graph, sink).Run(writeFiles: false);
        return sink.Findings.ToEquatableArray();
    }

    /// <summary>SGW008 for steps whose pipeline argument is not a <c>[Pipeline]</c> class.</summary>
    public static IEnumerable<Finding> FindDetachedSteps(IEnumerable<StepDecl> steps, IEnumerable<string> pipelineTypes)
    {
        var known = new HashSet<string>(pipelineTypes, StringComparer.Ordinal);
        foreach (var step in steps.OrderBy(s => s.TypeName, StringComparer.Ordinal))
        {
            if (step.PipelineType is not null && known.Contains(step.PipelineType))
            {
                continue;
            }

            yield return new Finding(RuleIds.StepNotAttached, step.PipelineOrigin, step.PipelineType is null
                ? "Step '" + step.Name + "' must name its pipeline: typeof(a class with [Pipeline])"
                : "Step '" + step.Name + "' names '" + ShortName(step.PipelineType) + "' as its pipeline, but that class has no [Pipeline] attribute");

            // No pipeline compiles this step, so its binder findings are reported here.
            foreach (var finding in step.Findings)
            {
                yield return finding;
            }
        }
    }

    /// <summary>SGW001 for a pipeline name another [Pipeline] class already uses (by type-name order): both
    /// would write <c>&lt;name&gt;/pipeline.json</c>, and one would silently replace the other. Names are
    /// compared ignoring case, as the output folders are on case-insensitive file systems.</summary>
    public static IEnumerable<Finding> FindDuplicatePipelineNames(IEnumerable<PipelineDecl> pipelines)
    {
        var byName = new Dictionary<string, PipelineDecl>(StringComparer.OrdinalIgnoreCase);
        foreach (var pipeline in pipelines.OrderBy(p => p.TypeName, StringComparer.Ordinal))
        {
            if (NameRules.Check(NameRules.Pipeline, pipeline.Name) is not null)
            {
                continue; // Reported as invalid already.
            }

            if (byName.TryGetValue(pipeline.Name, out var first))
            {
                yield return new Finding(RuleIds.InvalidName, pipeline.NameOrigin,
                    "Pipeline name '" + pipeline.Name + "' is already used by class '" + ShortName(first.TypeName) + "'; each pipeline needs its own name (compared ignoring case)");
            }
            else
            {
                byName[pipeline.Name] = pipeline;
            }
        }
    }

    internal static string ShortName(string metadataName)
    {
        var cut = Math.Max(metadataName.LastIndexOf('.'), metadataName.LastIndexOf('+'));
        return cut < 0 ? metadataName : metadataName.Substring(cut + 1);
    }

    internal static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
