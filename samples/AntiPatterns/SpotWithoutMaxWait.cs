using Sagewright;

namespace Contoso.AntiPatterns.SpotWait;

// SGW101: Spot training without MaxWaitSeconds. SageMaker rejects the job when the training step starts,
// after the steps before it have run.
// Fix: [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, ...)], the wait for capacity on top of the run time.
[Pipeline("SpotWithoutMaxWait", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "spot-without-max-wait")]
public static partial class SpotWithoutMaxWait
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[ProcessingStep(typeof(SpotWithoutMaxWait))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/prepare.py")]
[Input(nameof(SpotWithoutMaxWait.InputData), "/opt/ml/processing/input")]
public sealed class Prepare
{
    [Output("/opt/ml/processing/train")] public const string Train = "train";
}

[TrainingStep(typeof(SpotWithoutMaxWait))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(Prepare.Train))]
[Spot(MaxRunSeconds = 3600, CheckpointS3Uri = $"s3://contoso-ml-artifacts/checkpoints/{nameof(Execution.PipelineExecutionId)}")] // expect: SGW101
[Retry(RetryOn.CapacityError, MaxAttempts = 3, IntervalSeconds = 60)]
public sealed class Train;
