namespace Sagewright.Model.Pipeline;

// The pipeline IR as the binder reads it from source: plain, value-equatable records with no Roslyn
// types. Every value a user wrote carries an Origin so that a finding about it can be reported at
// the exact attribute argument.

/// <summary>Where in source a value came from: a type (metadata name), optionally one of its fields,
/// the index of the attribute in that symbol's attribute list, and the argument within it.</summary>
/// <param name="Type">The metadata name of the type, e.g. <c>Ns.Outer+Inner</c>.</param>
/// <param name="Member">A field of that type, or null for the type itself.</param>
/// <param name="Attribute">Index into the symbol's <c>GetAttributes()</c>, or -1 for the declaration itself.</param>
/// <param name="Argument">Positional argument index, or -1.</param>
/// <param name="Named">A named argument (property), or null.</param>
public sealed record Origin(string Type, string? Member, int Attribute, int Argument, string? Named)
{
    public static Origin OfType(string type) => new(type, null, -1, -1, null);

    public Origin WithArgument(int index) => this with { Argument = index, Named = null };

    public Origin WithNamed(string name) => this with { Argument = -1, Named = name };

    public Origin AttributeOnly => this with { Argument = -1, Named = null };
}

/// <summary>Something a user wrote that can be reported.</summary>
/// <param name="Id">The diagnostic ID (SGWnnn).</param>
/// <param name="Origin">Where to report it.</param>
/// <param name="Arguments">Message arguments.</param>
/// <param name="Properties">Data for code fixes (becomes <c>Diagnostic.Properties</c>), ordered by key.</param>
public sealed record Finding(string Id, Origin Origin, EquatableArray<string> Arguments, EquatableArray<FindingProperty> Properties)
{
    public Finding(string id, Origin origin, params string[] arguments)
        : this(id, origin, new EquatableArray<string>(arguments), EquatableArray<FindingProperty>.Empty)
    {
    }

    public Finding(string id, Origin origin, EquatableArray<string> arguments)
        : this(id, origin, arguments, EquatableArray<FindingProperty>.Empty)
    {
    }

    /// <summary>The property that raises one finding of a rule to an error (for example SGW206 for an administrator
    /// policy), value <c>error</c>; the rule's other findings keep its default severity.</summary>
    public const string SeverityKey = "severity";

    public bool IsError => Validation.DiagnosticCatalog.IsError(Id) || Properties.Any(p => p.Key == SeverityKey && p.Value == "error");

    public Finding WithProperty(string key, string value) =>
        this with { Properties = Properties.Where(p => p.Key != key).Append(new FindingProperty(key, value)).OrderBy(p => p.Key, StringComparer.Ordinal).ToEquatableArray() };

    public override string ToString() => Id + " at " + Origin + ": " + string.Join(" | ", Arguments);
}

/// <summary>One key/value a code fix reads from a diagnostic.</summary>
public sealed record FindingProperty(string Key, string Value);

public enum ParameterType
{
    String,
    Integer,
    Float,
    Boolean,
}

public enum ValueKind
{
    /// <summary>Text written in source.</summary>
    Literal,

    /// <summary>A pipeline parameter: <c>nameof(Pipeline.Field)</c>.</summary>
    Parameter,

    /// <summary>A processing output of another step: <c>nameof(Step.Field)</c>.</summary>
    StepOutput,

    /// <summary>The model artifacts of a training step: <c>typeof(Step)</c>.</summary>
    ModelArtifacts,

    /// <summary>An execution variable: <c>nameof(Execution.PipelineExecutionId)</c>.</summary>
    Execution,

    /// <summary>A declared expression: <c>nameof</c> a field with <c>[Join]</c> or <c>[JsonGet]</c>.</summary>
    Expression,

    /// <summary>An output parameter of a Lambda or callback step: <c>nameof(Step.Field)</c> of an <c>[OutputParameter]</c> field.</summary>
    OutputParameter,

    /// <summary>An interpolated string whose holes are <c>nameof</c> references, for example
    /// <c>$"s3://bucket/out/{nameof(Execution.PipelineExecutionId)}"</c>: the <see cref="ValueSource.Parts"/> joined
    /// with no separator (a <c>Std:Join</c>).</summary>
    Interpolated,
}

