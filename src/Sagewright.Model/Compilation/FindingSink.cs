namespace Sagewright.Model.Compilation;

/// <summary>The findings of one pipeline's compilation. Starts with what the binder reported; a finding at an origin
/// where the binder already reported a value it could not read is dropped (the value the binder substituted, empty
/// text or a parameter's default, is not checked again there).</summary>
internal sealed class FindingSink
{
    private readonly HashSet<Origin> _binderOrigins = new();

    public FindingSink(PipelineDecl pipeline, IEnumerable<StepDecl> steps, BuildSettings settings)
    {
        Findings.AddRange(pipeline.Findings);
        if (settings.EmbedDefinition)
        {
            Findings.AddRange(pipeline.DefinitionConstantClashes);
        }

        foreach (var step in steps)
        {
            Findings.AddRange(step.Findings);
        }

        _binderOrigins.UnionWith(Findings.Select(f => f.Origin));
    }

    public List<Finding> Findings { get; } = new();

    public bool HasErrors => Findings.Any(f => f.IsError);

    public void Report(Finding finding)
    {
        if (!_binderOrigins.Contains(finding.Origin))
        {
            Findings.Add(finding);
        }
    }

    public void Report(string id, Origin origin, params string[] arguments) => Report(new Finding(id, origin, arguments));
}
