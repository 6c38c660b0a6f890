using System;
using System.Diagnostics;

namespace Sagewright;

/// <summary>A model step (<c>"Type": "Model"</c>, CreateModel): registers the container image and model
/// artifacts as a SageMaker model that transform steps and endpoints use. Takes <see cref="ImageAttribute"/>
/// (required), <see cref="ModelDataAttribute"/> and <see cref="EnvironmentAttribute"/>. Other steps refer to the
/// created model with <c>typeof</c> this class, for example <c>[TransformStep(typeof(P), Model = typeof(CreateFraudModel))]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class CreateModelStepAttribute : StepAttribute
{
    /// <param name="pipeline">The pipeline class this step belongs to: <c>typeof(MyPipeline)</c>.</param>
    public CreateModelStepAttribute(Type pipeline) : base(pipeline) { }

    /// <summary>The IAM role the model's containers run as (<c>ExecutionRoleArn</c>). Default: the pipeline's inference
    /// role (see <see cref="PipelineAttribute.Roles"/>).</summary>
    public string? RoleArn { get; set; }

    /// <summary>Runs the model's containers without network access (<c>EnableNetworkIsolation</c>). Default: false, as in the SDK.</summary>
    public bool NetworkIsolation { get; set; }
}

/// <summary>The model artifacts of a model step (<c>PrimaryContainer.ModelDataUrl</c>) or a register-model step
/// (the inference container's <c>ModelDataUrl</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ModelDataAttribute : Attribute
{
    /// <param name="source">An <c>s3://</c> URI of a <c>model.tar.gz</c>, or <c>nameof</c> a String parameter (a register-model
    /// step also takes a processing output or a <see cref="JoinAttribute"/> expression).</param>
    public ModelDataAttribute(string source) => Source = source;

    /// <param name="step">A training step (<c>typeof(Training)</c>): its model artifacts.</param>
    public ModelDataAttribute(Type step) => Step = step;

    /// <summary>The source, when it is a URI or a parameter.</summary>
    public string? Source { get; }

    /// <summary>The training step whose model artifacts are used.</summary>
    public Type? Step { get; }
}

/// <summary>A batch transform step (<c>"Type": "Transform"</c>, CreateTransformJob). Set the model with
/// <see cref="Model"/> (a model step) or <see cref="ModelName"/>; add <see cref="InstanceAttribute"/>,
/// <see cref="TransformInputAttribute"/>, and optionally <see cref="TransformOutputAttribute"/>,
/// <see cref="DataProcessingAttribute"/> and <see cref="EnvironmentAttribute"/>. Transform steps can be cached
/// and retried on SageMaker job failures.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class TransformStepAttribute : StepAttribute
{
    /// <param name="pipeline">The pipeline class this step belongs to: <c>typeof(MyPipeline)</c>.</param>
    public TransformStepAttribute(Type pipeline) : base(pipeline) { }

    /// <summary>The model step whose model the job uses: <c>typeof(CreateFraudModel)</c>.</summary>
    public Type? Model { get; set; }

    /// <summary>The name of an existing SageMaker model, or <c>nameof</c> a String parameter (instead of <see cref="Model"/>).</summary>
    public string? ModelName { get; set; }

    /// <summary>How records are batched into a request (<c>BatchStrategy</c>). Not sent unless set.</summary>
    public BatchStrategy BatchStrategy { get; set; }

    /// <summary>The largest request payload in MB, 0 to 100 (<c>MaxPayloadInMB</c>). Not sent unless set.</summary>
    public int MaxPayloadInMB { get; set; }

    /// <summary>Parallel requests per instance, at least 0 (<c>MaxConcurrentTransforms</c>). Not sent unless set.</summary>
    public int MaxConcurrentTransforms { get; set; }
}

/// <summary>The data a transform step reads (<c>TransformInput</c>; <c>S3DataType</c> is <c>S3Prefix</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class TransformInputAttribute : Attribute
{
    /// <param name="source">An S3 URI, <c>nameof</c> a String parameter, or <c>nameof</c> an upstream step's output.</param>
    public TransformInputAttribute(string source) => Source = source;

    /// <summary>The source.</summary>
    public string Source { get; }

    /// <summary>The MIME type of the data, for example <c>text/csv</c>.</summary>
    public string? ContentType { get; set; }

    /// <summary>How the input files are split into records. Not sent unless set.</summary>
    public SplitType SplitType { get; set; }

    /// <summary>The compression of the input files. Not sent unless set.</summary>
    public CompressionType CompressionType { get; set; }
}

/// <summary>Where and how a transform step writes its results (<c>TransformOutput</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class TransformOutputAttribute : Attribute
{
    /// <summary>The S3 location, as an S3 URI or <c>nameof</c> a String parameter. Default: a location versioned per
    /// execution, <c>s3://&lt;bucket&gt;/&lt;pipeline&gt;/&lt;execution id&gt;/&lt;step&gt;</c>.</summary>
    public string? Destination { get; set; }

    /// <summary>The MIME type of the results, for example <c>text/csv</c>.</summary>
    public string? Accept { get; set; }

    /// <summary>How results of one input file are assembled. Not sent unless set.</summary>
    public AssembleWith AssembleWith { get; set; }
}

/// <summary>Filters and joins a transform step's input and output (<c>DataProcessing</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class DataProcessingAttribute : Attribute
{
    /// <summary>A JSONPath that selects the part of each input record sent to the model, for example <c>$[1:]</c>.</summary>
    public string? InputFilter { get; set; }

    /// <summary>A JSONPath that selects the part of the joined result written out, for example <c>$[0,-1]</c>.</summary>
    public string? OutputFilter { get; set; }

    /// <summary>Joins the input record to the result. Not sent unless set.</summary>
    public JoinSource JoinSource { get; set; }
}

/// <summary>Values of <c>BatchStrategy</c>; <see cref="Default"/> leaves it out.</summary>
public enum BatchStrategy
{
    /// <summary>Not set.</summary>
    Default,

    /// <summary>As many records per request as <c>MaxPayloadInMB</c> allows.</summary>
    MultiRecord,

    /// <summary>One record per request.</summary>
    SingleRecord,
}

/// <summary>Values of <c>SplitType</c>; <see cref="Default"/> leaves it out.</summary>
public enum SplitType
{
    /// <summary>Not set.</summary>
    Default,

    /// <summary>Each file is one record.</summary>
    None,

    /// <summary>Lines.</summary>
    Line,

    /// <summary>RecordIO records.</summary>
    RecordIO,

    /// <summary>TFRecord records.</summary>
    TFRecord,
}

/// <summary>Values of <c>CompressionType</c>; <see cref="Default"/> leaves it out.</summary>
public enum CompressionType
{
    /// <summary>Not set.</summary>
    Default,

    /// <summary>Uncompressed.</summary>
    None,

    /// <summary>Gzip.</summary>
    Gzip,
}

/// <summary>Values of <c>AssembleWith</c>; <see cref="Default"/> leaves it out.</summary>
public enum AssembleWith
{
    /// <summary>Not set.</summary>
    Default,

    /// <summary>Results are concatenated as they are.</summary>
    None,

    /// <summary>Each result on its own line.</summary>
    Line,
}

/// <summary>Values of <c>DataProcessing.JoinSource</c>; <see cref="Default"/> leaves it out.</summary>
public enum JoinSource
{
    /// <summary>Not set.</summary>
    Default,

    /// <summary>No join.</summary>
    None,

    /// <summary>The input record is joined to the result.</summary>
    Input,
}
