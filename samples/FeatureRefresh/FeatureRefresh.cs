using Sagewright;

namespace Contoso.Features;

/// <summary>Nightly feature refresh: a Lambda function checks that yesterday's partition has landed and is big
/// enough; if so a processing job builds the features and an external loader (reached through an SQS queue, it
/// reports back with SendPipelineExecutionStepSuccess) loads them into the serving store; otherwise the run fails
/// with the row count in the message.</summary>
[Pipeline("FeatureRefresh", Description = "Checks, builds and loads the nightly customer features", ArtifactBucket = "feature-pipeline-artifacts")]
[Tag("team", "data-platform")]
[Tag("env", "prod")]
[Tag("pipeline", "feature-refresh")]
public static partial class FeatureRefresh
{
    [Parameter] public const string Table = "events.customer_activity";
    [Parameter] public const int MinimumRows = 100000;

    /// <summary>The customer managed KMS key of the feature data.</summary>
    public const string FeatureKey = "arn:aws:kms:us-east-1:123456789012:key/0fedcba9-8765-4321-abcd-ef0123456789";
}

[LambdaStep(typeof(FeatureRefresh), FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:check-partition", TimeoutSeconds = 120)]
[StepInput("table", nameof(FeatureRefresh.Table))]
[StepInput("execution", nameof(Execution.PipelineExecutionId))]
public sealed class CheckPartition
{
    /// <summary>The S3 prefix of the newest partition. The function returns one of the table's partitions, so the
    /// jobs that read it get access to the table's prefix only.</summary>
    [OutputParameter, Within("s3://contoso-data-lake/events/customer_activity/")] public static readonly string PartitionUri = "";

    /// <summary>How many rows it holds.</summary>
    [OutputParameter] public static readonly int RowCount;
}

[ConditionStep(typeof(FeatureRefresh))]
[GreaterThanOrEqualTo(nameof(CheckPartition.RowCount), nameof(FeatureRefresh.MinimumRows))]
[IfSteps(typeof(BuildFeatures), typeof(LoadFeatures))]
[ElseSteps(typeof(TooFewRows))]
public sealed class EnoughData;

[ProcessingStep(typeof(FeatureRefresh), DisplayName = "Build customer features")]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.2xlarge")]
[Code("scripts/build_features.py")]
[Encryption(OutputKmsKeyId = FeatureRefresh.FeatureKey, VolumeKmsKeyId = FeatureRefresh.FeatureKey)]
[Input(nameof(CheckPartition.PartitionUri), "/opt/ml/processing/input")]
[Environment("SOURCE_TABLE", nameof(FeatureRefresh.Table))]
[Cache("P1D")]
[Retry(RetryOn.CapacityError, RetryOn.ResourceLimit, ExpireAfterMinutes = 120, IntervalSeconds = 60)]
public sealed class BuildFeatures
{
    [Output("/opt/ml/processing/features")] public const string Features = "features";
}

[CallbackStep(typeof(FeatureRefresh), QueueUrl = "https://sqs.us-east-1.amazonaws.com/123456789012/feature-loader")]
[StepInput("features", nameof(BuildFeatures.Features))]
[StepInput("rows", nameof(CheckPartition.RowCount))]
[DependsOn(typeof(BuildFeatures))]
public sealed class LoadFeatures
{
    /// <summary>The loader's job id, for tracing.</summary>
    [OutputParameter] public static readonly string LoadId = "";
}

[FailStep(typeof(FeatureRefresh))]
[ErrorMessage("Only ", nameof(CheckPartition.RowCount), " rows arrived in ", nameof(FeatureRefresh.Table), "; at least ", nameof(FeatureRefresh.MinimumRows), " are needed")]
public sealed class TooFewRows;
