using Sagewright;

namespace Contoso.AntiPatterns.Flapping;

// SGW114: auto-scaling that removes capacity faster than it adds it (a 30-second scale-in cooldown against a
// 300-second scale-out cooldown): under bursty traffic the variant oscillates and new instances start cold.
// Fix: scale out fast and scale in slowly: ScaleInCooldownSeconds = 300, ScaleOutCooldownSeconds = 60.
[Pipeline("Flapping", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "flapping")]
public static partial class Flapping
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[TrainingStep(typeof(Flapping))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(Flapping.InputData))]
public sealed class Train;

[ProcessingStep(typeof(Flapping))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/evaluate.py")]
[Input(typeof(Train), "/opt/ml/processing/model")]
public sealed class Evaluate
{
    [Output("/opt/ml/processing/evaluation"), PropertyFile("evaluation.json")] public const string Report = "evaluation";
}

[RegisterModelStep(typeof(Flapping), "flapping-models")]
[Image(Images.PyTorchInference)]
[ModelData(typeof(Train))]
[ContentTypes("text/csv"), ResponseTypes("application/json")]
[InferenceInstances("ml.m5.large"), TransformInstances("ml.m5.large")]
[ModelMetrics(nameof(Evaluate.Report))]
public sealed class Register;

[Endpoint(typeof(Register), Name = "flapping")]
[ProductionVariant("ml.m5.large", InitialInstanceCount = 2)]
[DataCapture("s3://contoso-ml-artifacts/data-capture/flapping/", KmsKeyId = Data.Key)]
[AutoScaling(2, 4, 70,
    ScaleInCooldownSeconds = 30, ScaleOutCooldownSeconds = 300)] // expect: SGW114
public sealed class Serving;
