namespace Sagewright.Model.Validation;

/// <summary>Service quotas and per-field limits, each with where it comes from. Keep them here, in one table.</summary>
public static class Quotas
{
    /// <summary>Steps per pipeline. Source: SageMaker endpoints and quotas, "Maximum number of steps in a pipeline".</summary>
    public const int MaxSteps = 50;

    /// <summary>Definition size in bytes. Source: CreatePipeline <c>PipelineDefinition</c> max length (botocore: 1048576).</summary>
    public const int MaxDefinitionBytes = 1048576;

    /// <summary>Parameters per pipeline. Source: SageMaker quotas, "Maximum number of parameters in a pipeline".</summary>
    public const int MaxParameters = 200;

    /// <summary>S3 locations one value may stand for in the IAM policies: the combinations of the <c>EnumValues</c> of the
    /// String parameters it is made of. Sagewright's own limit, not a service quota: each location adds up to five
    /// resources and listing prefixes to a policy, and IAM allows 10,240 characters of inline policy per role
    /// (6,144 for a managed policy), so a handful of such locations must fit.</summary>
    public const int MaxIamLocationsPerValue = 32;

    /// <summary>Characters of inline policy per IAM role, whitespace not counted. Source: IAM User Guide, "IAM and AWS
    /// STS quotas": "Role policy size cannot exceed 10,240 characters" (aggregate of a role's inline policies).</summary>
    public const int MaxInlinePolicyCharacters = 10240;

    /// <summary>Processing inputs per job, the code input included. Source: botocore <c>ProcessingInputs</c> max 10.</summary>
    public const int MaxProcessingInputs = 10;

    /// <summary>Processing outputs per job. Source: botocore <c>ProcessingOutputs</c> max 10.</summary>
    public const int MaxProcessingOutputs = 10;

    /// <summary>Training channels per job. Source: botocore <c>InputDataConfig</c> max 20.</summary>
    public const int MaxTrainingChannels = 20;

    /// <summary>Environment entries. Source: botocore <c>ProcessingEnvironmentMap</c> and <c>TrainingEnvironmentMap</c> max 100.</summary>
    public const int MaxEnvironment = 100;

    /// <summary>Hyperparameters per job. Source: botocore <c>HyperParameters</c> max 100.</summary>
    public const int MaxHyperParameters = 100;

    /// <summary>Container arguments. Source: botocore <c>ContainerArguments</c> max 100, each max 256 characters.</summary>
    public const int MaxContainerArguments = 100;

    /// <summary>Characters per container argument. Source: botocore <c>ContainerArgument</c> max 256.</summary>
    public const int MaxContainerArgumentLength = 256;

    /// <summary>Subnets of a VPC configuration. Source: botocore <c>Subnets</c> 1..16.</summary>
    public const int MaxVpcSubnets = 16;

    /// <summary>Security groups of a VPC configuration. Source: botocore <c>VpcSecurityGroupIds</c> 1..5.</summary>
    public const int MaxVpcSecurityGroups = 5;

    /// <summary>Processing instance count. Source: botocore <c>ProcessingInstanceCount</c> 1..100.</summary>
    public const int MaxProcessingInstanceCount = 100;

    /// <summary>Processing volume size. Source: botocore <c>ProcessingVolumeSizeInGB</c> 1..16384.</summary>
    public const int MaxProcessingVolumeSizeInGB = 16384;

    /// <summary>Processing run time. Source: botocore <c>ProcessingMaxRuntimeInSeconds</c> 1..777600.</summary>
    public const int MaxProcessingRuntimeSeconds = 777600;

    /// <summary>Training run time. Source: CreateTrainingJob API reference, <c>StoppingCondition.MaxRuntimeInSeconds</c>:
    /// "The maximum time that a training job can run is 28 days" (botocore gives only min 1).</summary>
    public const int MaxTrainingRuntimeSeconds = 28 * 24 * 3600;

    /// <summary>Model environment value length. Source: botocore <c>EnvironmentValue</c> max 1024 (the map, <c>EnvironmentMap</c>, max 100).</summary>
    public const int MaxModelEnvironmentValueLength = 1024;

