namespace Sagewright.Model.Pipeline;

/// <summary>An <c>[Endpoint]</c> class: a real-time endpoint that serves the model package group of one of its
/// pipeline's register-model steps (or a fixed model package).</summary>
/// <param name="TypeName">The metadata name of the class.</param>
/// <param name="PipelineType">The pipeline it belongs to: the register-model step's pipeline, or the pipeline named
/// directly; null when neither could be read.</param>
/// <param name="ModelStepType">The register-model step it serves, or null for a fixed package.</param>
/// <param name="Name">The endpoint name (explicit or from the class name).</param>
/// <param name="ModelPackageArn">A fixed model package ARN, or null.</param>
/// <param name="Origin">The <c>[Endpoint]</c> attribute.</param>
public sealed record EndpointDecl(
    string TypeName,
    string ClassName,
    string? PipelineType,
    string? ModelStepType,
    string Name,
    Origin NameOrigin,
    string? ModelPackageArn,
    EquatableArray<VariantDecl> Variants,
    DataCaptureDecl? DataCapture,
    EquatableArray<AutoScalingDecl> AutoScaling,
    EquatableArray<TagDecl> Tags,
    RunAsDecl? RunAs,
    EquatableArray<Finding> Findings,
    Origin Origin)
{
    /// <summary>Where the model (<c>typeof</c>) argument is.</summary>
    public Origin ModelOrigin => Origin.WithArgument(0);
}

/// <summary>One production variant: instance-based (<see cref="InstanceType"/> set) or serverless
/// (<see cref="MemorySizeInMB"/> set).</summary>
public sealed record VariantDecl(
    string Name,
    string? InstanceType,
    int InitialInstanceCount,
    int? MemorySizeInMB,
    int? MaxConcurrency,
    int? ProvisionedConcurrency,
    double Weight,
    Origin Origin)
{
    public bool IsServerless => InstanceType is null;

    /// <summary>Where the variant's name comes from (the Name argument, or the attribute).</summary>
    public Origin NameOrigin { get; init; } = Origin;
}

/// <summary><c>[DataCapture]</c>. Each setting's origin is the named argument when written, else the attribute.</summary>
public sealed record DataCaptureDecl(
    string DestinationS3Uri,
    bool Enabled,
    int SamplingPercentage,
    bool CaptureRequest,
    bool CaptureResponse,
    EquatableArray<string> CsvContentTypes,
    EquatableArray<string> JsonContentTypes,
    string? KmsKeyId,
    Origin Origin)
{
    public Origin? EnabledOrigin { get; init; }

    public Origin? SamplingOrigin { get; init; }

    public Origin? CaptureRequestOrigin { get; init; }

    public Origin? CaptureResponseOrigin { get; init; }

    public Origin? KmsKeyOrigin { get; init; }
}

/// <summary><c>[AutoScaling]</c> for one variant.</summary>
public sealed record AutoScalingDecl(
    string? Variant,
    int MinCapacity,
    int MaxCapacity,
    double TargetValue,
    int ScaleInCooldownSeconds,
    int ScaleOutCooldownSeconds,
    string? CustomMetric,
    string CustomMetricNamespace,
    string CustomMetricStatistic,
    Origin Origin)
{
    public Origin? VariantOrigin { get; init; }

    public Origin? ScaleInOrigin { get; init; }
}
