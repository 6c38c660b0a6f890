using Sagewright;

namespace Contoso.AntiPatterns.ImageTags;

// SGW107: an unpinned container image (the tag "latest"). Every run may train with different code, and a
// pipeline that worked yesterday can fail, or silently change its results, after a push to the repository.
// Fix: pin a version tag, or better an image digest (@sha256:...).
[Pipeline("UnpinnedImage", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "unpinned-image")]
public static partial class UnpinnedImage
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[ProcessingStep(typeof(UnpinnedImage))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/prepare.py")]
[Input(nameof(UnpinnedImage.InputData), "/opt/ml/processing/input")]
public sealed class Prepare
{
    [Output("/opt/ml/processing/train")] public const string Train = "train";
}

[TrainingStep(typeof(UnpinnedImage))]
[Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-train:latest")] // expect: SGW107
[Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Channel("train", nameof(Prepare.Train))]
public sealed class Train;
