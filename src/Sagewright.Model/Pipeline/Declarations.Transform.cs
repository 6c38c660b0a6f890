namespace Sagewright.Model.Pipeline;

/// <summary>A model step (CreateModel). The image and environment are the common <see cref="StepDecl"/> fields.</summary>
/// <param name="ModelData">The model artifacts (literal S3 URI, parameter or a training step's artifacts), or null.</param>
/// <param name="RoleArn">The explicit execution role, or null for the pipeline's job role.</param>
/// <param name="NetworkIsolation">Whether <c>EnableNetworkIsolation</c> is set.</param>
/// <param name="Origin">The step attribute (RoleArn and NetworkIsolation are its named arguments).</param>
public sealed record ModelBody(ValueSource? ModelData, string? RoleArn, bool NetworkIsolation, Origin Origin) : StepBody;

/// <summary>An enum setting written as a named argument: the API value, or null when the value is not one of the
/// enum's members (an out-of-range cast).</summary>
public sealed record EnumSetting(string? Value, Origin Origin);

public sealed record TransformInputDecl(ValueSource Source, string? ContentType, EnumSetting? SplitType, EnumSetting? CompressionType, Origin Origin);

public sealed record TransformOutputDecl(ValueSource? Destination, string? Accept, EnumSetting? AssembleWith, Origin Origin);

public sealed record DataProcessingDecl(string? InputFilter, string? OutputFilter, EnumSetting? JoinSource, Origin Origin);

/// <summary>A transform step (CreateTransformJob). The instance and environment are the common <see cref="StepDecl"/> fields.</summary>
/// <param name="Model">The model step whose model is used (<c>Model = typeof(...)</c>), or null.</param>
/// <param name="ModelName">The model name as text or a parameter (<c>ModelName = ...</c>), or null.</param>
/// <param name="MaxPayloadInMB">Null when not set.</param>
/// <param name="MaxConcurrentTransforms">Null when not set.</param>
/// <param name="Origin">The step attribute.</param>
public sealed record TransformBody(
    DependencyDecl? Model,
    ValueSource? ModelName,
    EnumSetting? BatchStrategy,
    int? MaxPayloadInMB,
    int? MaxConcurrentTransforms,
    TransformInputDecl? Input,
    TransformOutputDecl? Output,
    DataProcessingDecl? DataProcessing,
    Origin Origin) : StepBody;