    /// <summary>Model data URL length. Source: botocore <c>Url</c> max 1024.</summary>
    public const int MaxModelDataUrlLength = 1024;

    /// <summary>Transform environment entries. Source: botocore <c>TransformEnvironmentMap</c> max 16.</summary>
    public const int MaxTransformEnvironment = 16;

    /// <summary>Transform environment value length. Source: botocore <c>TransformEnvironmentValue</c> max 10240.</summary>
    public const int MaxTransformEnvironmentValueLength = 10240;

    /// <summary>Transform request payload in MB. Source: CreateTransformJob API reference, <c>MaxPayloadInMB</c>:
    /// "The value of MaxPayloadInMB cannot be greater than 100 MB" (botocore gives only min 0).</summary>
    public const int MaxTransformPayloadInMB = 100;

    /// <summary>ContentType and Accept length. Source: botocore <c>ContentType</c> and <c>Accept</c> max 256.</summary>
    public const int MaxMimeTypeLength = 256;

    /// <summary>DataProcessing filter length. Source: botocore <c>JsonPath</c> max 63.</summary>
    public const int MaxJsonPathLength = 63;

    /// <summary>Steps in one branch of a condition step. Source: Sagewright's quota table (DESIGN.md, "Service quotas").</summary>
    public const int MaxStepsPerBranch = 20;

    /// <summary>Property files per pipeline. Source: Sagewright's quota table (DESIGN.md, "Service quotas").</summary>
    public const int MaxPropertyFiles = 10;

    /// <summary>Std:JsonGet uses per pipeline. Source: Sagewright's quota table (DESIGN.md, "Service quotas").</summary>
    public const int MaxJsonGets = 200;

    /// <summary>Retry attempts. Source: SageMaker Python SDK <c>workflow/retry.py</c> MAX_ATTEMPTS_CAP (the service's limit).</summary>
    public const int MaxRetryAttempts = 20;

    /// <summary>Retry expiry in minutes. Source: SageMaker Python SDK <c>workflow/retry.py</c> MAX_EXPIRE_AFTER_MIN.</summary>
    public const int MaxRetryExpireAfterMinutes = 14400;

    /// <summary>Pipeline tags. Source: botocore <c>TagList</c> max 50.</summary>
    public const int MaxTags = 50;

    /// <summary>Hyperparameter ranges of a tuning job, all kinds together. Source: SageMaker developer guide, "Define
    /// hyperparameter ranges": at most 30 hyperparameters can be searched (botocore: each range list max 30).</summary>
    public const int MaxParameterRanges = 30;

    /// <summary>Values of a categorical range. Source: botocore <c>ParameterValues</c> 1..30.</summary>
    public const int MaxCategoricalValues = 30;

    /// <summary>Characters of a range's name or value. Source: botocore <c>ParameterKey</c> and <c>ParameterValue</c> max 256.</summary>
    public const int MaxParameterValueLength = 256;

    /// <summary>Metric definitions of a tuning job. Source: botocore <c>MetricDefinitionList</c> max 40.</summary>
    public const int MaxMetricDefinitions = 40;

    /// <summary>Characters of a metric regex. Source: botocore <c>MetricRegex</c> 1..500.</summary>
    public const int MaxMetricRegexLength = 500;

    /// <summary>Parent jobs of a warm start. Source: botocore <c>ParentHyperParameterTuningJobs</c> 1..5.</summary>
    public const int MaxWarmStartParents = 5;

    /// <summary>Environment entries of a tuning job's training jobs. Source: botocore <c>HyperParameterTrainingJobEnvironmentMap</c> max 48.</summary>
    public const int MaxTuningEnvironment = 48;

    /// <summary>Lambda step timeout in seconds. Source: AWS Lambda developer guide, "Configure Lambda function timeout"
    /// (a function runs for at most 900 seconds, so a longer wait cannot help).</summary>
    public const int MaxLambdaTimeoutSeconds = 900;

    /// <summary>Customer metadata properties of a model package. Source: botocore <c>CustomerMetadataMap</c> max 50.</summary>
    public const int MaxCustomerMetadata = 50;

