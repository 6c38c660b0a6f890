using Sagewright;

namespace Contoso.AntiPatterns.Tags;

// SGW109: the cost-allocation tags env and pipeline are missing (team is there). The pipeline's jobs cannot be
// told apart on the bill or by tag-based access policies.
// Fix: [Tag("env", "dev"), Tag("pipeline", "missing-tags")].
[Pipeline("MissingTags", ArtifactBucket = Data.Bucket)] // expect: SGW109
[Tag("team", "ml")]
public static partial class MissingTags
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[ProcessingStep(typeof(MissingTags))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/prepare.py")]
[Input(nameof(MissingTags.InputData), "/opt/ml/processing/input")]
public sealed class Prepare
{
    [Output("/opt/ml/processing/train")] public const string Train = "train";
}

[TrainingStep(typeof(MissingTags))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(Prepare.Train))]
public sealed class Train;
