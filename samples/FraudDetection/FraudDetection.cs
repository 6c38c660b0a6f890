using Sagewright;

namespace Contoso.FraudDetection;

/// <summary>The canonical three-step pipeline: preprocess the raw transactions, train a classifier on
/// Spot capacity with checkpoints, and evaluate the model on the held-out data.</summary>
[Pipeline("FraudDetection", Description = "Trains and evaluates the card-fraud classifier", ArtifactBucket = "my-bucket")]
[Tag("team", "ml")]
[Tag("env", "dev")]
[Tag("pipeline", "fraud-detection")]
public static partial class FraudDetection
{
    /// <summary>Where the raw transactions are; override it when starting an execution.</summary>
    [Parameter] public const string InputData = "s3://my-bucket/raw-data/";
}

[ProcessingStep(typeof(FraudDetection))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Code("scripts/preprocess.py")]
[Input(nameof(FraudDetection.InputData), "/opt/ml/processing/input")]
public sealed class Preprocessing
{
    [Output("/opt/ml/processing/output/train", Destination = "s3://my-bucket/processed/train/")]
    public const string Train = "train";

    [Output("/opt/ml/processing/output/validation", Destination = "s3://my-bucket/processed/validation/")]
    public const string Validation = "validation";
}

[TrainingStep(typeof(FraudDetection))]
[Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310")]
[Instance("ml.g4dn.xlarge")]
[Code("scripts/train.py")]
[Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = "s3://my-bucket/checkpoints/")]
[Channel("train", nameof(Preprocessing.Train), ContentType = "text/csv")]
[HyperParameter("epochs", "20")]
[ModelOutput("s3://my-bucket/models/")]
public sealed class Training;

[ProcessingStep(typeof(FraudDetection))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Code("scripts/evaluate.py")]
[Input(typeof(Training), "/opt/ml/processing/model", Name = "model")]
[Input(nameof(Preprocessing.Validation), "/opt/ml/processing/validation", Name = "validation")]
public sealed class Evaluation
{
    [Output("/opt/ml/processing/evaluation")]
    public const string Report = "evaluation";
}
