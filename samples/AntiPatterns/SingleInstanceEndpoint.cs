using Sagewright;

namespace Contoso.AntiPatterns.SingleInstance;

// SGW113: a variant that can scale in to one instance: an instance failure or an Availability Zone outage takes the
// endpoint down.
// Fix: a minimum of 2, so that SageMaker spreads the instances across Availability Zones.
[Pipeline("SingleInstance", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "single-instance")]
public static partial class SingleInstance
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[TrainingStep(typeof(SingleInstance))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(SingleInstance.InputData))]
public sealed class Train;

[ProcessingStep(typeof(SingleInstance))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/evaluate.py")]
[Input(typeof(Train), "/opt/ml/processing/model")]
public sealed class Evaluate
{
    [Output("/opt/ml/processing/evaluation"), PropertyFile("evaluation.json")] public const string Report = "evaluation";
}

[RegisterModelStep(typeof(SingleInstance), "single-instance-models")]
[Image(Images.PyTorchInference)]
[ModelData(typeof(Train))]
[ContentTypes("text/csv"), ResponseTypes("application/json")]
[InferenceInstances("ml.m5.large"), TransformInstances("ml.m5.large")]
[ModelMetrics(nameof(Evaluate.Report))]
public sealed class Register;

[Endpoint(typeof(Register), Name = "single-instance")]
[ProductionVariant("ml.m5.large", InitialInstanceCount = 2)]
[DataCapture("s3://contoso-ml-artifacts/data-capture/single-instance/", KmsKeyId = Data.Key)]
[AutoScaling(1, 4, 70)] // expect: SGW113
public sealed class Serving;
