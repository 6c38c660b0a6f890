using System;
using System.Diagnostics;

namespace Sagewright;

// A string argument of these attributes may be written as nameof(MyPipeline.SomeParameter): the
// value is then the pipeline parameter (a {"Get": "Parameters.SomeParameter"} reference), not the text.

/// <summary>The container image of a step, as a full ECR URI (pin it with a tag or a digest).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ImageAttribute : Attribute
{
    /// <param name="uri">For example <c>763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310</c>.</param>
    public ImageAttribute(string uri) => Uri = uri;

    /// <summary>The image URI.</summary>
    public string Uri { get; }
}

/// <summary>A SageMaker-provided framework or built-in algorithm container; the image URI is resolved for the build's
/// region exactly as the SageMaker Python SDK's <c>image_uris.retrieve</c> resolves it: training images for processing
/// and training steps, inference images for model and register-model steps.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class FrameworkAttribute : Attribute
{
    /// <param name="name">The framework or built-in algorithm, as the SageMaker Python SDK names it, for example
    /// <c>sklearn</c>, <c>xgboost</c>, <c>pytorch</c>, <c>huggingface</c> or <c>linear-learner</c>.</param>
    /// <param name="version">The framework version or one of its aliases, for example <c>1.2-1</c>.</param>
    public FrameworkAttribute(string name, string version)
    {
        Name = name;
        Version = version;
    }

    /// <summary>The framework name.</summary>
    public string Name { get; }

    /// <summary>The framework version.</summary>
    public string Version { get; }

    /// <summary>The Python version of the image, for example <c>py310</c>. Default: the only one the version has
    /// (required where there are several).</summary>
    public string? PythonVersion { get; set; }

    /// <summary>Hugging Face only: the framework underneath, <c>pytorch&lt;version&gt;</c> or
    /// <c>tensorflow&lt;version&gt;</c>, for example <c>pytorch2.1</c> (the SDK's <c>base_framework_version</c>).</summary>
    public string? BaseFramework { get; set; }

    /// <summary>Model and register-model steps only: the instance type the model is meant for, which picks the image's
    /// processor (cpu, gpu, inf, …). Processing and training steps take it from <c>[Instance]</c>.</summary>
    public string? InstanceType { get; set; }
}

/// <summary>The compute a job runs on.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class InstanceAttribute : Attribute
{
    /// <param name="type">The instance type, for example <c>ml.m5.large</c>.</param>
    public InstanceAttribute(string type) => Type = type;

    /// <summary>The instance type.</summary>
    public string Type { get; }

    /// <summary>The number of instances. Default: 1. To take it from an Integer pipeline parameter, set
    /// <see cref="CountParameter"/> instead.</summary>
    public int Count { get; set; } = 1;

    /// <summary><c>nameof</c> an Integer pipeline parameter that gives the number of instances at run time
    /// (<c>{"Get": "Parameters.X"}</c>), instead of <see cref="Count"/>.</summary>
    public string? CountParameter { get; set; }

    /// <summary>The size of the ML storage volume in GB. Default: 30, as in the SageMaker Python SDK. To take it from
    /// an Integer pipeline parameter, set <see cref="VolumeSizeParameter"/> instead.</summary>
    public int VolumeSizeInGB { get; set; } = 30;

    /// <summary><c>nameof</c> an Integer pipeline parameter that gives the volume size in GB at run time, instead of
    /// <see cref="VolumeSizeInGB"/>.</summary>
    public string? VolumeSizeParameter { get; set; }
}

/// <summary>A local script that Sagewright uploads to a content-addressed S3 location and runs as the
/// processing job's entry point. The file must be in the project (it is an <c>AdditionalFiles</c> item).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class CodeAttribute : Attribute
{
    /// <param name="path">The script's path relative to the project directory, for example <c>scripts/preprocess.py</c>.</param>
    public CodeAttribute(string path) => Path = path;

    /// <summary>The script path.</summary>
    public string Path { get; }

    /// <summary>The command that runs the script. Default: <c>python3</c>.</summary>
    public string? Command { get; set; }
}

