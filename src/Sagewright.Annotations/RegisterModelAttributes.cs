using System;
using System.Diagnostics;

namespace Sagewright;

/// <summary>The approval status a registered model package starts with (<c>ModelApprovalStatus</c>).</summary>
public enum ModelApprovalStatus
{
    /// <summary>Waits for a reviewer to approve or reject it (the default, and the SageMaker best practice).</summary>
    PendingManualApproval,

    /// <summary>Approved at once: deployments that watch the group pick it up without a review.</summary>
    Approved,

    /// <summary>Registered as rejected.</summary>
    Rejected,
}

/// <summary>A register-model step (<c>"Type": "RegisterModel"</c>, a CreateModelPackage request): registers a
/// new version in a model package group. The container image is <see cref="ImageAttribute"/>, the model is
/// <see cref="ModelDataAttribute"/>; <see cref="TagAttribute"/> on the class tags the model package, and
/// <see cref="StepAttribute.Description"/> is also the model package description.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class RegisterModelStepAttribute : StepAttribute
{
    /// <param name="pipeline">The pipeline class this step belongs to.</param>
    /// <param name="modelPackageGroup">The model package group (<c>ModelPackageGroupName</c>): 1–63 letters, digits
    /// and hyphens, starting and ending with a letter or digit, or the group's ARN.</param>
    public RegisterModelStepAttribute(Type pipeline, string modelPackageGroup) : base(pipeline) => ModelPackageGroup = modelPackageGroup;

    /// <summary>The model package group name.</summary>
    public string ModelPackageGroup { get; }

    /// <summary>The status the new version starts with. Default: <see cref="ModelApprovalStatus.PendingManualApproval"/>.</summary>
    public ModelApprovalStatus ApprovalStatus { get; set; }

    /// <summary><c>nameof</c> a String pipeline parameter that gives the status at run time (the SDK's
    /// <c>approval_status=ParameterString(...)</c>), instead of <see cref="ApprovalStatus"/>. Its default and
    /// <c>EnumValues</c> must be <c>PendingManualApproval</c>, <c>Approved</c> or <c>Rejected</c>.</summary>
    public string? ApprovalStatusParameter { get; set; }
}

/// <summary>The request content types the model accepts (<c>SupportedContentTypes</c>), e.g. <c>text/csv</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ContentTypesAttribute : Attribute
{
    /// <param name="contentTypes">The MIME types.</param>
    public ContentTypesAttribute(params string[] contentTypes) => ContentTypes = contentTypes;

    /// <summary>The MIME types.</summary>
    public string[] ContentTypes { get; }
}

/// <summary>The response MIME types the model produces (<c>SupportedResponseMIMETypes</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ResponseTypesAttribute : Attribute
{
    /// <param name="responseTypes">The MIME types, <c>type/subtype</c>.</param>
    public ResponseTypesAttribute(params string[] responseTypes) => ResponseTypes = responseTypes;

    /// <summary>The MIME types.</summary>
    public string[] ResponseTypes { get; }
}

/// <summary>The endpoint instance types the model supports (<c>SupportedRealtimeInferenceInstanceTypes</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class InferenceInstancesAttribute : Attribute
{
    /// <param name="instanceTypes">Instance types valid for endpoints, e.g. <c>ml.m5.large</c>.</param>
    public InferenceInstancesAttribute(params string[] instanceTypes) => InstanceTypes = instanceTypes;

    /// <summary>The instance types.</summary>
    public string[] InstanceTypes { get; }
}

/// <summary>The batch-transform instance types the model supports (<c>SupportedTransformInstanceTypes</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class TransformInstancesAttribute : Attribute
{
    /// <param name="instanceTypes">Instance types valid for transform jobs, e.g. <c>ml.m5.large</c>.</param>
    public TransformInstancesAttribute(params string[] instanceTypes) => InstanceTypes = instanceTypes;

    /// <summary>The instance types.</summary>
    public string[] InstanceTypes { get; }
}

/// <summary>Attaches an evaluation report to the model package as its model-quality statistics
/// (<c>ModelMetrics.ModelQuality.Statistics</c>): the JSON file the output's <see cref="PropertyFileAttribute"/>
/// declares, at <c>&lt;output S3 location&gt;/&lt;file&gt;</c>; or a report already in S3, given by its URI.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ModelMetricsAttribute : Attribute
{
    /// <param name="output"><c>nameof</c> the processing output with a <see cref="PropertyFileAttribute"/>, for
    /// example <c>nameof(Evaluation.Report)</c>; or the report's <c>s3://</c> URI, or <c>nameof</c> a String parameter or
    /// <see cref="JoinAttribute"/> that holds it.</param>
    public ModelMetricsAttribute(string output) => Output = output;

    /// <summary>The output.</summary>
    public string Output { get; }

    /// <summary>The report's content type. Default: <c>application/json</c>.</summary>
    public string? ContentType { get; set; }
}

/// <summary>Which drift-check baseline a <see cref="DriftCheckBaselineAttribute"/> gives (a member of
/// <c>DriftCheckBaselines</c>).</summary>
public enum DriftBaseline
{
    /// <summary><c>ModelQuality.Statistics</c>.</summary>
    ModelQualityStatistics,

    /// <summary><c>ModelQuality.Constraints</c>.</summary>
    ModelQualityConstraints,

    /// <summary><c>ModelDataQuality.Statistics</c>.</summary>
    ModelDataQualityStatistics,

    /// <summary><c>ModelDataQuality.Constraints</c>.</summary>
    ModelDataQualityConstraints,

    /// <summary><c>Bias.PreTrainingConstraints</c>.</summary>
    BiasPreTrainingConstraints,

    /// <summary><c>Bias.PostTrainingConstraints</c>.</summary>
    BiasPostTrainingConstraints,

    /// <summary><c>Explainability.Constraints</c>.</summary>
    ExplainabilityConstraints,
}

/// <summary>A drift-check baseline of the model package (<c>DriftCheckBaselines</c>), which model monitoring and later
/// quality checks compare against.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class DriftCheckBaselineAttribute : Attribute
{
    /// <param name="baseline">Which baseline.</param>
    /// <param name="source">The file's <c>s3://</c> URI, <c>nameof</c> a String parameter or <see cref="JoinAttribute"/>
    /// that holds it, or <c>nameof</c> a processing output that contains the file (then set <see cref="File"/>).</param>
    public DriftCheckBaselineAttribute(DriftBaseline baseline, string source)
    {
        Baseline = baseline;
        Source = source;
    }

    /// <summary>Which baseline.</summary>
    public DriftBaseline Baseline { get; }

    /// <summary>The file or the output that contains it.</summary>
    public string Source { get; }

    /// <summary>For a processing output: the file's path inside it, for example <c>constraints.json</c>.</summary>
    public string? File { get; set; }

    /// <summary>The file's content type. Default: <c>application/json</c>.</summary>
    public string? ContentType { get; set; }
}

/// <summary>A customer metadata property of the model package (<c>CustomerMetadataProperties</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class CustomerMetadataAttribute : Attribute
{
    /// <param name="key">1–128 letters, digits, spaces and <c>_ . : / = + - @</c>.</param>
    /// <param name="value">1–256 of the same characters.</param>
    public CustomerMetadataAttribute(string key, string value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The key.</summary>
    public string Key { get; }

    /// <summary>The value.</summary>
    public string Value { get; }
}
