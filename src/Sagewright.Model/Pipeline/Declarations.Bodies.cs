namespace Sagewright.Model.Pipeline;

// The kind-specific parts of steps (StepDecl.Body): condition, fail, tuning, Lambda and callback, register-model.

/// <summary>What a step kind adds to the common step settings. Processing and training steps use the job
/// fields of <see cref="StepDecl"/> and have no body.</summary>
public abstract record StepBody;

public enum ConditionKind
{
    EqualTo,
    GreaterThan,
    GreaterThanOrEqualTo,
    LessThan,
    LessThanOrEqualTo,
    In,
    Not,
    Or,
}

/// <param name="Member">For a named condition: the field that carries it; null for a condition on the class.</param>
/// <param name="Left">Comparisons: the left value; In: the value tested.</param>
/// <param name="Right">Comparisons: the right value.</param>
/// <param name="Values">In: the accepted values.</param>
/// <param name="Children">Not and Or: the named conditions (field names) they combine, with where each was written.</param>
public sealed record ConditionDecl(
    ConditionKind Kind,
    string? Member,
    ValueSource? Left,
    ValueSource? Right,
    EquatableArray<ValueSource> Values,
    EquatableArray<ValueSource> Children,
    Origin Origin);

/// <param name="Conditions">The conditions on the class; all must hold.</param>
/// <param name="Named">Conditions on fields, used by Not and Or.</param>
public sealed record ConditionBody(
    EquatableArray<ConditionDecl> Conditions,
    EquatableArray<ConditionDecl> Named,
    EquatableArray<DependencyDecl> IfSteps,
    EquatableArray<DependencyDecl> ElseSteps) : StepBody;

/// <param name="Parts">The message parts, joined with no separator.</param>
/// <param name="Origin">The [ErrorMessage] attribute, or null when there is none.</param>
public sealed record FailBody(EquatableArray<ValueSource> Parts, Origin? Origin) : StepBody;

public enum RangeKind
{
    Continuous,
    Integer,
    Categorical,
}

/// <param name="Min">Continuous and Integer: the lower bound as written (Integer: an integral value).</param>
/// <param name="Max">Continuous and Integer: the upper bound.</param>
/// <param name="Scaling">The API's ScalingType name (Auto, Linear, Logarithmic, ReverseLogarithmic), or empty when unknown.</param>
/// <param name="Values">Categorical: the values, each with where it was written.</param>
public sealed record RangeDecl(RangeKind Kind, string Name, double Min, double Max, string Scaling, EquatableArray<ValueSource> Values, Origin Origin);

public sealed record MetricDecl(string Name, string Regex, Origin Origin);

/// <param name="Type">The API's WarmStartType name, or empty when unknown.</param>
public sealed record WarmStartDecl(string Type, EquatableArray<ValueSource> Parents, Origin Origin);

/// <summary>A tuning step: the search settings. Its training job uses the job fields of <see cref="StepDecl"/>.</summary>
/// <param name="Strategy">The API's strategy name (Bayesian, Random, Hyperband, Grid), or empty when unknown.</param>
/// <param name="MaxTrainingJobs">Null when not given.</param>
/// <param name="MaxParallelJobs">Null when not given.</param>
/// <param name="EarlyStopping">The API's TrainingJobEarlyStoppingType name (Off, Auto), or empty when unknown.</param>
/// <param name="ObjectiveMetric">Null when there is no [Objective].</param>
/// <param name="ObjectiveType">Maximize or Minimize, or empty when unknown.</param>
public sealed record TuningBody(
    string Strategy,
    int? MaxTrainingJobs,
    int? MaxParallelJobs,
    string EarlyStopping,
    string? ObjectiveMetric,
    string ObjectiveType,
    Origin? ObjectiveOrigin,
    EquatableArray<MetricDecl> Metrics,
    EquatableArray<RangeDecl> Ranges,
    WarmStartDecl? WarmStart) : StepBody;

/// <summary>A member of a Lambda or callback step's <c>Arguments</c>.</summary>
public sealed record StepInputDecl(string Name, ValueSource Value, Origin Origin);

/// <param name="Member">The field that declares it (used by references).</param>
/// <param name="Name">The output name.</param>
/// <param name="Type">The field's type, or null when it is not one of string, int, double, bool (reported).</param>
/// <param name="NameOrigin">The Name argument, or the attribute.</param>
public sealed record OutputParameterDecl(string Member, string Name, ParameterType? Type, Origin Origin, Origin NameOrigin)
{
    /// <summary>The S3 prefix the value always lies within (<c>[Within]</c>), or null.</summary>
    public ValueSource? Within { get; init; }
}

/// <summary>Lambda and callback steps: named inputs sent to something outside SageMaker, typed outputs read back.</summary>
public abstract record ExternalStepBody(EquatableArray<StepInputDecl> Inputs, EquatableArray<OutputParameterDecl> OutputParameters) : StepBody;

/// <param name="FunctionArn">Null when not given.</param>
/// <param name="TimeoutSeconds">Null when not given.</param>
public sealed record LambdaBody(
    string? FunctionArn,
    int? TimeoutSeconds,
    EquatableArray<StepInputDecl> Inputs,
    EquatableArray<OutputParameterDecl> OutputParameters) : ExternalStepBody(Inputs, OutputParameters);

/// <param name="QueueUrl">Null when not given.</param>
public sealed record CallbackBody(
    string? QueueUrl,
    EquatableArray<StepInputDecl> Inputs,
    EquatableArray<OutputParameterDecl> OutputParameters) : ExternalStepBody(Inputs, OutputParameters);


/// <param name="Output">The processing output whose [PropertyFile] is the report.</param>
/// <param name="ContentType">The report's content type (default application/json).</param>
public sealed record ModelMetricsDecl(ValueSource Output, string ContentType, Origin Origin);

/// <param name="Group">The DriftCheckBaselines member, e.g. ModelQuality, or empty for an unknown baseline.</param>
/// <param name="Member">The member inside it, e.g. Constraints.</param>
/// <param name="Source">The file's URI, or the output that contains it.</param>
/// <param name="File">For an output: the file's path inside it.</param>
public sealed record DriftBaselineDecl(string Group, string Member, ValueSource Source, string? File, string ContentType, Origin Origin);

/// <summary>A register-model step (CreateModelPackage). Image and environment are the step's own fields.</summary>
/// <param name="Group">The model package group name or ARN.</param>
/// <param name="ModelData">ModelDataUrl, or null when there is no [ModelData].</param>
/// <param name="ApprovalStatus">The definition's name (PendingManualApproval, Approved, Rejected), or empty for an unknown value.</param>
/// <param name="Tags">The model package's tags ([Tag] on the step class).</param>
public sealed record RegisterModelBody(
    ValueSource Group,
    ValueSource? ModelData,
    EquatableArray<ValueSource> ContentTypes,
    EquatableArray<ValueSource> ResponseTypes,
    EquatableArray<ValueSource> InferenceInstances,
    EquatableArray<ValueSource> TransformInstances,
    string ApprovalStatus,
    Origin? ApprovalOrigin,
    ModelMetricsDecl? Metrics,
    EquatableArray<TagDecl> Tags,
    EquatableArray<TagDecl> CustomerMetadata) : StepBody
{
    /// <summary>ApprovalStatusParameter: the String parameter that gives the status at run time, or null.</summary>
    public ValueSource? ApprovalValue { get; init; }

    public EquatableArray<DriftBaselineDecl> DriftBaselines { get; init; } = EquatableArray<DriftBaselineDecl>.Empty;
}
