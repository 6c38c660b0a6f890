using Sagewright;

namespace Contoso.AntiPatterns.SpotCheckpoint;

// SGW100: Spot training without a checkpoint location. When SageMaker reclaims the Spot capacity, the job
// restarts from the beginning instead of from its last checkpoint.
// Fix: [Spot(..., CheckpointS3Uri = "s3://contoso-ml-artifacts/checkpoints/")].
[Pipeline("SpotWithoutCheckpoint", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "spot-without-checkpoint")]
public static partial class SpotWithoutCheckpoint
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[ProcessingStep(typeof(SpotWithoutCheckpoint))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/prepare.py")]
[Input(nameof(SpotWithoutCheckpoint.InputData), "/opt/ml/processing/input")]
public sealed class Prepare
{
    [Output("/opt/ml/processing/train")] public const string Train = "train";
}

[TrainingStep(typeof(SpotWithoutCheckpoint))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(Prepare.Train))]
[Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)] // expect: SGW100
[Retry(RetryOn.CapacityError, MaxAttempts = 3, IntervalSeconds = 60)]
public sealed class Train;
