using Sagewright;

namespace Contoso.AntiPatterns.Caching;

// SGW105: caching on a step whose input is a location that changes (raw/latest/). The cache key is the step's
// arguments, not the data, so later runs reuse the old result after new data has landed there.
// Fix: read a versioned location (a dated snapshot, or a parameter set per execution), or drop [Cache].
[Pipeline("CacheOnMutableInput", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "cache-on-mutable-input")]
public static partial class CacheOnMutableInput;

[ProcessingStep(typeof(CacheOnMutableInput))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/prepare.py")]
[Input("s3://contoso-ml-artifacts/raw/latest/", "/opt/ml/processing/input")] // expect: SGW105
[Cache("P30D")]
public sealed class Prepare
{
    [Output("/opt/ml/processing/train")] public const string Train = "train";
}

[TrainingStep(typeof(CacheOnMutableInput))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(Prepare.Train))]
public sealed class Train;
