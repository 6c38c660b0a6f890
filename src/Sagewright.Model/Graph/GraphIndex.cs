namespace Sagewright.Model.Graph;

/// <summary>Lookups over a <see cref="PipelineGraph"/>, built once per compilation (the graph itself stays a plain
/// value so that it compares by value).</summary>
internal sealed class GraphIndex
{
    public GraphIndex(PipelineGraph graph)
    {
        foreach (var step in graph.Steps)
        {
            StepsByType[step.TypeName] = step;
        }

        ForeignSteps = new HashSet<string>(graph.ForeignSteps, StringComparer.Ordinal);
        foreach (var parameter in graph.Pipeline.Parameters)
        {
            ParametersByMember[parameter.Member] = parameter;
        }

        foreach (var file in graph.CodeFiles)
        {
            CodeFiles[Compilation.CompilerPass.NormalizePath(file.RelativePath)] = file;
        }

        foreach (var expression in graph.Pipeline.Expressions.Concat(graph.Steps.SelectMany(s => s.Expressions)))
        {
            Expressions[expression.TypeName + "/" + expression.Member] = expression;
        }

        foreach (var role in graph.Roles.Steps)
        {
            RoleArns[role.StepType] = role.Arn;
            RoleOrigins[role.StepType] = role.ChosenAt;
        }

        foreach (var step in graph.Steps)
        {
            Producers[step.TypeName] = new List<DependencyEdge>();
        }

        foreach (var edge in graph.Edges)
        {
            Producers[edge.Consumer].Add(edge);
        }

        foreach (var value in graph.Values)
        {
            _values[(value.StepType, value.Written)] = value.Value;
        }

        foreach (var branch in graph.Branches)
        {
            BranchOwner[branch.StepType] = branch.ConditionType;
        }
    }

    private readonly Dictionary<(string? Step, ValueSource Written), Value> _values = new();

    public Dictionary<string, StepDecl> StepsByType { get; } = new(StringComparer.Ordinal);

    /// <summary>What a value written by <paramref name="step"/> (null: by the pipeline) resolved to, or null when it is
    /// not one of the graph's values.</summary>
    public Value? ValueOf(StepDecl? step, ValueSource written) => _values.TryGetValue((step?.TypeName, written), out var value) ? value : null;

    public HashSet<string> ForeignSteps { get; }

    public Dictionary<string, ParameterDecl> ParametersByMember { get; } = new(StringComparer.Ordinal);

    /// <summary>Code files by normalised relative path.</summary>
    public Dictionary<string, CodeFile> CodeFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>Declared expressions ([Join], [JsonGet], [StepProperty]) by "type/member".</summary>
    public Dictionary<string, ExpressionDecl> Expressions { get; } = new(StringComparer.Ordinal);

    /// <summary>Step type name → the ARN of the role it runs as (jobs, models, transforms of a model step).</summary>
    public Dictionary<string, string> RoleArns { get; } = new(StringComparer.Ordinal);

    /// <summary>Step type name → where its role was chosen explicitly, or null for the layout's default.</summary>
    public Dictionary<string, Origin?> RoleOrigins { get; } = new(StringComparer.Ordinal);

    /// <summary>Step type name → the edges to the steps it waits for, ordered by producer type name.</summary>
    public Dictionary<string, List<DependencyEdge>> Producers { get; } = new(StringComparer.Ordinal);

    /// <summary>Branch step (type name) → the condition step whose branch runs it.</summary>
    public Dictionary<string, string> BranchOwner { get; } = new(StringComparer.Ordinal);
}
