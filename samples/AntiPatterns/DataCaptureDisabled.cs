using Sagewright;

namespace Contoso.AntiPatterns.CaptureOff;

// SGW103: data capture declared but sampling 0 % of the requests: it looks like monitoring in review and records
// nothing.
// Fix: sample a share Model Monitor can work with (the SageMaker Python SDK's default is 20 %; 100 % for low traffic).
[Pipeline("CaptureOff", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "capture-off")]
public static partial class CaptureOff
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[TrainingStep(typeof(CaptureOff))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(CaptureOff.InputData))]
public sealed class Train;

[ProcessingStep(typeof(CaptureOff))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/evaluate.py")]
[Input(typeof(Train), "/opt/ml/processing/model")]
public sealed class Evaluate
{
    [Output("/opt/ml/processing/evaluation"), PropertyFile("evaluation.json")] public const string Report = "evaluation";
}

[RegisterModelStep(typeof(CaptureOff), "capture-off-models")]
[Image(Images.PyTorchInference)]
[ModelData(typeof(Train))]
[ContentTypes("text/csv"), ResponseTypes("application/json")]
[InferenceInstances("ml.m5.large"), TransformInstances("ml.m5.large")]
[ModelMetrics(nameof(Evaluate.Report))]
public sealed class Register;

[Endpoint(typeof(Register), Name = "capture-off")]
[ProductionVariant("ml.m5.large", InitialInstanceCount = 2)]
[DataCapture("s3://contoso-ml-artifacts/data-capture/capture-off/", KmsKeyId = Data.Key,
    SamplingPercentage = 0)] // expect: SGW103
[AutoScaling(2, 4, 70)]
public sealed class Serving;
