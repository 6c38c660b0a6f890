using Sagewright;

namespace Contoso.FraudDetection;

/// <summary>The canonical pipeline: preprocess the raw transactions, train a classifier on Spot capacity with
/// checkpoints (retried when no Spot capacity is available), evaluate the model on the held-out data, and (the
/// SageMaker best-practice approval flow) register it for manual review with its evaluation metrics only when its AUC
/// reaches <see cref="AucThreshold"/>; otherwise the execution fails with the AUC in the message. Data and checkpoints
/// are written under each execution's ID, so runs never overwrite each other's.</summary>
[Pipeline("FraudDetection", Description = "Trains and evaluates the card-fraud classifier", ArtifactBucket = "my-bucket")]
[Tag("team", "ml")]
[Tag("env", "dev")]
[Tag("pipeline", "fraud-detection")]
public static partial class FraudDetection
{
    /// <summary>Where the raw transactions are; override it when starting an execution.</summary>
    [Parameter] public const string InputData = "s3://my-bucket/raw-data/";

    /// <summary>The lowest validation AUC at which the model is registered for review.</summary>
    [Parameter] public const double AucThreshold = 0.8;

    /// <summary>The customer managed KMS key of the fraud data: processed data, models and job volumes.</summary>
    public const string DataKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
}

[ProcessingStep(typeof(FraudDetection))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Code("scripts/preprocess.py")]
[Encryption(OutputKmsKeyId = FraudDetection.DataKey, VolumeKmsKeyId = FraudDetection.DataKey)]
[Input(nameof(FraudDetection.InputData), "/opt/ml/processing/input")]
public sealed class Preprocessing
{
    [Output("/opt/ml/processing/output/train", Destination = $"s3://my-bucket/processed/train/{nameof(Execution.PipelineExecutionId)}")]
    public const string Train = "train";

    [Output("/opt/ml/processing/output/validation", Destination = $"s3://my-bucket/processed/validation/{nameof(Execution.PipelineExecutionId)}")]
    public const string Validation = "validation";
}

[TrainingStep(typeof(FraudDetection))]
[Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310")]
[Instance("ml.g4dn.xlarge")]
[Encryption(OutputKmsKeyId = FraudDetection.DataKey)] // g4dn instances encrypt their local NVMe storage in hardware
[Code("scripts/train.py")]
[Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = $"s3://my-bucket/checkpoints/{nameof(Execution.PipelineExecutionId)}")]
[Retry(RetryOn.CapacityError, MaxAttempts = 3, IntervalSeconds = 60)]
[Channel("train", nameof(Preprocessing.Train), ContentType = "text/csv")]
[HyperParameter("epochs", "20")]
[ModelOutput("s3://my-bucket/models/")]
public sealed class Training;

[ProcessingStep(typeof(FraudDetection))]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
[Code("scripts/evaluate.py")]
[Encryption(OutputKmsKeyId = FraudDetection.DataKey, VolumeKmsKeyId = FraudDetection.DataKey)]
[Input(typeof(Training), "/opt/ml/processing/model", Name = "model")]
[Input(nameof(Preprocessing.Validation), "/opt/ml/processing/validation", Name = "validation")]
public sealed class Evaluation
{
    [Output("/opt/ml/processing/evaluation"), PropertyFile("evaluation.json")]
    public const string Report = "evaluation";

    [JsonGet(nameof(Evaluation.Report), "metrics.auc.value")]
    public static readonly double Auc;
}

[ConditionStep(typeof(FraudDetection))]
[GreaterThanOrEqualTo(nameof(Evaluation.Auc), nameof(FraudDetection.AucThreshold))]
[IfSteps(typeof(RegisterFraudModel))]
[ElseSteps(typeof(AucTooLow))]
public sealed class CheckAuc;

[RegisterModelStep(typeof(FraudDetection), "fraud-detection", ApprovalStatus = ModelApprovalStatus.PendingManualApproval,
    Description = "Card-fraud classifier trained by the FraudDetection pipeline")]
[Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310")]
[ModelData(typeof(Training))]
[ContentTypes("text/csv")]
[ResponseTypes("application/json")]
[InferenceInstances("ml.m5.large", "ml.m5.xlarge")]
[TransformInstances("ml.m5.large")]
[ModelMetrics(nameof(Evaluation.Report))]
[Tag("team", "ml")]
public sealed class RegisterFraudModel;

[FailStep(typeof(FraudDetection))]
[ErrorMessage("AUC ", nameof(Evaluation.Auc), " is below the threshold")]
public sealed class AucTooLow;

/// <summary>Serves the latest approved version of the fraud model (the package group <see cref="RegisterFraudModel"/>
/// registers into) from a real-time endpoint on two instances (one per Availability Zone), scaling out to six under
/// load, with every request and response captured (encrypted with the data key) for SageMaker Model Monitor. The build
/// writes its CloudFormation template and API requests to <c>sagemaker/FraudDetection/endpoints/fraud-detection/</c>.</summary>
[Endpoint(typeof(RegisterFraudModel), Name = "fraud-detection")]
[ProductionVariant("ml.m5.large", InitialInstanceCount = 2)]
[DataCapture("s3://my-bucket/data-capture/fraud-detection/", SamplingPercentage = 100, KmsKeyId = FraudDetection.DataKey,
    CsvContentTypes = new[] { "text/csv" }, JsonContentTypes = new[] { "application/json" })]
[AutoScaling(2, 6, 70, ScaleInCooldownSeconds = 300, ScaleOutCooldownSeconds = 60)]
[Tag("team", "ml")]
public sealed class FraudEndpoint;
