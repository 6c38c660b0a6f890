using Sagewright;

namespace Contoso.AntiPatterns.Metrics;

// SGW110: a model registered without evaluation metrics. Whoever reviews the new version in the model registry
// cannot see how good it is, so the approval gate approves blind.
// Fix: evaluate the model in a processing step and attach its report with [ModelMetrics(nameof(Evaluate.Report))].
[Pipeline("ModelWithoutMetrics", ArtifactBucket = Data.Bucket)]
[Tag("team", "ml"), Tag("env", "dev"), Tag("pipeline", "model-without-metrics")]
public static partial class ModelWithoutMetrics
{
    [Parameter] public const string InputData = Data.Snapshot;
}

[ProcessingStep(typeof(ModelWithoutMetrics))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Encryption(OutputKmsKeyId = Data.Key, VolumeKmsKeyId = Data.Key)]
[Code("scripts/prepare.py")]
[Input(nameof(ModelWithoutMetrics.InputData), "/opt/ml/processing/input")]
public sealed class Prepare
{
    [Output("/opt/ml/processing/train")] public const string Train = "train";
}

[TrainingStep(typeof(ModelWithoutMetrics))]
[Image(Images.PyTorchTraining), Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = Data.Key)] // g4dn encrypts its local NVMe storage in hardware
[Code("scripts/train.py")]
[Channel("train", nameof(Prepare.Train))]
public sealed class Train;

[RegisterModelStep(typeof(ModelWithoutMetrics), "unmeasured-models")] // expect: SGW110
[Image(Images.PyTorchInference)]
[ModelData(typeof(Train))]
[ContentTypes("text/csv"), ResponseTypes("application/json")]
[InferenceInstances("ml.m5.large"), TransformInstances("ml.m5.large")]
public sealed class Register;