/// <summary>A value that is either literal text or a reference to a parameter or an upstream step.</summary>
/// <param name="Kind">What the value is.</param>
/// <param name="Text">The literal text (for references: the member name, for messages).</param>
/// <param name="TargetType">For references: the metadata name of the type that declares the target.</param>
/// <param name="TargetMember">For Parameter and StepOutput: the field name.</param>
/// <param name="Origin">Where the value was written.</param>
public sealed record ValueSource(ValueKind Kind, string Text, string? TargetType, string? TargetMember, Origin Origin)
{
    public static ValueSource Literal(string text, Origin origin) => new(ValueKind.Literal, text, null, null, origin);

    public bool IsLiteral => Kind == ValueKind.Literal;

    /// <summary>For literals: the type of the constant written in source (text unless a number or boolean was
    /// written, as in a condition's right-hand side). <see cref="Text"/> then holds its invariant form.</summary>
    public ParameterType LiteralType { get; init; } = ParameterType.String;

    /// <summary>For <see cref="ValueKind.Interpolated"/>: the text and references, in order (adjacent text merged);
    /// each has the whole argument as its origin.</summary>
    public EquatableArray<ValueSource> Parts { get; init; } = EquatableArray<ValueSource>.Empty;
}

public sealed record TagDecl(string Key, string Value, Origin Origin)
{
    /// <summary>Customer metadata only: the value when it is a reference (<c>nameof</c> a parameter or execution
    /// variable, or an interpolated string of them), written as its run-time value; null for text.</summary>
    public ValueSource? Reference { get; init; }
}

/// <param name="Member">The field name (used by references).</param>
/// <param name="Name">The parameter name in the definition.</param>
/// <param name="DefaultValue">The default as invariant text (booleans as <c>true</c>/<c>false</c>).</param>
public sealed record ParameterDecl(string Member, string Name, ParameterType Type, string DefaultValue, Origin Origin, Origin NameOrigin)
{
    /// <summary>The allowed values (<c>EnumValues</c>), or empty.</summary>
    public EquatableArray<string> EnumValues { get; init; } = EquatableArray<string>.Empty;
}

public sealed record PipelineDecl(
    string TypeName,
    string Namespace,
    string ClassName,
    bool IsPartial,
    bool IsStatic,
    string Name,
    string? Description,
    string? DisplayName,
    string? ArtifactBucket,
    string? RoleArn,
    string? JobRoleArn,
    EquatableArray<TagDecl> Tags,
    EquatableArray<ParameterDecl> Parameters,
    EquatableArray<Finding> Findings,
    Origin Origin)
{
    public Origin NameOrigin => Origin.WithArgument(0);

    /// <summary>Expressions declared on fields of the pipeline class.</summary>
    public EquatableArray<ExpressionDecl> Expressions { get; init; } = EquatableArray<ExpressionDecl>.Empty;

    /// <summary>SGW013 for names that clash with the <c>PipelineDefinition</c> constant, which is generated only when
    /// the project opts in (<see cref="BuildSettings.EmbedDefinition"/>): reported only then.</summary>
    public EquatableArray<Finding> DefinitionConstantClashes { get; init; } = EquatableArray<Finding>.Empty;

    /// <summary>Whether the definition has a <c>PipelineExperimentConfig</c> (default: yes).</summary>
    public bool ExperimentTracking { get; init; } = true;

    /// <summary>The experiment name; default <c>Execution.PipelineName</c>.</summary>
    public ValueSource? ExperimentName { get; init; }

    /// <summary>The trial name; default <c>Execution.PipelineExecutionId</c>.</summary>
    public ValueSource? TrialName { get; init; }

    /// <summary>The role models run as (<c>InferenceRoleArn</c>), or null for the default.</summary>
    public string? InferenceRoleArn { get; init; }

    /// <summary>The role layout (<c>Roles</c>): PerStep or Merged, or null for Shared (the default).</summary>
    public EnumSetting? Roles { get; init; }

    /// <summary>Managed policies for the pipeline role.</summary>
    public EquatableArray<ManagedPolicyDecl> ManagedPolicies { get; init; } = EquatableArray<ManagedPolicyDecl>.Empty;
}

/// <summary>The step kinds; each name is the definition's <c>Type</c>.</summary>
public enum StepKind
{
    Processing,
    Training,
    Condition,
    Fail,
    Tuning,
    Lambda,
    Callback,
    RegisterModel,
    Model,
    Transform,
}

