using System;
using System.Diagnostics;

namespace Sagewright;

/// <summary>A real-time SageMaker endpoint that serves the model a pipeline registers. SageMaker Pipelines has no
/// endpoint step: Sagewright writes, under <c>sagemaker/&lt;Pipeline&gt;/endpoints/&lt;Endpoint&gt;/</c>, a CloudFormation
/// template (<c>endpoint.template.json</c>) that deploys the model package you pass it (its <c>ModelPackageName</c>
/// parameter: the latest approved version of the group), and the equivalent API requests (<c>create-model.json</c>,
/// <c>create-endpoint-config.json</c>, <c>create-endpoint.json</c>, and with <see cref="AutoScalingAttribute"/>
/// <c>register-scalable-target.json</c> and <c>put-scaling-policy.json</c>). Declare the variants with
/// <see cref="ProductionVariantAttribute"/> or <see cref="ServerlessVariantAttribute"/> (default: one
/// <c>AllTraffic</c> variant on one <c>ml.m5.large</c>, as the SageMaker Python SDK names it), data capture with
/// <see cref="DataCaptureAttribute"/>, scaling with <see cref="AutoScalingAttribute"/>, tags with
/// <see cref="TagAttribute"/> and the inference role with <see cref="RunAsAttribute"/> (default: a role derived for
/// this endpoint, <c>&lt;pipeline&gt;-endpoint-&lt;name&gt;</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class EndpointAttribute : Attribute
{
    /// <param name="model">The model the endpoint serves: a <see cref="RegisterModelStepAttribute"/> class (its model
    /// package group, at the version you deploy), or a <see cref="PipelineAttribute"/> class together with
    /// <see cref="ModelPackageArn"/> (a fixed model package).</param>
    public EndpointAttribute(Type model) => Model = model;

    /// <summary>The register-model step (or the pipeline, with <see cref="ModelPackageArn"/>).</summary>
    public Type Model { get; }

    /// <summary>The endpoint name (<c>EndpointName</c>): 1–63 letters, digits and hyphens, starting and ending with a
    /// letter or digit. Default: the class name.</summary>
    public string? Name { get; set; }

    /// <summary>A fixed model package version ARN to serve
    /// (<c>arn:aws:sagemaker:&lt;region&gt;:&lt;account&gt;:model-package/&lt;group&gt;/&lt;version&gt;</c>): the
    /// default of the template's <c>ModelPackageName</c> parameter. Required when <see cref="Model"/> is a pipeline.</summary>
    public string? ModelPackageArn { get; set; }
}

/// <summary>An instance-based production variant (<c>ProductionVariants[]</c> of CreateEndpointConfig). Several
/// variants split the traffic by their <see cref="Weight"/> (A/B testing).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ProductionVariantAttribute : Attribute
{
    /// <param name="instanceType">An instance type valid for hosting, e.g. <c>ml.m5.large</c>.</param>
    public ProductionVariantAttribute(string instanceType) => InstanceType = instanceType;

    /// <summary>The instance type.</summary>
    public string InstanceType { get; }

    /// <summary>The number of instances at creation (<c>InitialInstanceCount</c>). Default: 1, as the SageMaker
    /// Python SDK's <c>deploy</c> examples use; 2 or more spreads them across Availability Zones.</summary>
    public int InitialInstanceCount { get; set; } = 1;

    /// <summary>The variant name (<c>VariantName</c>). Default: <c>AllTraffic</c> (the SageMaker Python SDK's), or
    /// <c>Variant-&lt;n&gt;</c> from the second variant on.</summary>
    public string? Name { get; set; }

    /// <summary>The relative traffic share (<c>InitialVariantWeight</c>). Default: 1.</summary>
    public double Weight { get; set; } = 1;
}

/// <summary>A serverless production variant (<c>ServerlessConfig</c>): no instances, billed per request, cold starts
/// unless <see cref="ProvisionedConcurrency"/> is set.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ServerlessVariantAttribute : Attribute
{
    /// <param name="memorySizeInMB">1024, 2048, 3072, 4096, 5120 or 6144.</param>
    /// <param name="maxConcurrency">1–200 concurrent invocations.</param>
    public ServerlessVariantAttribute(int memorySizeInMB, int maxConcurrency)
    {
        MemorySizeInMB = memorySizeInMB;
        MaxConcurrency = maxConcurrency;
    }

    /// <summary>The memory size (<c>MemorySizeInMB</c>).</summary>
    public int MemorySizeInMB { get; }

    /// <summary>The maximum concurrency (<c>MaxConcurrency</c>).</summary>
    public int MaxConcurrency { get; }

    /// <summary>Warm instances kept ready (<c>ProvisionedConcurrency</c>), 1 to <see cref="MaxConcurrency"/>.
    /// Default: 0, none (the API's default).</summary>
    public int ProvisionedConcurrency { get; set; }

    /// <summary>The variant name. Default: <c>AllTraffic</c>, or <c>Variant-&lt;n&gt;</c> from the second variant on.</summary>
    public string? Name { get; set; }

    /// <summary>The relative traffic share (<c>InitialVariantWeight</c>). Default: 1.</summary>
    public double Weight { get; set; } = 1;
}

