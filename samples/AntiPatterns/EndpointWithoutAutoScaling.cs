using Sagewright;

namespace Contoso.AntiPatterns.FixedSize;

// SGW106: an instance-based endpoint without auto-scaling: two instances whatever the load, too many at night and
// too few at peak.
// Fix: [AutoScaling(2, 6, 70)] (target tracking on invocations per instance).
[Pipeline("FixedSize", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "fixed-size")]
public static partial class FixedSize
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[TrainingStep(typeof(FixedSize))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(FixedSize.InputData))]
public sealed class Train;

[ProcessingStep(typeof(FixedSize))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/evaluate.py")]
[Input(typeof(Train), "/opt/ml/processing/model")]
public sealed class Evaluate
{
    [Output("/opt/ml/processing/evaluation"), PropertyFile("evaluation.json")] public const string Report = "evaluation";
}

[RegisterModelStep(typeof(FixedSize), "fixed-size-models")]
[Image(Images.PyTorchInference)]
[ModelData(typeof(Train))]
[ContentTypes("text/csv"), ResponseTypes("application/json")]
[InferenceInstances("ml.m5.large"), TransformInstances("ml.m5.large")]
[ModelMetrics(nameof(Evaluate.Report))]
public sealed class Register;

[Endpoint(typeof(Register), Name = "fixed-size")]
[ProductionVariant("ml.m5.large", InitialInstanceCount = 2)] // expect: SGW106
[DataCapture("s3://contoso-ml-artifacts/data-capture/fixed-size/", KmsKeyId = Data.Key)]
public sealed class Serving;
