namespace Sagewright.Model.Graph;

/// <summary>One pipeline after resolution: its own steps (ordered by type name), the project settings, the artifact
/// bucket, which role every step runs as and which condition branch every branch step belongs to. Immutable and
/// value-equatable (no Roslyn types), so the incremental generator can cache on it; every pass after resolution
/// (validation, the definition emitter, the IAM deriver, the rules) reads this, never the project's other steps.</summary>
/// <param name="Pipeline">The <c>[Pipeline]</c> declaration.</param>
/// <param name="Steps">The pipeline's own steps, ordered by type name (ordinal).</param>
/// <param name="ForeignSteps">Type names of step classes that belong to other pipelines (for precise messages when
/// a step refers to one of them).</param>
/// <param name="Settings">The project's AWS settings.</param>
/// <param name="Rules">The project's best-practice settings.</param>
/// <param name="CodeFiles">The project's code files (<c>[Code]</c> candidates), by normalised relative path.</param>
/// <param name="Bucket">The artifact bucket: <c>[Pipeline(ArtifactBucket)]</c>, the project's, or SageMaker's default.</param>
/// <param name="Roles">Which role the pipeline, its jobs and its models run as.</param>
/// <param name="Branches">Which condition step's branch runs each branch step (a step runs in one branch only).</param>
/// <param name="Values">Every value the steps and the pipeline write, resolved (<see cref="Value"/>), in step type-name
/// order, each step's in declaration order (<see cref="Resolution.StepValues"/>).</param>
/// <param name="Edges">The dependency edges: which steps each step waits for, and where that is written
/// (<see cref="Resolution.DependencyResolver"/>), ordered by consumer, then producer.</param>
public sealed record PipelineGraph(
    PipelineDecl Pipeline,
    EquatableArray<StepDecl> Steps,
    EquatableArray<string> ForeignSteps,
    BuildSettings Settings,
    RuleOptions Rules,
    EquatableArray<CodeFile> CodeFiles,
    string Bucket,
    RoleAssignment Roles,
    EquatableArray<BranchMembership> Branches,
    EquatableArray<ResolvedValue> Values,
    EquatableArray<DependencyEdge> Edges)
{
    /// <summary>The pipeline's <c>[Endpoint]</c> classes, ordered by type name (ordinal).</summary>
    public EquatableArray<EndpointDecl> Endpoints { get; init; } = EquatableArray<EndpointDecl>.Empty;
}

/// <summary>The roles of a pipeline.</summary>
/// <param name="PipelineRoleArn">The role SageMaker Pipelines runs the pipeline as.</param>
/// <param name="JobRoleArn">The default role of processing, training and tuning jobs.</param>
/// <param name="InferenceRoleArn">The default role of models (and so of the transform jobs that run them).</param>
/// <param name="Layout"><c>PerStep</c>, <c>Merged</c>, or null for the default (shared) layout.</param>
/// <param name="Steps">The role of each job, model and transform step (a transform runs as its model's role; absent
/// when the model is not a step of this pipeline).</param>
public sealed record RoleAssignment(string PipelineRoleArn, string JobRoleArn, string InferenceRoleArn, string? Layout, EquatableArray<StepRole> Steps)
{
    public const string PerStep = "PerStep";
    public const string Merged = "Merged";
}

/// <param name="StepType">The step's type name.</param>
/// <param name="Arn">The role it runs as.</param>
/// <param name="ChosenAt">Where the role was chosen explicitly ([RunAs], RoleArn, …), or null for the layout's default.</param>
public sealed record StepRole(string StepType, string Arn, Origin? ChosenAt);

/// <param name="StepType">A step listed in a condition's IfSteps or ElseSteps.</param>
/// <param name="ConditionType">The condition step whose branch runs it.</param>
public sealed record BranchMembership(string StepType, string ConditionType);

/// <summary>A step that runs after another because it reads what the other produces, names it in <c>[DependsOn]</c>,
/// or is in one of its condition branches.</summary>
/// <param name="Consumer">The step that waits (type name).</param>
/// <param name="Producer">The step it waits for (type name).</param>
/// <param name="Origin">The first place, in declaration order, where the dependency is written.</param>
public sealed record DependencyEdge(string Consumer, string Producer, Origin Origin);
