using Sagewright;

namespace Contoso.AntiPatterns.Distributed;

// SGW204: distributed training (two instances) without inter-container traffic encryption. Model weights and
// gradients travel between the instances unencrypted.
// Fix: [Network(EnableInterContainerTrafficEncryption = true)] (it costs some training time).
[Pipeline("UnencryptedDistributedTraining", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "unencrypted-distributed-training")]
public static partial class UnencryptedDistributedTraining
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[ProcessingStep(typeof(UnencryptedDistributedTraining))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/prepare.py")]
[Input(nameof(UnencryptedDistributedTraining.InputData), "/opt/ml/processing/input")]
public sealed class Prepare
{
    [Output("/opt/ml/processing/train")] public const string Train = "train";
}

[TrainingStep(typeof(UnencryptedDistributedTraining))] // expect: SGW204
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge", Count = 2)]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(Prepare.Train))]
public sealed class Train;
