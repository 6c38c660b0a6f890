namespace Sagewright.Model.Iam;

/// <summary>Where a derivation rule comes from: the page of the SageMaker developer guide, the API reference or the
/// IAM / KMS documentation a reviewer can check it against.</summary>
/// <param name="Rule">What the rule grants, in a few words.</param>
/// <param name="Title">The page (and section) that documents it.</param>
/// <param name="Url">Its address.</param>
internal sealed record IamSource(string Rule, string Title, string Url);

/// <summary>The source of each statement Sagewright derives, by Sid. <c>docs/iam.md</c> cites the same pages.</summary>
internal static class IamSources
{
    private const string Guide = "https://docs.aws.amazon.com/sagemaker/latest/dg/";
    private const string Roles = Guide + "sagemaker-roles.html";
    private const string Sar = "https://docs.aws.amazon.com/service-authorization/latest/reference/";

    private static readonly IamSource JobS3 = new("a job reads its declared inputs and writes its declared outputs", "SageMaker developer guide, How to use SageMaker AI execution roles (CreateProcessingJob / CreateTrainingJob / CreateHyperParameterTuningJob API: execution role permissions: scope s3:GetObject, s3:PutObject, s3:ListBucket to the request's S3 URIs)", Roles);
    private static readonly IamSource JobControl = new("the pipeline role starts, describes, stops and tags the jobs and models of its steps", "SageMaker developer guide, IAM access management for Pipelines (pipeline role permissions)", Guide + "build-and-manage-access.html");

