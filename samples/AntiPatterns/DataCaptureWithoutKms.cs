using Sagewright;

namespace Contoso.AntiPatterns.CaptureWithoutKms;

// SGW207: data capture with no customer managed KMS key: the endpoint's real requests and responses are stored under
// the AWS managed key for S3, which no key policy of yours controls.
// Fix: KmsKeyId on [DataCapture].
[Pipeline("CaptureWithoutKms", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "capture-without-kms")]
public static partial class CaptureWithoutKms
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[TrainingStep(typeof(CaptureWithoutKms))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(CaptureWithoutKms.InputData))]
public sealed class Train;

[ProcessingStep(typeof(CaptureWithoutKms))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/evaluate.py")]
[Input(typeof(Train), "/opt/ml/processing/model")]
public sealed class Evaluate
{
    [Output("/opt/ml/processing/evaluation"), PropertyFile("evaluation.json")] public const string Report = "evaluation";
}

[RegisterModelStep(typeof(CaptureWithoutKms), "capture-without-kms-models")]
[Image(Images.PyTorchInference)]
[ModelData(typeof(Train))]
[ContentTypes("text/csv"), ResponseTypes("application/json")]
[InferenceInstances("ml.m5.large"), TransformInstances("ml.m5.large")]
[ModelMetrics(nameof(Evaluate.Report))]
public sealed class Register;

[Endpoint(typeof(Register), Name = "capture-without-kms")]
[ProductionVariant("ml.m5.large", InitialInstanceCount = 2)]
[DataCapture("s3://contoso-ml-artifacts/data-capture/capture-without-kms/")] // expect: SGW207
[AutoScaling(2, 4, 70)]
public sealed class Serving;
