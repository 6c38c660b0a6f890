using Sagewright;

namespace Contoso.AntiPatterns.Kms;

// SGW203: no customer managed KMS key for the jobs' outputs and volumes. SageMaker then uses the AWS managed key
// for S3 and a transient volume key: anyone the bucket lets read can read the data, and access to it cannot be
// controlled or audited through a key policy.
// Fix: [Encryption(OutputKmsKeyId = "<key ARN>", VolumeKmsKeyId = "<key ARN>")] on every job step.
[Pipeline("NoKmsKey", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "no-kms-key")]
public static partial class NoKmsKey
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[ProcessingStep(typeof(NoKmsKey))] // expect: SGW203
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Code("scripts/prepare.py")]
[Input(nameof(NoKmsKey.InputData), "/opt/ml/processing/input")]
public sealed class Prepare
{
    [Output("/opt/ml/processing/train")] public const string Train = "train";
}

[TrainingStep(typeof(NoKmsKey))] // expect: SGW203
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Code("scripts/train.py")]
[Channel("train", nameof(Prepare.Train))]
public sealed class Train;