    /// <summary>Statements whose Sid starts with the key (longest key first), with their source.</summary>
    private static readonly (string Prefix, IamSource Source)[] BySid =
    {
        ("CloudWatchLogGroups", new("a job's container logs go to /aws/sagemaker/<Kind>Jobs", "SageMaker developer guide, How to use SageMaker AI execution roles (logs:CreateLogGroup, logs:DescribeLogStreams in every job API's execution role permissions)", Roles)),
        ("CloudWatchLogStreams", new("a job writes its log streams", "SageMaker developer guide, How to use SageMaker AI execution roles (logs:CreateLogStream, logs:PutLogEvents)", Roles)),
        ("CloudWatchPutMetricDataRequiresWildcard", new("a job publishes its metrics; cloudwatch:PutMetricData accepts no resource and is limited by cloudwatch:namespace", "Service Authorization Reference, Amazon CloudWatch (PutMetricData: no resource type; condition key cloudwatch:namespace)", Sar + "list_amazoncloudwatch.html")),
        ("EcrAuthTokenHasNoResourceLevelPermissionsRequiresWildcard", new("ecr:GetAuthorizationToken accepts no resource", "Service Authorization Reference, Amazon Elastic Container Registry (GetAuthorizationToken: no resource type)", Sar + "list_amazonelasticcontainerregistry.html")),
        ("EcrPullImages", new("a job or model pulls its image from its ECR repository", "SageMaker developer guide, How to use SageMaker AI execution roles (scope the ecr actions to the image's repository)", Roles)),
        ("EndpointLogGroups", new("an endpoint's containers log to /aws/sagemaker/Endpoints/<endpoint>", "SageMaker developer guide, How to use SageMaker AI execution roles (CreateModel API: execution role permissions: logs:CreateLogGroup, logs:DescribeLogStreams)", Roles + "#sagemaker-roles-createmodel-perms")),
        ("EndpointLogStreams", new("an endpoint's containers write their log streams", "SageMaker developer guide, How to use SageMaker AI execution roles (CreateModel API: execution role permissions: logs:CreateLogStream, logs:PutLogEvents)", Roles + "#sagemaker-roles-createmodel-perms")),
        ("S3WriteDataCapture", new("an endpoint writes the requests and responses it captures under its capture destination", "SageMaker developer guide, Capture data from real-time endpoint (DataCaptureConfig.DestinationS3Uri; the execution role writes there)", Guide + "model-monitor-data-capture-endpoint.html")),
        ("Ec2NetworkForProcessingJobsInVpcUnscopedRequiresWildcard", new("a processing job in a VPC: the EC2 network actions unscoped", "SageMaker developer guide, CreateProcessingJob API: execution role permissions (do not scope with conditions or resource filters)", Roles + "#sagemaker-roles-createprocessingjob-perms")),
        ("Ec2", new("a training or tuning job or a model in a VPC creates and describes its network interfaces", "SageMaker developer guide, How to use SageMaker AI execution roles (\"If you specify a private VPC\" for training, tuning and models)", Roles)),
        ("KmsOutputKeys", new("a job encrypts its outputs with its output key (S3 asks for a data key and, for multipart uploads, Decrypt)", "SageMaker API reference, OutputDataConfig.KmsKeyId (\"the SageMaker execution role must include permissions to call kms:Encrypt\"); Amazon S3 user guide, Using server-side encryption with AWS KMS keys (GenerateDataKey, Decrypt)", "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_OutputDataConfig.html")),
        ("KmsVolumeKeys", new("a job's instance volumes are encrypted with its volume key: a grant only for AWS resources", "SageMaker developer guide, How to use SageMaker AI execution roles (\"If you specify a volume KMS key in the resource configuration …, add kms:CreateGrant\"); AWS KMS developer guide, kms:GrantIsForAWSResource", Roles)),
        ("KmsReadKeys", new("a reader decrypts what an upstream step encrypted with its output key", "SageMaker developer guide, How to use SageMaker AI execution roles (\"If your input is encrypted using server-side encryption with an AWS KMS–managed key (SSE-KMS), add kms:Decrypt\")", Roles)),
        ("LambdaInvokeFunctions", new("a Lambda step invokes its function as the pipeline role", "SageMaker developer guide, Pipelines step types: Lambda step", Guide + "build-and-manage-steps-types.html")),
        ("PassRolesToSageMaker", new("the pipeline role passes each job's and model's role to SageMaker only", "IAM user guide, Granting a user permissions to pass a role to an AWS service (iam:PassRole, iam:PassedToService)", "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html")),
        ("S3Checkpoints", new("Spot checkpoints are synced both ways, deletions included", "SageMaker developer guide, Checkpoints in Amazon SageMaker AI", Guide + "model-checkpoints.html")),
        ("S3ListBucket", JobS3),
        ("S3ReadInputs", JobS3),
        ("S3WriteOutputs", JobS3),
        ("S3ReadPropertyFiles", new("the pipeline reads the property files that [JsonGet] evaluates", "SageMaker developer guide, Pass data between steps (property files, JsonGet)", Guide + "build-and-manage-propertyfile.html")),
        ("SageMakerCreateModelPackage", new("a register-model step adds a version to its group, only with the declared approval status", "Service Authorization Reference, Amazon SageMaker AI (CreateModelPackage on model-package; condition key sagemaker:ModelApprovalStatus)", Sar + "list_amazonsagemakerai.html")),
        ("SageMakerDescribeModelPackages", new("a register-model step reads (and tags) the version it registered", "Service Authorization Reference, Amazon SageMaker AI (DescribeModelPackage, AddTags on model-package)", Sar + "list_amazonsagemakerai.html")),
        ("SageMakerExperiment", new("experiment tracking: the pipeline creates the experiment and each execution's trial when they do not exist and adds each job's run", "SageMaker developer guide, Amazon SageMaker Experiments Integration (\"created if they don't exist\"); actions and resource types from the Service Authorization Reference", Guide + "pipelines-experiments.html")),
        ("SageMaker", JobControl),
        ("SqsSendCallbackMessages", new("a callback step sends its token to its queue as the pipeline role", "SageMaker developer guide, Pipelines step types: Callback step", Guide + "build-and-manage-steps-types.html")),
        ("Grant", new("declared by the step with [Grant]: what its container does on its own", "the project's own declaration ([Grant] in docs/iam.md)", "docs/iam.md#grant")),
    };

    /// <summary>The source of the statement with this Sid, or null for one Sagewright does not derive.</summary>
    public static IamSource? For(string sid)
    {
        IamSource? best = null;
        var length = -1;
        foreach (var (prefix, source) in BySid)
        {
            if (prefix.Length > length && sid.StartsWith(prefix, StringComparison.Ordinal))
            {
                best = source;
                length = prefix.Length;
            }
        }

        return best;
    }

    /// <summary>The source of every trust policy's <c>aws:SourceAccount</c> / <c>aws:SourceArn</c> conditions.</summary>
    public static IamSource Trust { get; } = new("each role trusts sagemaker.amazonaws.com only for this account and the sources SageMaker sends", "SageMaker developer guide, Cross-service confused deputy prevention", Guide + "security-confused-deputy-prevention.html");
}
