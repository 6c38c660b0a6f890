namespace Sagewright.Model.Rules;

/// <summary>What a <see cref="PipelineRule"/> reads: the pipeline's declarations, the settings the compilation
/// resolved before the rules run (artifact bucket, roles), the project's rule options, and where to report.</summary>
public sealed class RuleContext
{
    private readonly Dictionary<string, StepDecl> _stepsByType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExpressionDecl> _expressions = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _stepRoles;
    private readonly IReadOnlyDictionary<string, Origin?> _roleOrigins;
    private readonly Action<Finding> _report;

    /// <param name="pipeline">The pipeline declaration.</param>
    /// <param name="steps">The pipeline's own steps, in the compilation's order (by type name).</param>
    /// <param name="artifactBucket">The bucket Sagewright writes default locations to.</param>
    /// <param name="jobRoleArn">The pipeline's job role (the role jobs run as unless a layout or [RunAs] says otherwise).</param>
    /// <param name="stepRoles">Step type name → the ARN of the role it runs as.</param>
    /// <param name="roleOrigins">Step type name → where its role was chosen, or null for the layout's default.</param>
    /// <param name="options">The project's rule options (.editorconfig).</param>
    /// <param name="report">Where findings go.</param>
    public RuleContext(PipelineDecl pipeline, IReadOnlyList<StepDecl> steps, string artifactBucket, string jobRoleArn,
        IReadOnlyDictionary<string, string> stepRoles, IReadOnlyDictionary<string, Origin?> roleOrigins, RuleOptions options, Action<Finding> report)
    {
        Pipeline = pipeline;
        Steps = steps;
        ArtifactBucket = artifactBucket;
        JobRoleArn = jobRoleArn;
        Options = options;
        _stepRoles = stepRoles;
        _roleOrigins = roleOrigins;
        _report = report;
        foreach (var step in steps)
        {
            _stepsByType[step.TypeName] = step;
        }

        foreach (var expression in pipeline.Expressions.Concat(steps.SelectMany(s => s.Expressions)))
        {
            _expressions[expression.TypeName + "/" + expression.Member] = expression;
        }
    }

    public PipelineDecl Pipeline { get; }

    /// <summary>The pipeline's own steps, in order (by type name).</summary>
    public IReadOnlyList<StepDecl> Steps { get; }

    /// <summary>The artifact bucket: <c>ArtifactBucket</c>, <c>SagewrightArtifactBucket</c> or SageMaker's default bucket.</summary>
    public string ArtifactBucket { get; }

    /// <summary>The ARN of the pipeline's job role.</summary>
    public string JobRoleArn { get; }

    public EquatableArray<ParameterDecl> Parameters => Pipeline.Parameters;

    /// <summary>The project's settings of the rules (for example the required tags).</summary>
    public RuleOptions Options { get; }

    /// <summary>The step of this pipeline with the type name, or null.</summary>
    public StepDecl? StepOf(string? typeName) =>
        _stepsByType.TryGetValue(typeName ?? string.Empty, out var step) ? step : null;

    /// <summary>The declared expression (<c>[Join]</c>, <c>[JsonGet]</c>, …) a value refers to, or null.</summary>
    public ExpressionDecl? ExpressionOf(ValueSource value) =>
        _expressions.TryGetValue(value.TargetType + "/" + value.TargetMember, out var expression) ? expression : null;

    /// <summary>The ARN of the role a job, model or transform step runs as, or null when it runs none.</summary>
    public string? RoleArnOf(StepDecl step) => _stepRoles.TryGetValue(step.TypeName, out var arn) ? arn : null;

    /// <summary>Where the role of a step was chosen (<c>[RunAs]</c>, <c>RoleArn</c>, <c>JobRoleArn</c>, …), or null
    /// when it is the layout's default.</summary>
    public Origin? RoleOriginOf(StepDecl step) => _roleOrigins.TryGetValue(step.TypeName, out var origin) ? origin : null;

    public void Report(Finding finding) => _report(finding);
}
