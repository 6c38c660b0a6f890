using Sagewright;

namespace Contoso.AntiPatterns.Approval;

// SGW104: a model registered as Approved. Deployments that watch the model package group pick it up at once,
// with no one reviewing its metrics.
// Fix: ApprovalStatus = ModelApprovalStatus.PendingManualApproval (the default), and approve it after review.
[Pipeline("ApprovedRegistration", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "approved-registration")]
public static partial class ApprovedRegistration
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[TrainingStep(typeof(ApprovedRegistration))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(ApprovedRegistration.InputData))]
public sealed class Train;

[ProcessingStep(typeof(ApprovedRegistration))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/evaluate.py")]
[Input(typeof(Train), "/opt/ml/processing/model")]
public sealed class Evaluate
{
    [Output("/opt/ml/processing/evaluation"), PropertyFile("evaluation.json")] public const string Report = "evaluation";
}

[RegisterModelStep(typeof(ApprovedRegistration), "approved-models",
    ApprovalStatus = ModelApprovalStatus.Approved)] // expect: SGW104
[Image(Images.PyTorchInference)]
[ModelData(typeof(Train))]
[ContentTypes("text/csv"), ResponseTypes("application/json")]
[InferenceInstances("ml.m5.large"), TransformInstances("ml.m5.large")]
[ModelMetrics(nameof(Evaluate.Report))]
public sealed class Register;