/// <summary>An environment variable of the job's container.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class EnvironmentAttribute : Attribute
{
    /// <param name="name">The variable name.</param>
    /// <param name="value">The value, or <c>nameof</c> a String parameter.</param>
    public EnvironmentAttribute(string name, string value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The variable name.</summary>
    public string Name { get; }

    /// <summary>The value.</summary>
    public string Value { get; }
}

/// <summary>The arguments passed to the processing container (<c>AppSpecification.ContainerArguments</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ContainerArgumentsAttribute : Attribute
{
    /// <param name="arguments">The arguments, in order.</param>
    public ContainerArgumentsAttribute(params string[] arguments) => Arguments = arguments;

    /// <summary>The arguments.</summary>
    public string[] Arguments { get; }
}

/// <summary>A processing input, downloaded into the container before the job starts.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class InputAttribute : Attribute
{
    /// <param name="source">An S3 URI, <c>nameof</c> a String parameter, or <c>nameof</c> an upstream step's output.</param>
    /// <param name="destination">The path inside the container, under <c>/opt/ml/processing/</c>.</param>
    public InputAttribute(string source, string destination)
    {
        Source = source;
        Destination = destination;
    }

    /// <param name="step">An upstream training step (<c>typeof(Training)</c>): its model artifacts are the input.</param>
    /// <param name="destination">The path inside the container, under <c>/opt/ml/processing/</c>.</param>
    public InputAttribute(Type step, string destination)
    {
        Step = step;
        Destination = destination;
    }

    /// <summary>The source, when it is a URI, a parameter or an output.</summary>
    public string? Source { get; }

    /// <summary>The upstream step whose model artifacts are the input.</summary>
    public Type? Step { get; }

    /// <summary>The path inside the container.</summary>
    public string Destination { get; }

    /// <summary>The input name. Default: <c>input-1</c>, <c>input-2</c>, … in declaration order, as in the SDK.</summary>
    public string? Name { get; set; }
}

/// <summary>Marks a <c>const string</c> field of a processing step class as one of its outputs. The field's
/// value is the output name; other steps refer to the output with <c>nameof(Step.Field)</c>.</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class OutputAttribute : Attribute
{
    /// <param name="source">The container path the job writes to, under <c>/opt/ml/processing/</c>.</param>
    public OutputAttribute(string source) => Source = source;

    /// <summary>The container path.</summary>
    public string Source { get; }

    /// <summary>The S3 destination, as an S3 URI or <c>nameof</c> a String parameter. Default: a location versioned per execution,
    /// <c>s3://&lt;bucket&gt;/&lt;pipeline&gt;/&lt;execution id&gt;/&lt;step&gt;/output/&lt;name&gt;</c>, as in the SDK.</summary>
    public string? Destination { get; set; }
}

/// <summary>A training input channel.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ChannelAttribute : Attribute
{
    /// <param name="name">The channel name, for example <c>train</c>.</param>
    /// <param name="source">An S3 URI, <c>nameof</c> a String parameter, or <c>nameof</c> an upstream step's output.</param>
    public ChannelAttribute(string name, string source)
    {
        Name = name;
        Source = source;
    }

    /// <summary>The channel name.</summary>
    public string Name { get; }

    /// <summary>The source.</summary>
    public string Source { get; }

    /// <summary>The MIME type of the data, for example <c>text/csv</c>.</summary>
    public string? ContentType { get; set; }
}

/// <summary>A training hyperparameter.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class HyperParameterAttribute : Attribute
{
    /// <param name="name">The hyperparameter name.</param>
    /// <param name="value">The value, or <c>nameof</c> a parameter of any type (converted to a string, as the SDK does).</param>
    public HyperParameterAttribute(string name, string value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The value.</summary>
    public string Value { get; }
}

/// <summary>Where a training job writes its model artifacts (<c>OutputDataConfig.S3OutputPath</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ModelOutputAttribute : Attribute
{
    /// <param name="s3Uri">An S3 URI or <c>nameof</c> a String parameter.</param>
    public ModelOutputAttribute(string s3Uri) => S3Uri = s3Uri;

    /// <summary>The S3 URI.</summary>
    public string S3Uri { get; }
}

/// <summary>The maximum run time of a job (<c>StoppingCondition.MaxRuntimeInSeconds</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class MaxRuntimeAttribute : Attribute
{
    /// <param name="seconds">The limit in seconds. Training defaults to 86400 (one day), as in the SDK.</param>
    public MaxRuntimeAttribute(int seconds) => Seconds = seconds;

    /// <param name="parameter"><c>nameof</c> an Integer pipeline parameter that gives the limit in seconds at run time.</param>
    public MaxRuntimeAttribute(string parameter) => Parameter = parameter;

    /// <summary>The limit in seconds (0 when it comes from <see cref="Parameter"/>).</summary>
    public int Seconds { get; }

    /// <summary>The Integer parameter that gives the limit, or null.</summary>
    public string? Parameter { get; }
}

/// <summary>Managed Spot training: cheaper capacity that can be interrupted. Set a checkpoint location so
/// an interrupted job resumes instead of starting over.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class SpotAttribute : Attribute
{
    /// <summary>The maximum training time in seconds (<c>MaxRuntimeInSeconds</c>).</summary>
    public int MaxRunSeconds { get; set; }

    /// <summary>The maximum time to wait for Spot capacity plus training, in seconds
    /// (<c>MaxWaitTimeInSeconds</c>); at least <see cref="MaxRunSeconds"/>.</summary>
    public int MaxWaitSeconds { get; set; }

    /// <summary>The S3 location SageMaker syncs <c>/opt/ml/checkpoints</c> with.</summary>
    public string? CheckpointS3Uri { get; set; }
}
