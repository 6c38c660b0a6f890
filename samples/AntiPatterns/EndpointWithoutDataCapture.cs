using Sagewright;

namespace Contoso.AntiPatterns.NoCapture;

// SGW102: an endpoint without data capture. Its requests and responses are not recorded, so SageMaker Model Monitor
// has nothing to compare with the training baseline, and drift goes unnoticed.
// Fix: [DataCapture("s3://<bucket>/<prefix>/", SamplingPercentage = 100, KmsKeyId = ...)].
[Pipeline("NoDataCapture", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "no-data-capture")]
public static partial class NoDataCapture
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[TrainingStep(typeof(NoDataCapture))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(NoDataCapture.InputData))]
public sealed class Train;

[ProcessingStep(typeof(NoDataCapture))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/evaluate.py")]
[Input(typeof(Train), "/opt/ml/processing/model")]
public sealed class Evaluate
{
    [Output("/opt/ml/processing/evaluation"), PropertyFile("evaluation.json")] public const string Report = "evaluation";
}

[RegisterModelStep(typeof(NoDataCapture), "no-data-capture-models")]
[Image(Images.PyTorchInference)]
[ModelData(typeof(Train))]
[ContentTypes("text/csv"), ResponseTypes("application/json")]
[InferenceInstances("ml.m5.large"), TransformInstances("ml.m5.large")]
[ModelMetrics(nameof(Evaluate.Report))]
public sealed class Register;

[Endpoint(typeof(Register), Name = "no-data-capture")] // expect: SGW102
[ProductionVariant("ml.m5.large", InitialInstanceCount = 2)]
[AutoScaling(2, 4, 70)]
public sealed class Serving;
