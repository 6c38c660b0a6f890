using Sagewright;

namespace Contoso.AntiPatterns.SpotRetry;

// SGW112: Spot training without a retry policy for capacity errors. When SageMaker cannot get Spot instances,
// the job fails at once, and with it the whole execution.
// Fix: [Retry(RetryOn.CapacityError, MaxAttempts = 3, IntervalSeconds = 60)].
[Pipeline("SpotWithoutRetry", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "spot-without-retry")]
public static partial class SpotWithoutRetry
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[ProcessingStep(typeof(SpotWithoutRetry))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/prepare.py")]
[Input(nameof(SpotWithoutRetry.InputData), "/opt/ml/processing/input")]
public sealed class Prepare
{
    [Output("/opt/ml/processing/train")] public const string Train = "train";
}

[TrainingStep(typeof(SpotWithoutRetry))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(Prepare.Train))]
[Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = $"s3://contoso-ml-artifacts/checkpoints/{nameof(Execution.PipelineExecutionId)}")] // expect: SGW112
public sealed class Train;
