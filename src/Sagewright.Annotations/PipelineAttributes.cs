using System;
using System.Diagnostics;

namespace Sagewright;

// Every attribute here is [Conditional]: Sagewright reads them at compile time and they leave no
// trace (and no runtime dependency) in the user's assembly.

/// <summary>Declares a SageMaker pipeline. Put it on a <c>static partial class</c>; Sagewright adds
/// the generated definition to that class as constants.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class PipelineAttribute : Attribute
{
    /// <param name="name">The pipeline name: 1–256 characters, letters, digits and single hyphens.</param>
    public PipelineAttribute(string name) => Name = name;

    /// <summary>The pipeline name.</summary>
    public string Name { get; }

    /// <summary>The pipeline description (CreatePipeline <c>PipelineDescription</c>).</summary>
    public string? Description { get; set; }

    /// <summary>The display name (CreatePipeline <c>PipelineDisplayName</c>).</summary>
    public string? DisplayName { get; set; }

    /// <summary>The bucket for uploaded code and for outputs without a destination.
    /// Default: <c>sagemaker-&lt;region&gt;-&lt;account&gt;</c>, the SageMaker Python SDK's default bucket.</summary>
    public string? ArtifactBucket { get; set; }

    /// <summary>The role that SageMaker assumes to run the pipeline. Default:
    /// <c>arn:&lt;partition&gt;:iam::&lt;account&gt;:role/&lt;pipeline&gt;-pipeline</c>. Sagewright writes its policy either way
    /// (<c>iam/&lt;role name&gt;.policy.json</c>).</summary>
    public string? RoleArn { get; set; }

    /// <summary>The role the pipeline's processing, training and tuning jobs run as. Default:
    /// <c>arn:&lt;partition&gt;:iam::&lt;account&gt;:role/&lt;pipeline&gt;-job</c>.</summary>
    public string? JobRoleArn { get; set; }

    /// <summary>The role the pipeline's models run as (<c>ExecutionRoleArn</c>; transform jobs use it too). Default:
    /// <c>arn:&lt;partition&gt;:iam::&lt;account&gt;:role/&lt;pipeline&gt;-inference</c>.</summary>
    public string? InferenceRoleArn { get; set; }

    /// <summary>How jobs and models are split between roles. Default: <see cref="RoleLayout.Shared"/>.</summary>
    public RoleLayout Roles { get; set; }

    /// <summary>Whether executions are tracked in SageMaker Experiments (<c>PipelineExperimentConfig</c>). Default: true.</summary>
    public bool ExperimentTracking { get; set; } = true;

    /// <summary>The experiment that executions are recorded in: text, or <c>nameof</c> a String parameter or an
    /// execution variable. Default: the pipeline name (<c>Execution.PipelineName</c>).</summary>
    public string? ExperimentName { get; set; }

    /// <summary>The trial each execution is recorded as. Default: the execution ID (<c>Execution.PipelineExecutionId</c>).</summary>
    public string? TrialName { get; set; }
}

/// <summary>A tag for the pipeline (CreatePipeline <c>Tags</c>), or on a register-model step, for the model package.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class TagAttribute : Attribute
{
    /// <param name="key">Tag key, 1–128 characters.</param>
    /// <param name="value">Tag value, up to 256 characters.</param>
    public TagAttribute(string key, string value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The tag key.</summary>
    public string Key { get; }

    /// <summary>The tag value.</summary>
    public string Value { get; }
}

/// <summary>Declares a pipeline parameter on a <c>const</c> field of the pipeline class. The field's
/// value is the default; its C# type gives the parameter type (<c>string</c> → String, <c>int</c>/<c>long</c>
/// → Integer, <c>double</c>/<c>float</c>/<c>decimal</c> → Float, <c>bool</c> → Boolean). Refer to it
/// from any step with <c>nameof(MyPipeline.MyParameter)</c>.</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ParameterAttribute : Attribute
{
    /// <summary>The parameter name in the definition. Default: the field name.</summary>
    public string? Name { get; set; }

    /// <summary>For String parameters: the values an execution may pass (<c>EnumValues</c>); the default must be one of them.</summary>
    public string[]? EnumValues { get; set; }
}
