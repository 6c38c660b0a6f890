using Sagewright;

namespace Contoso.Churn;

/// <summary>Customer-churn model: prepare the data, tune an XGBoost model, evaluate the best candidate, and only
/// when it beats the threshold register it for approval, create a SageMaker model from it and score this month's
/// customers in a batch transform.</summary>
[Pipeline("ChurnTuning", Description = "Tunes, gates and batch-scores the churn model", ArtifactBucket = "churn-ml-artifacts")]
[Tag("team", "retention")]
[Tag("env", "prod")]
[Tag("pipeline", "churn-tuning")]
public static partial class ChurnPipeline
{
    [Parameter] public const string CustomerData = "s3://churn-ml-artifacts/input/customers/";
    [Parameter] public const string ScoringData = "s3://churn-ml-artifacts/input/to-score/";
    [Parameter] public const double MinimumAuc = 0.75;
    [Parameter] public const int Rounds = 200;
    [Parameter] public const bool EarlyStop = true;
    [Parameter(EnumValues = new[] { "weekly", "monthly" })] public const string Cadence = "monthly";

    /// <summary>Scores land under a folder per execution, so runs never overwrite each other.</summary>
    [Join("/", "s3://churn-ml-artifacts/scores", nameof(Cadence), nameof(Execution.PipelineExecutionId))]
    public static readonly string ScoresPath = "";

    /// <summary>The customer managed KMS key of the churn data (outputs and job volumes).</summary>
    public const string DataKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /// <summary>The private subnets and the security group the training jobs and the model run in.</summary>
    public const string SubnetA = "subnet-0123456789abcdef0";
    public const string SubnetB = "subnet-0fedcba9876543210";
    public const string MlSecurityGroup = "sg-0123456789abcdef0";
}

[ProcessingStep(typeof(ChurnPipeline), DisplayName = "Prepare customer features")]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.xlarge")]
[Code("scripts/prepare.py")]
[Encryption(OutputKmsKeyId = ChurnPipeline.DataKey, VolumeKmsKeyId = ChurnPipeline.DataKey)]
[Input(nameof(ChurnPipeline.CustomerData), "/opt/ml/processing/input")]
[Cache("P7D")]
[Retry(RetryOn.ServiceFault, RetryOn.Throttling, MaxAttempts = 5)]
public sealed class Prepare
{
    [Output("/opt/ml/processing/train")] public const string Train = "train";
    [Output("/opt/ml/processing/validation")] public const string Validation = "validation";
    [Output("/opt/ml/processing/test")] public const string Test = "test";
}

[TuningStep(typeof(ChurnPipeline), Strategy = TuningStrategy.Bayesian, MaxTrainingJobs = 20, MaxParallelJobs = 4)]
[Image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"), Instance("ml.m5.xlarge")]
[Channel("train", nameof(Prepare.Train), ContentType = "text/csv")]
[Channel("validation", nameof(Prepare.Validation), ContentType = "text/csv")]
[HyperParameter("objective", "binary:logistic")]
[HyperParameter("num_round", nameof(ChurnPipeline.Rounds))]
[HyperParameter("early_stopping", nameof(ChurnPipeline.EarlyStop))]
[ModelOutput("s3://churn-ml-artifacts/tuning")]
[Objective("validation:auc", ObjectiveType.Maximize)]
[ContinuousRange("eta", 0.01, 0.3, Scaling = Scaling.Logarithmic)]
[IntegerRange("max_depth", 3, 10)]
[CategoricalRange("booster", "gbtree", "dart")]
[Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = "s3://churn-ml-artifacts/checkpoints/")]
[Retry(RetryOn.CapacityError, MaxAttempts = 3, IntervalSeconds = 60)]
[Encryption(OutputKmsKeyId = ChurnPipeline.DataKey, VolumeKmsKeyId = ChurnPipeline.DataKey)]
[Network(Subnets = new[] { ChurnPipeline.SubnetA, ChurnPipeline.SubnetB }, SecurityGroupIds = new[] { ChurnPipeline.MlSecurityGroup },
    EnableNetworkIsolation = true)]
public sealed class Tune;

[ProcessingStep(typeof(ChurnPipeline), DisplayName = "Evaluate the best model")]
[Framework("sklearn", "1.2-1"), Instance("ml.m5.xlarge")]
[Code("scripts/evaluate.py")]
[Encryption(OutputKmsKeyId = ChurnPipeline.DataKey, VolumeKmsKeyId = ChurnPipeline.DataKey)]
[Input(typeof(Tune), "/opt/ml/processing/model", Name = "model")]
[Input(nameof(Prepare.Test), "/opt/ml/processing/test", Name = "test")]
public sealed class Evaluate
{
    [Output("/opt/ml/processing/evaluation"), PropertyFile("evaluation.json")]
    public const string Report = "evaluation";

    [JsonGet(nameof(Report), "metrics.auc.value")] public static readonly double Auc;
}

[ConditionStep(typeof(ChurnPipeline), Description = "Only a model that beats the threshold moves on")]
[GreaterThanOrEqualTo(nameof(Evaluate.Auc), nameof(ChurnPipeline.MinimumAuc))]
[IfSteps(typeof(RegisterChurnModel), typeof(CreateChurnModel), typeof(ScoreCustomers))]
[ElseSteps(typeof(ModelTooWeak))]
public sealed class CheckQuality;

[RegisterModelStep(typeof(ChurnPipeline), "churn-models", ApprovalStatus = ModelApprovalStatus.PendingManualApproval)]
[Image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")]
[ModelData(typeof(Tune))]
[ContentTypes("text/csv"), ResponseTypes("text/csv")]
[InferenceInstances("ml.m5.large"), TransformInstances("ml.m5.xlarge")]
[ModelMetrics(nameof(Evaluate.Report))]
public sealed class RegisterChurnModel;

[CreateModelStep(typeof(ChurnPipeline))]
[Image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")]
[ModelData(typeof(Tune))]
[Network(Subnets = new[] { ChurnPipeline.SubnetA, ChurnPipeline.SubnetB }, SecurityGroupIds = new[] { ChurnPipeline.MlSecurityGroup },
    EnableNetworkIsolation = true)]
public sealed class CreateChurnModel;

[TransformStep(typeof(ChurnPipeline), Model = typeof(CreateChurnModel))]
[Instance("ml.m5.xlarge", Count = 2)]
[TransformInput(nameof(ChurnPipeline.ScoringData), ContentType = "text/csv", SplitType = SplitType.Line)]
[TransformOutput(Destination = nameof(ChurnPipeline.ScoresPath), Accept = "text/csv", AssembleWith = AssembleWith.Line)]
[DependsOn(typeof(RegisterChurnModel))]
[Encryption(OutputKmsKeyId = ChurnPipeline.DataKey, VolumeKmsKeyId = ChurnPipeline.DataKey)]
public sealed class ScoreCustomers;

[FailStep(typeof(ChurnPipeline))]
[ErrorMessage("The best tuned model reached AUC ", nameof(Evaluate.Auc), ", below the required ", nameof(ChurnPipeline.MinimumAuc))]
public sealed class ModelTooWeak;