/// <summary>How messages name step kinds: as users write them (<c>[RegisterModelStep]</c> is a "register-model step"),
/// never as enum names.</summary>
public static class StepKinds
{
    public static string DisplayName(this StepKind kind) => kind switch
    {
        StepKind.RegisterModel => "register-model",
        StepKind.Model => "create-model",
        StepKind.Lambda => "Lambda",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

/// <param name="BaseFramework">Hugging Face: <c>pytorch&lt;version&gt;</c> or <c>tensorflow&lt;version&gt;</c>.</param>
/// <param name="InstanceType">Model and register-model steps: the instance type that picks the processor.</param>
public sealed record FrameworkDecl(string Name, string Version, string? PythonVersion, Origin Origin, string? BaseFramework = null, string? InstanceType = null);

/// <param name="Count">The literal count (used when <see cref="CountValue"/> is null).</param>
/// <param name="VolumeSizeInGB">The literal volume size (used when <see cref="VolumeSizeValue"/> is null).</param>
public sealed record InstanceDecl(ValueSource Type, int Count, int VolumeSizeInGB, Origin Origin)
{
    /// <summary>CountParameter: the Integer parameter that gives the count at run time, or null.</summary>
    public ValueSource? CountValue { get; init; }

    /// <summary>VolumeSizeParameter: the Integer parameter that gives the volume size at run time, or null.</summary>
    public ValueSource? VolumeSizeValue { get; init; }
}

public sealed record CodeDecl(string Path, string? Command, Origin Origin);

public sealed record NamedValue(string Name, ValueSource Value, Origin Origin);

/// <param name="Name">Explicit input name, or null for the SDK's <c>input-N</c> default.</param>
public sealed record InputDecl(string? Name, ValueSource Source, string Destination, Origin Origin);

/// <param name="Member">The const field that declares the output.</param>
/// <param name="Name">The output name (the field's value).</param>
/// <param name="Source">The container path.</param>
/// <param name="Destination">The S3 destination, or null for the per-execution default.</param>
public sealed record OutputDecl(string Member, string Name, string Source, ValueSource? Destination, Origin Origin)
{
    /// <summary>The JSON file in this output that later steps read with <c>[JsonGet]</c>.</summary>
    public PropertyFileDecl? PropertyFile { get; init; }
}

public sealed record ChannelDecl(string Name, ValueSource Source, string? ContentType, Origin Origin);

/// <param name="MaxRunSeconds">Null when not given.</param>
/// <param name="MaxWaitSeconds">Null when not given.</param>
public sealed record SpotDecl(int? MaxRunSeconds, int? MaxWaitSeconds, ValueSource? CheckpointS3Uri, Origin Origin);

public sealed record DependencyDecl(string StepType, Origin Origin);

/// <summary>The job settings of a step: its container, compute, code, data and limits. A step of a kind that runs no
/// job or container (condition, fail, Lambda, callback) has <see cref="None"/> in the resolved graph, and each other
/// kind keeps only the settings it takes (<see cref="Resolution.JobSettingsResolver"/> reports and drops the rest).</summary>
/// <param name="Image">[Image]: the container image URI.</param>
/// <param name="Framework">[Framework]: a framework image chosen by name and version.</param>
/// <param name="Instance">[Instance]: the instance type, count and volume size.</param>
/// <param name="Code">[Code]: the script the container runs.</param>
/// <param name="Environment">[Environment]: environment variables.</param>
/// <param name="ContainerArguments">[ContainerArguments]: the processing container's arguments.</param>
/// <param name="Inputs">[Input]: processing inputs.</param>
/// <param name="Outputs">[Output]: processing outputs.</param>
/// <param name="Channels">[Channel]: training channels.</param>
/// <param name="HyperParameters">[HyperParameter]: training hyperparameters.</param>
/// <param name="ModelOutput">[ModelOutput]: where training writes the model.</param>
/// <param name="MaxRuntimeSeconds">[MaxRuntime]: the stopping condition (when <paramref name="MaxRuntimeOrigin"/> is set).</param>
/// <param name="MaxRuntimeOrigin">Where [MaxRuntime] is, or null when not given.</param>
/// <param name="Spot">[Spot]: managed Spot training.</param>
public sealed record JobDecl(
    ValueSource? Image,
    FrameworkDecl? Framework,
    InstanceDecl? Instance,
    CodeDecl? Code,
    EquatableArray<NamedValue> Environment,
    EquatableArray<ValueSource> ContainerArguments,
    EquatableArray<InputDecl> Inputs,
    EquatableArray<OutputDecl> Outputs,
    EquatableArray<ChannelDecl> Channels,
    EquatableArray<NamedValue> HyperParameters,
    ValueSource? ModelOutput,
    int MaxRuntimeSeconds,
    Origin? MaxRuntimeOrigin,
    SpotDecl? Spot)
{
    /// <summary>[MaxRuntime(nameof(P.X))]: the Integer parameter that gives the limit at run time, or null.</summary>
    public ValueSource? MaxRuntimeValue { get; init; }

    /// <summary>No job settings.</summary>
    public static readonly JobDecl None = new(
        null, null, null, null, EquatableArray<NamedValue>.Empty, EquatableArray<ValueSource>.Empty, EquatableArray<InputDecl>.Empty,
        EquatableArray<OutputDecl>.Empty, EquatableArray<ChannelDecl>.Empty, EquatableArray<NamedValue>.Empty, null, 0, null, null);
}

/// <summary>A step as declared: its class, kind, pipeline and name, its job settings (<see cref="JobDecl"/>), its
/// kind-specific body (<see cref="Body"/>) and the settings every kind shares.</summary>
public sealed record StepDecl(
    string TypeName,
    StepKind Kind,
    string? PipelineType,
    string Name,
    string? DisplayName,
    string? Description,
    JobDecl Job,
    EquatableArray<DependencyDecl> DependsOn,
    EquatableArray<Finding> Findings,
    Origin Origin)
{
    /// <summary>Where the step attribute's pipeline argument is.</summary>
    public Origin PipelineOrigin => Origin.WithArgument(0);

    /// <summary>Where the step name comes from (the Name argument, or the step attribute).</summary>
    public Origin NameOrigin { get; init; } = Origin;

    /// <summary>The kind-specific part of steps other than processing and training.</summary>
    public StepBody? Body { get; init; }

    /// <summary>Expressions declared on fields of the step class.</summary>
    public EquatableArray<ExpressionDecl> Expressions { get; init; } = EquatableArray<ExpressionDecl>.Empty;

    public CacheDecl? Cache { get; init; }

    public EquatableArray<RetryDecl> Retries { get; init; } = EquatableArray<RetryDecl>.Empty;

    /// <summary>The role the step runs as (<c>[RunAs]</c>), or null for the layout's.</summary>
    public RunAsDecl? RunAs { get; init; }

    /// <summary>Extra permissions for the step's role (<c>[Grant]</c>).</summary>
    public EquatableArray<GrantDecl> Grants { get; init; } = EquatableArray<GrantDecl>.Empty;

    /// <summary>Managed policies for the step's role (<c>[AttachManagedPolicy]</c>).</summary>
    public EquatableArray<ManagedPolicyDecl> ManagedPolicies { get; init; } = EquatableArray<ManagedPolicyDecl>.Empty;

    /// <summary>[Encryption]: the KMS keys of the job's outputs and volumes. Resolved form: <see cref="SecuritySettings.Of"/>.</summary>
    public EncryptionDecl? Encryption { get; init; }

    /// <summary>[Network]: the job's VPC, network isolation and inter-container encryption.</summary>
    public NetworkDecl? Network { get; init; }
}

/// <summary>Project-wide settings from MSBuild (<c>build_property.*</c>).</summary>
public sealed record BuildSettings(string? AccountId, string? Region, string Partition, string? ArtifactBucket)
{
    /// <summary>Whether the generated part of a partial pipeline class also has the <c>PipelineDefinition</c>
    /// constant (<c>SagewrightEmbedDefinition</c>; off by default).</summary>
    public bool EmbedDefinition { get; init; }
}

/// <summary>A local file a step uploads, identified by its path relative to the project.</summary>
/// <param name="RelativePath">Forward slashes, relative to the project directory.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's text as the compiler read it, encoded as UTF-8
/// (so a byte-order mark or a non-UTF-8 encoding does not count; line ends do).</param>
/// <param name="Size">The length in bytes of that UTF-8 encoding (what <see cref="Sha256"/> hashes; 0 when the
/// analyzer lists the file without reading it).</param>
public sealed record CodeFile(string RelativePath, string Sha256, long Size = 0)
{
    /// <summary>The file packed as a training job's <c>sourcedir.tar.gz</c> (the same bytes wherever it is built), or
    /// null when the file was not read.</summary>
    public CodeArchive? Archive { get; init; }
}

/// <summary>A <c>sourcedir.tar.gz</c>: the SHA-256 (lower-case hex) and length of its bytes, and the bytes as base64.</summary>
public sealed record CodeArchive(string Sha256, long Size, string Base64);