    /// <summary>Characters of a model package description. Source: botocore <c>EntityDescription</c> max 1024.</summary>
    public const int MaxEntityDescriptionLength = 1024;

    /// <summary>Characters of a model package group name or ARN. Source: botocore <c>ArnOrName</c> 1..170.</summary>
    public const int MaxModelPackageGroupArnLength = 170;

    /// <summary>Characters of a container image URI. Source: botocore <c>ImageUri</c>, <c>AlgorithmImage</c> and
    /// <c>ContainerImage</c> max 255.</summary>
    public const int MaxImageUriLength = 255;

    /// <summary>Characters of a processing environment value. Source: botocore <c>ProcessingEnvironmentValue</c> max 256.</summary>
    public const int MaxProcessingEnvironmentValueLength = 256;

    /// <summary>Characters of a training environment value. Source: botocore <c>TrainingEnvironmentValue</c> max 512.</summary>
    public const int MaxTrainingEnvironmentValueLength = 512;

    /// <summary>Characters of a response MIME type of a model package. Source: botocore <c>ResponseMIMEType</c> max 1024.</summary>
    public const int MaxResponseMimeTypeLength = 1024;

    /// <summary>Characters of a hyperparameter name. Source: botocore <c>HyperParameterKey</c> max 256.</summary>
    public const int MaxHyperParameterNameLength = 256;

    /// <summary>Characters of a hyperparameter value. Source: botocore <c>HyperParameterValue</c> max 2500.</summary>
    public const int MaxHyperParameterValueLength = 2500;

    /// <summary>Characters of a processing container path. Source: botocore <c>ProcessingLocalPath</c> max 256.</summary>
    public const int MaxProcessingLocalPathLength = 256;

    /// <summary>Characters of a role ARN. Source: botocore <c>RoleArn</c> 20..2048.</summary>
    public const int MinRoleArnLength = 20;

    /// <inheritdoc cref="MinRoleArnLength"/>
    public const int MaxRoleArnLength = 2048;

    /// <summary>Characters of a KMS key ID, key ARN or alias ARN. Source: botocore <c>KmsKeyId</c> max 2048.</summary>
    public const int MaxKmsKeyIdLength = 2048;

    /// <summary>Characters of a KMS alias name. Source: AWS KMS API reference, CreateAlias <c>AliasName</c> 1..256.</summary>
    public const int MaxKmsAliasLength = 256;

    /// <summary>Characters of a general-purpose bucket name. Source: S3 user guide, "General purpose bucket naming rules":
    /// "Bucket names must be between 3 (min) and 63 (max) characters long".</summary>
    public const int MinBucketNameLength = 3;

    /// <inheritdoc cref="MinBucketNameLength"/>
    public const int MaxBucketNameLength = 63;
    /// <summary>Production variants of an endpoint configuration. Source: botocore <c>ProductionVariantList</c> max 10.</summary>
    public const int MaxProductionVariants = 10;

    /// <summary>CSV or JSON content types of data capture. Source: botocore <c>CsvContentTypes</c>/<c>JsonContentTypes</c> max 10.</summary>
    public const int MaxCaptureContentTypes = 10;

    /// <summary>Characters of a data capture destination. Source: botocore <c>DestinationS3Uri</c> max 512.</summary>
    public const int MaxCaptureDestinationLength = 512;

    /// <summary>Memory of a serverless variant, in MB. Source: botocore <c>ServerlessMemorySizeInMB</c> 1024..6144 (the
    /// developer guide: in 1 GB steps).</summary>
    public const int MinServerlessMemorySizeInMB = 1024;

    /// <inheritdoc cref="MinServerlessMemorySizeInMB"/>
    public const int MaxServerlessMemorySizeInMB = 6144;

    /// <summary>Concurrency of a serverless variant. Source: botocore <c>ServerlessMaxConcurrency</c> and
    /// <c>ServerlessProvisionedConcurrency</c> 1..200.</summary>
    public const int MaxServerlessConcurrency = 200;
}
