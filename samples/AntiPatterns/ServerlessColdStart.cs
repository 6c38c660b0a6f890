using Sagewright;

namespace Contoso.AntiPatterns.ServerlessColdStart;

// SGW115: a serverless variant without provisioned concurrency: after an idle period, requests wait for a cold start.
// Fix: ProvisionedConcurrency where latency matters (or accept cold starts and turn the rule off).
[Pipeline("ServerlessColdStart", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "serverless-cold-start")]
public static partial class ServerlessColdStart
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[TrainingStep(typeof(ServerlessColdStart))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(ServerlessColdStart.InputData))]
public sealed class Train;

[ProcessingStep(typeof(ServerlessColdStart))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/evaluate.py")]
[Input(typeof(Train), "/opt/ml/processing/model")]
public sealed class Evaluate
{
    [Output("/opt/ml/processing/evaluation"), PropertyFile("evaluation.json")] public const string Report = "evaluation";
}

[RegisterModelStep(typeof(ServerlessColdStart), "serverless-cold-start-models")]
[Image(Images.PyTorchInference)]
[ModelData(typeof(Train))]
[ContentTypes("text/csv"), ResponseTypes("application/json")]
[InferenceInstances("ml.m5.large"), TransformInstances("ml.m5.large")]
[ModelMetrics(nameof(Evaluate.Report))]
public sealed class Register;

[Endpoint(typeof(Register), Name = "serverless-cold-start")]
[ServerlessVariant(2048, 10)] // expect: SGW115
[DataCapture("s3://contoso-ml-artifacts/data-capture/serverless-cold-start/", KmsKeyId = Data.Key)]
public sealed class Serving;
