namespace Sagewright.Model.Validation;

/// <summary>The properties a step exposes to later steps (<c>{"Get": "Steps.&lt;step&gt;.&lt;property&gt;"}</c>): the members of
/// the Describe response of the job the step runs (botocore 1.43.11), plus the extras the pipeline service adds.
/// StepPropertyTableTests checks these lists against ../shared/reference/aws-models/botocore.</summary>
public static class StepProperties
{
    /// <summary>By step type (the definition's <c>Type</c>): the Describe response shape and the top-level properties.</summary>
    public static readonly IReadOnlyDictionary<string, (string Shape, string[] Properties)> ByStepType =
        new Dictionary<string, (string, string[])>(StringComparer.Ordinal)
        {
            ["Processing"] = ("DescribeProcessingJobResponse", new[]
            {
                "AppSpecification", "AutoMLJobArn", "CreationTime", "Environment", "ExitMessage", "ExperimentConfig",
                "FailureReason", "LastModifiedTime", "MonitoringScheduleArn", "NetworkConfig", "ProcessingEndTime",
                "ProcessingInputs", "ProcessingJobArn", "ProcessingJobName", "ProcessingJobStatus",
                "ProcessingOutputConfig", "ProcessingResources", "ProcessingStartTime", "RoleArn",
                "StoppingCondition", "TrainingJobArn",
            }),
            ["Training"] = ("DescribeTrainingJobResponse", new[]
            {
                "AlgorithmSpecification", "AutoMLJobArn", "BillableTimeInSeconds", "BillableTokenCount",
                "CheckpointConfig", "CreationTime", "DebugHookConfig", "DebugRuleConfigurations",
                "DebugRuleEvaluationStatuses", "EnableInterContainerTrafficEncryption", "EnableManagedSpotTraining",
                "EnableNetworkIsolation", "Environment", "ExperimentConfig", "FailureReason", "FinalMetricDataList",
                "HyperParameters", "InfraCheckConfig", "InputDataConfig", "LabelingJobArn", "LastModifiedTime",
                "MlflowConfig", "MlflowDetails", "ModelArtifacts", "ModelPackageConfig", "OutputDataConfig",
                "OutputModelPackageArn", "ProfilerConfig", "ProfilerRuleConfigurations",
                "ProfilerRuleEvaluationStatuses", "ProfilingStatus", "ProgressInfo", "RemoteDebugConfig",
                "ResourceConfig", "RetryStrategy", "RoleArn", "SecondaryStatus", "SecondaryStatusTransitions",
                "ServerlessJobConfig", "StoppingCondition", "TensorBoardOutputConfig", "TrainingEndTime",
                "TrainingJobArn", "TrainingJobName", "TrainingJobStatus", "TrainingStartTime",
                "TrainingTimeInSeconds", "TuningJobArn", "VpcConfig", "WarmPoolStatus",
            }),
            ["Transform"] = ("DescribeTransformJobResponse", new[]
            {
                "AutoMLJobArn", "BatchStrategy", "CreationTime", "DataCaptureConfig", "DataProcessing", "Environment",
                "ExperimentConfig", "FailureReason", "LabelingJobArn", "MaxConcurrentTransforms", "MaxPayloadInMB",
                "ModelClientConfig", "ModelName", "TransformEndTime", "TransformInput", "TransformJobArn",
                "TransformJobName", "TransformJobStatus", "TransformOutput", "TransformResources",
                "TransformStartTime",
            }),
            ["Tuning"] = ("DescribeHyperParameterTuningJobResponse", new[]
            {
                "Autotune", "BestTrainingJob", "ConsumedResources", "CreationTime", "FailureReason",
                "HyperParameterTuningEndTime", "HyperParameterTuningJobArn", "HyperParameterTuningJobConfig",
                "HyperParameterTuningJobName", "HyperParameterTuningJobStatus", "LastModifiedTime",
                "ObjectiveStatusCounters", "OverallBestTrainingJob", "TrainingJobDefinition",
                "TrainingJobDefinitions", "TrainingJobStatusCounters", "TrainingJobSummaries",
                "TuningJobCompletionDetails", "WarmStartConfig",
            }),
            ["Model"] = ("DescribeModelOutput", new[]
            {
                "Containers", "CreationTime", "DeploymentRecommendation", "EnableNetworkIsolation",
                "ExecutionRoleArn", "InferenceExecutionConfig", "ModelArn", "ModelName", "PrimaryContainer",
                "VpcConfig",
            }),
            ["RegisterModel"] = ("DescribeModelPackageOutput", new[]
            {
                "AdditionalInferenceSpecifications", "ApprovalDescription", "CertifyForMarketplace", "CreatedBy",
                "CreationTime", "CustomerMetadataProperties", "Domain", "DriftCheckBaselines",
                "InferenceSpecification", "LastModifiedBy", "LastModifiedTime", "ManagedStorageType",
                "MetadataProperties", "ModelApprovalStatus", "ModelCard", "ModelLifeCycle", "ModelMetrics",
                "ModelPackageArn", "ModelPackageDescription", "ModelPackageGroupName", "ModelPackageName",
                "ModelPackageRegistrationType", "ModelPackageStatus", "ModelPackageStatusDetails",
                "ModelPackageVersion", "SamplePayloadUrl", "SecurityConfig", "SkipModelValidation",
                "SourceAlgorithmSpecification", "SourceUri", "Task", "ValidationSpecification",
            }),
            ["Condition"] = ("", new[] { "Outcome" }),
        };
}