/// <summary>Records the endpoint's requests and responses to S3 (<c>DataCaptureConfig</c>) for SageMaker Model Monitor.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class DataCaptureAttribute : Attribute
{
    /// <param name="destinationS3Uri">Where the captures go (<c>DestinationS3Uri</c>), an <c>s3://</c> URI; a prefix of
    /// its own, not shared with training data.</param>
    public DataCaptureAttribute(string destinationS3Uri) => DestinationS3Uri = destinationS3Uri;

    /// <summary>The destination.</summary>
    public string DestinationS3Uri { get; }

    /// <summary>Whether capture is on (<c>EnableCapture</c>). Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The percentage of requests captured (<c>InitialSamplingPercentage</c>), 0–100. Default: 20, the
    /// SageMaker Python SDK's <c>DataCaptureConfig</c> default.</summary>
    public int SamplingPercentage { get; set; } = 20;

    /// <summary>Capture the requests (<c>CaptureOptions</c> <c>Input</c>). Default: true.</summary>
    public bool CaptureRequest { get; set; } = true;

    /// <summary>Capture the responses (<c>CaptureOptions</c> <c>Output</c>). Default: true.</summary>
    public bool CaptureResponse { get; set; } = true;

    /// <summary>Content types recorded as CSV (<c>CaptureContentTypeHeader.CsvContentTypes</c>). Default: none
    /// (SageMaker's default handling).</summary>
    public string[]? CsvContentTypes { get; set; }

    /// <summary>Content types recorded as JSON (<c>CaptureContentTypeHeader.JsonContentTypes</c>).</summary>
    public string[]? JsonContentTypes { get; set; }

    /// <summary>The KMS key that encrypts the captures (<c>KmsKeyId</c>): a key ARN, alias ARN, key ID or alias.
    /// Default: none (S3's default encryption).</summary>
    public string? KmsKeyId { get; set; }
}

/// <summary>Application Auto Scaling for an instance-based variant (<c>RegisterScalableTarget</c> on
/// <c>sagemaker:variant:DesiredInstanceCount</c> and a target-tracking <c>PutScalingPolicy</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class AutoScalingAttribute : Attribute
{
    /// <param name="minCapacity">The fewest instances (<c>MinCapacity</c>).</param>
    /// <param name="maxCapacity">The most instances (<c>MaxCapacity</c>).</param>
    /// <param name="targetValue">The target of the metric: invocations per instance per minute for
    /// <c>SageMakerVariantInvocationsPerInstance</c>, else in the custom metric's unit.</param>
    public AutoScalingAttribute(int minCapacity, int maxCapacity, double targetValue)
    {
        MinCapacity = minCapacity;
        MaxCapacity = maxCapacity;
        TargetValue = targetValue;
    }

    /// <summary>The minimum capacity.</summary>
    public int MinCapacity { get; }

    /// <summary>The maximum capacity.</summary>
    public int MaxCapacity { get; }

    /// <summary>The target value.</summary>
    public double TargetValue { get; }

    /// <summary>The variant it scales. Default: the only instance-based variant.</summary>
    public string? Variant { get; set; }

    /// <summary>Seconds after a scale-in before another (<c>ScaleInCooldown</c>). Default: 300, Application Auto
    /// Scaling's default for SageMaker variants.</summary>
    public int ScaleInCooldownSeconds { get; set; } = 300;

    /// <summary>Seconds after a scale-out before another (<c>ScaleOutCooldown</c>). Default: 300, Application Auto
    /// Scaling's default for SageMaker variants.</summary>
    public int ScaleOutCooldownSeconds { get; set; } = 300;

    /// <summary>A CloudWatch metric to track instead of <c>SageMakerVariantInvocationsPerInstance</c>
    /// (<c>CustomizedMetricSpecification.MetricName</c>), with the endpoint and variant as dimensions.</summary>
    public string? CustomMetric { get; set; }

    /// <summary>The custom metric's namespace. Default: <c>/aws/sagemaker/Endpoints</c>.</summary>
    public string? CustomMetricNamespace { get; set; }

    /// <summary>The custom metric's statistic: Average, Minimum, Maximum, SampleCount or Sum. Default: Average.</summary>
    public string? CustomMetricStatistic { get; set; }
}
