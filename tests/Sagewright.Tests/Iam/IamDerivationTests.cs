using System.Security.Cryptography;
using System.Text;
using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Iam;

/// <summary>One test per derivation rule: what a declaration grants, to which role, and what stays denied next to it.</summary>
public class IamDerivationTests
{
    private const string Job = "Demo-job";
    private const string PipelineRole = "Demo-pipeline";
    private const string Inference = "Demo-inference";
    private const string DefaultBucket = "sagemaker-us-east-1-123456789012";

    private static IamFiles Generate(string steps, ProjectOptions? options = null)
    {
        // Every snippet here is a valid pipeline: the IAM files are written only then.
        Markup.Verify(Src.Demo + steps, options);
        return IamFiles.Generate(Src.Demo + steps, options);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    // ---- SageMaker Experiments (PipelineExperimentConfig) ----------------------------------------------------

    private const string Prep = """
        [ProcessingStep(typeof(Demo))]
        [Image(Images.Processing), Instance("ml.m5.large")]
        [Input("s3://data-bucket/raw-data/", "/opt/ml/processing/input")]
        public sealed class Prep;
        """;

    private const string Arn = "arn:aws:sagemaker:us-east-1:123456789012:";

    [Fact]
    public void Experiment_tracking_by_default_lets_the_pipeline_role_create_the_experiment_and_trial_and_add_job_runs()
    {
        var iam = Generate(Prep);
        Assert.Equal([Arn + "experiment/Demo", Arn + "experiment/demo"], iam.Resources(PipelineRole, "SageMakerExperiment"));
        Assert.Equal(["sagemaker:CreateExperiment", "sagemaker:CreateTrial", "sagemaker:DescribeExperiment"], iam.Actions(PipelineRole, "SageMakerExperiment"));
        Assert.Equal([Arn + "experiment-trial/*"], iam.Resources(PipelineRole, "SageMakerExperimentTrials"));
        Assert.Equal([Arn + "experiment-trial-component/pipelines-*"], iam.Resources(PipelineRole, "SageMakerExperimentTrialComponents"));
        Assert.True(iam.Allows(PipelineRole, "sagemaker:CreateTrial", Arn + "experiment-trial/a1b2c3d4e5f6"));
        Assert.False(iam.Allows(PipelineRole, "sagemaker:CreateExperiment", Arn + "experiment/other"));
        Assert.False(iam.Allows(PipelineRole, "sagemaker:DeleteTrial", Arn + "experiment-trial/a1b2c3d4e5f6"));
        Assert.False(iam.Allows(Job, "sagemaker:CreateExperiment", Arn + "experiment/demo"));
        Assert.Contains("Wider than ideal", iam.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Experiment_tracking_off_grants_no_experiment_permission()
    {
        var iam = IamFiles.Generate(Src.Demo.Replace("[Pipeline(\"Demo\")]", "[Pipeline(\"Demo\", ExperimentTracking = false)]", StringComparison.Ordinal) + Prep);
        Assert.DoesNotContain("Experiment", iam.Policy(PipelineRole).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Named_experiment_and_trial_are_granted_by_name()
    {
        var iam = IamFiles.Generate(Src.Demo.Replace("[Pipeline(\"Demo\")]", "[Pipeline(\"Demo\", ExperimentName = \"churn\", TrialName = \"nightly\")]", StringComparison.Ordinal) + Prep);
        Assert.Equal([Arn + "experiment/churn"], iam.Resources(PipelineRole, "SageMakerExperiment"));
        Assert.Equal([Arn + "experiment-trial/nightly"], iam.Resources(PipelineRole, "SageMakerExperimentTrials"));
        Assert.False(iam.Allows(PipelineRole, "sagemaker:CreateTrial", Arn + "experiment-trial/a1b2c3d4e5f6"));
        Assert.DoesNotContain("Wider than ideal", iam.Report, StringComparison.Ordinal);
    }

    // ---- S3 inputs and prefix boundaries -------------------------------------------------------------

    [Fact]
    public void Input_prefix_grants_its_objects_and_its_listing_but_not_the_prefix_next_door()
    {
        var iam = Generate("""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input("s3://data-bucket/raw-data/", "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        Assert.Equal(["arn:aws:s3:::data-bucket/raw-data/*"], iam.Resources(Job, "S3ReadInputs"));
        Assert.Equal(["s3:GetObject"], iam.Actions(Job, "S3ReadInputs"));
        Assert.True(iam.Allows(Job, "s3:GetObject", "arn:aws:s3:::data-bucket/raw-data/2024/part-00000.csv"));
        Assert.False(iam.Allows(Job, "s3:GetObject", "arn:aws:s3:::data-bucket/raw-data-old/part-00000.csv"));
        Assert.False(iam.Allows(Job, "s3:PutObject", "arn:aws:s3:::data-bucket/raw-data/part-00000.csv"));

        Assert.True(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::data-bucket", ("s3:prefix", "raw-data/")));
        Assert.False(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::data-bucket", ("s3:prefix", "raw-data-old/")));
        Assert.False(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::data-bucket", ("s3:prefix", "")));
        Assert.False(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::data-bucket"), "listing without a prefix lists the whole bucket");
        Assert.False(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::other-bucket", ("s3:prefix", "raw-data/")));
    }

    [Fact]
    public void Input_without_a_trailing_slash_is_treated_as_a_folder_and_keeps_the_boundary()
    {
        var iam = Generate("""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input("s3://data-bucket/raw-data", "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        Assert.Equal(["arn:aws:s3:::data-bucket/raw-data", "arn:aws:s3:::data-bucket/raw-data/*"], iam.Resources(Job, "S3ReadInputs"));
        Assert.True(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::data-bucket", ("s3:prefix", "raw-data")), "SageMaker lists with the key as written");
        Assert.True(iam.Allows(Job, "s3:GetObject", "arn:aws:s3:::data-bucket/raw-data/part-00000.csv"));
        Assert.False(iam.Allows(Job, "s3:GetObject", "arn:aws:s3:::data-bucket/raw-data-old/part-00000.csv"));
        Assert.False(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::data-bucket", ("s3:prefix", "raw-data-old/")));
        Assert.Contains("the URI has no trailing `/`", iam.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_backed_input_uses_the_parameter_default_and_the_report_says_so()
    {
        var iam = Generate("""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input(nameof(Demo.InputData), "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        Assert.Equal(["arn:aws:s3:::my-bucket/raw/*"], iam.Resources(Job, "S3ReadInputs"));
        Assert.Contains("resolved from the default of parameter `InputData` (`s3://my-bucket/raw/`)", iam.Report, StringComparison.Ordinal);
    }

    // ---- upstream outputs, execution ids, model artifacts -------------------------------------------

    [Fact]
    public void Upstream_output_resolves_to_its_destination_for_the_writer_and_the_reader()
    {
        var iam = Generate(IamSrc.PrepFeedsTrain());
        Assert.Contains("arn:aws:s3:::my-bucket/prep/train/*", iam.Resources(Job, "S3WriteOutputs"));
        Assert.Contains("arn:aws:s3:::my-bucket/prep/train/*", iam.Resources(Job, "S3ReadInputs"));
        Assert.Contains("step `Train` reads channel `train` (output `train` of step `Prep`)", iam.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Per_execution_locations_have_a_wildcard_only_for_the_execution_id()
    {
        var iam = Generate("""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/train")] public const string Train = "train";
                [Output("/opt/ml/processing/features", Destination = nameof(Features))] public const string Out = "features";
                [Join("/", "s3://my-bucket/runs", nameof(Execution.PipelineExecutionId), "features")] public static readonly string Features = "";
            }
            """);
        Assert.Equal(
            ["arn:aws:s3:::my-bucket/runs/*/features/*", $"arn:aws:s3:::{DefaultBucket}/Demo/*/Prep/output/train/*"],
            iam.Resources(Job, "S3WriteOutputs"));
        Assert.True(iam.Allows(Job, "s3:PutObject", $"arn:aws:s3:::{DefaultBucket}/Demo/a1b2c3d4e5f6/Prep/output/train/part-00000.csv"));
        Assert.False(iam.Allows(Job, "s3:PutObject", $"arn:aws:s3:::{DefaultBucket}/Demo/a1b2c3d4e5f6/Other/output/x/part-00000.csv"));
        Assert.True(iam.Allows(Job, "s3:PutObject", "arn:aws:s3:::my-bucket/runs/a1b2c3d4e5f6/features/part-00000.csv"));
        Assert.False(iam.Allows(Job, "s3:PutObject", "arn:aws:s3:::my-bucket/runs-old/a1b2c3d4e5f6/features/part-00000.csv"));
        Assert.Contains("`*` stands for `Execution.PipelineExecutionId`", iam.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_artifacts_are_written_under_the_output_path_and_read_as_one_object()
    {
        var iam = Generate("""
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [ModelOutput("s3://my-bucket/models/")]
            public sealed class Train;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input(typeof(Train), "/opt/ml/processing/model", Name = "model")]
            public sealed class Evaluate;
            """);
        Assert.Equal(["arn:aws:s3:::my-bucket/models/pipelines-*"], iam.Resources(Job, "S3WriteOutputs"));
        Assert.Equal(["arn:aws:s3:::my-bucket/models/pipelines-*/output/model.tar.gz"], iam.Resources(Job, "S3ReadInputs"));
        Assert.True(iam.Allows(Job, "s3:GetObject", "arn:aws:s3:::my-bucket/models/pipelines-a1b2c3d4e5f6-Train-Xq7Lm2Pa9K/output/model.tar.gz"));
        Assert.False(iam.Allows(Job, "s3:GetObject", "arn:aws:s3:::my-bucket/models/pipelines-a1b2c3d4e5f6-Train-Xq7Lm2Pa9K/output/output.tar.gz"));
        Assert.True(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::my-bucket", ("s3:prefix", "models/pipelines-a1b2c3d4e5f6-Train-Xq7Lm2Pa9K/output/model.tar.gz")));
        Assert.False(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::my-bucket", ("s3:prefix", "models/")));
    }

    [Fact]
    public void Checkpoints_are_read_written_deleted_and_listed_under_their_prefix_only()
    {
        var iam = Generate("""
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, CheckpointS3Uri = "s3://my-bucket/ckpt/")]
            [Retry(RetryOn.CapacityError, MaxAttempts = 3)]
            public sealed class Train;
            """);
        Assert.Equal(["s3:DeleteObject", "s3:GetObject", "s3:PutObject"], iam.Actions(Job, "S3Checkpoints"));
        Assert.Equal(["arn:aws:s3:::my-bucket/ckpt/*"], iam.Resources(Job, "S3Checkpoints"));
        Assert.True(iam.Allows(Job, "s3:DeleteObject", "arn:aws:s3:::my-bucket/ckpt/checkpoint-1.pt"));
        Assert.False(iam.Allows(Job, "s3:DeleteObject", "arn:aws:s3:::my-bucket/models/model.tar.gz"));
        Assert.True(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::my-bucket", ("s3:prefix", "ckpt/")));
        Assert.False(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::my-bucket", ("s3:prefix", "ckpt-old/")));
    }

    [Fact]
    public void Code_uploads_are_read_by_the_job_that_runs_them()
    {
        var iam = Generate("""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Code("scripts/preprocess.py")]
            public sealed class Prep;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Code("scripts/train.py")]
            public sealed class Train;
            """);
        var script = $"arn:aws:s3:::{DefaultBucket}/Demo/code/{Sha256("print('preprocess')\n")}/preprocess.py";
        var reads = iam.Resources(Job, "S3ReadInputs");
        Assert.Contains(script, reads);
        Assert.Contains(reads, r => r.StartsWith($"arn:aws:s3:::{DefaultBucket}/Demo/code/", StringComparison.Ordinal) && r.EndsWith("/sourcedir.tar.gz", StringComparison.Ordinal));
        Assert.False(iam.Allows(Job, "s3:GetObject", $"arn:aws:s3:::{DefaultBucket}/Demo/code/{Sha256("other")}/preprocess.py"));
    }

    // ---- images, logs, metrics ------------------------------------------------------------------------

    [Fact]
    public void Images_are_pulled_from_their_repository_including_the_framework_image_accounts()
    {
        var iam = Generate("""
            [ProcessingStep(typeof(Demo))]
            [Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
            [Code("scripts/preprocess.py")]
            public sealed class Prep;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            public sealed class Train;
            """);
        Assert.Equal(
            ["arn:aws:ecr:us-east-1:683313688378:repository/sagemaker-scikit-learn", "arn:aws:ecr:us-east-1:763104351884:repository/pytorch-training"],
            iam.Resources(Job, "EcrPullImages"));
        Assert.Equal(["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], iam.Actions(Job, "EcrPullImages"));
        Assert.Equal(["*"], iam.Resources(Job, "EcrAuthTokenHasNoResourceLevelPermissionsRequiresWildcard"));
        Assert.Equal(["ecr:GetAuthorizationToken"], iam.Actions(Job, "EcrAuthTokenHasNoResourceLevelPermissionsRequiresWildcard"));
        Assert.False(iam.Allows(Job, "ecr:BatchGetImage", "arn:aws:ecr:us-east-1:683313688378:repository/sagemaker-xgboost"));
    }

    [Fact]
    public void Framework_images_resolve_to_the_regional_account()
    {
        var iam = Generate("""
            [ProcessingStep(typeof(Demo))]
            [Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
            [Code("scripts/preprocess.py")]
            public sealed class Prep;
            """, ProjectOptions.Default with { Region = "eu-west-1" });
        Assert.Equal(["arn:aws:ecr:eu-west-1:141502667606:repository/sagemaker-scikit-learn"], iam.Resources(Job, "EcrPullImages"));
    }

    [Fact]
    public void An_image_outside_ECR_gets_no_pull_permission_and_the_report_says_so()
    {
        var iam = IamFiles.Generate(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image("registry.example.com/prep:1.0"), Instance("ml.m5.large")]
            public sealed class Prep;
            """);
        Assert.Null(iam.Statement(Job, "EcrPullImages"));
        Assert.Null(iam.Statement(Job, "EcrAuthTokenHasNoResourceLevelPermissionsRequiresWildcard"));
        Assert.Contains("Image `registry.example.com/prep:1.0` (step `Prep` runs image", iam.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Logs_and_metrics_cover_only_the_job_kinds_a_role_runs()
    {
        var iam = Generate("""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep;
            """);
        const string group = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/ProcessingJobs";
        Assert.Equal([group, group + ":*"], iam.Resources(Job, "CloudWatchLogGroups"));
        Assert.Equal(["logs:CreateLogGroup", "logs:DescribeLogStreams"], iam.Actions(Job, "CloudWatchLogGroups"));
        Assert.Equal([group + ":log-stream:pipelines-*"], iam.Resources(Job, "CloudWatchLogStreams"));
        Assert.True(iam.Allows(Job, "logs:PutLogEvents", group + ":log-stream:pipelines-a1b2c3d4e5f6-Prep-Xq7Lm2Pa9K/algo-1-1700000000"));
        Assert.False(iam.Allows(Job, "logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/TrainingJobs:log-stream:pipelines-x/algo-1"));
        Assert.False(iam.Allows(Job, "logs:CreateLogGroup", group + "-unrelated"));

        var metrics = iam.RequiredStatement(Job, "CloudWatchPutMetricDataRequiresWildcard");
        Assert.Equal(["*"], IamFiles.Strings(metrics["Resource"]));
        Assert.True(iam.Allows(Job, "cloudwatch:PutMetricData", "*", ("cloudwatch:namespace", "/aws/sagemaker/ProcessingJobs")));
        Assert.False(iam.Allows(Job, "cloudwatch:PutMetricData", "*", ("cloudwatch:namespace", "/aws/sagemaker/TrainingJobs")));
        Assert.False(iam.Allows(Job, "cloudwatch:PutMetricData", "*"), "without a namespace");
    }

    // ---- the pipeline role ----------------------------------------------------------------------------

    [Fact]
    public void Pipeline_role_controls_only_the_job_kinds_used_and_passes_exactly_the_job_roles_to_SageMaker()
    {
        var iam = Generate("""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep;
            """);
        Assert.Equal(["sagemaker:AddTags", "sagemaker:CreateProcessingJob", "sagemaker:DescribeProcessingJob", "sagemaker:StopProcessingJob"],
            iam.Actions(PipelineRole, "SageMakerProcessingJobs"));
        Assert.Equal(["arn:aws:sagemaker:us-east-1:123456789012:processing-job/pipelines-*"], iam.Resources(PipelineRole, "SageMakerProcessingJobs"));
        Assert.Null(iam.Statement(PipelineRole, "SageMakerTrainingJobs"));
        Assert.False(iam.Allows(PipelineRole, "sagemaker:CreateProcessingJob", "arn:aws:sagemaker:us-east-1:123456789012:processing-job/my-own-job"));
        Assert.False(iam.Allows(PipelineRole, "sagemaker:CreateProcessingJob", "arn:aws:sagemaker:us-west-2:123456789012:processing-job/pipelines-x"));

        Assert.Equal(["arn:aws:iam::123456789012:role/Demo-job"], iam.Resources(PipelineRole, "PassRolesToSageMaker"));
        Assert.True(iam.Allows(PipelineRole, "iam:PassRole", "arn:aws:iam::123456789012:role/Demo-job", ("iam:PassedToService", "sagemaker.amazonaws.com")));
        Assert.False(iam.Allows(PipelineRole, "iam:PassRole", "arn:aws:iam::123456789012:role/Demo-job", ("iam:PassedToService", "ec2.amazonaws.com")));
        Assert.False(iam.Allows(PipelineRole, "iam:PassRole", "arn:aws:iam::123456789012:role/Admin", ("iam:PassedToService", "sagemaker.amazonaws.com")));
        Assert.False(iam.Allows(Job, "iam:PassRole", "arn:aws:iam::123456789012:role/Demo-job", ("iam:PassedToService", "sagemaker.amazonaws.com")));
        Assert.DoesNotContain(Inference, iam.RoleNames);
    }

    [Fact]
    public void Tuning_steps_let_the_pipeline_list_the_training_jobs_and_the_role_be_assumed_by_them()
    {
        var iam = Generate("""
            [TuningStep(typeof(Demo), MaxTrainingJobs = 4)]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Objective("validation:auc", ObjectiveType.Maximize)]
            [ContinuousRange("eta", 0.01, 0.3)]
            public sealed class Tune;
            """);
        Assert.Contains("sagemaker:ListTrainingJobsForHyperParameterTuningJob", iam.Actions(PipelineRole, "SageMakerTuningJobs"));
        Assert.Equal(["arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/pipelines-*"], iam.Resources(PipelineRole, "SageMakerTuningJobs"));
        Assert.Equal(
            ["arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/pipelines-*", "arn:aws:sagemaker:us-east-1:123456789012:training-job/pipelines-*"],
            IamFiles.Strings(iam.Trust(Job)["Statement"]![0]!["Condition"]!["ArnLike"]!["aws:SourceArn"]));
        Assert.Contains("arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/TrainingJobs", iam.Resources(Job, "CloudWatchLogGroups"));
    }

    [Theory]
    [InlineData("PendingManualApproval", "")]
    [InlineData("Approved", ", ApprovalStatus = ModelApprovalStatus.Approved")]
    public void Model_package_creation_is_conditioned_on_the_registered_approval_status(string status, string argument)
    {
        var source = Src.Demo + $$"""
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            public sealed class Train;

            [RegisterModelStep(typeof(Demo), "Fraud-Models"{{argument}})]
            [Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310")]
            [ModelData(typeof(Train))]
            public sealed class Register;
            """;
        var iam = IamFiles.Generate(source);
        var sid = "SageMakerCreateModelPackage" + status;
        Assert.Equal(["sagemaker:CreateModelPackage"], iam.Actions(PipelineRole, sid));
        Assert.Equal(
            ["arn:aws:sagemaker:us-east-1:123456789012:model-package/Fraud-Models/*", "arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-models/*"],
            iam.Resources(PipelineRole, sid));
        Assert.True(iam.Allows(PipelineRole, "sagemaker:CreateModelPackage", "arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-models/1", ("sagemaker:ModelApprovalStatus", status)));
        Assert.Contains("Model package group `Fraud-Models` must exist before the pipeline runs: register-model step `Register` adds versions to it and does not create it", iam.Report, StringComparison.Ordinal);
        if (status != "Approved")
        {
            Assert.False(iam.Allows(PipelineRole, "sagemaker:CreateModelPackage", "arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-models/1", ("sagemaker:ModelApprovalStatus", "Approved")));
        }

        Assert.False(iam.Allows(PipelineRole, "sagemaker:CreateModelPackage", "arn:aws:sagemaker:us-east-1:123456789012:model-package/other-group/1", ("sagemaker:ModelApprovalStatus", status)));
        Assert.True(iam.Allows(PipelineRole, "sagemaker:DescribeModelPackage", "arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-models/1"));
    }

    [Fact]
    public void Model_package_group_given_as_an_ARN_keeps_its_account_and_region()
    {
        var iam = Generate("""
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            public sealed class Train;

            [RegisterModelStep(typeof(Demo), "arn:aws:sagemaker:us-east-1:111122223333:model-package-group/shared-models")]
            [Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310")]
            [ModelData(typeof(Train))]
            [ModelMetrics("s3://my-bucket/metrics/evaluation.json")]
            public sealed class Register;
            """);
        Assert.Equal(["arn:aws:sagemaker:us-east-1:111122223333:model-package/shared-models/*"], iam.Resources(PipelineRole, "SageMakerCreateModelPackagePendingManualApproval"));
    }

    [Fact]
    public void Lambda_functions_and_callback_queues_are_named_exactly()
    {
        var iam = Generate("""
            [LambdaStep(typeof(Demo), FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:check:live")]
            public sealed class Check;

            [CallbackStep(typeof(Demo), QueueUrl = "https://sqs.us-east-1.amazonaws.com/123456789012/loader.fifo")]
            public sealed class Load;
            """);
        Assert.Equal(["arn:aws:lambda:us-east-1:123456789012:function:check:live"], iam.Resources(PipelineRole, "LambdaInvokeFunctions"));
        Assert.Equal(["arn:aws:sqs:us-east-1:123456789012:loader.fifo"], iam.Resources(PipelineRole, "SqsSendCallbackMessages"));
        Assert.Equal(["lambda:InvokeFunction"], iam.Actions(PipelineRole, "LambdaInvokeFunctions"));
        Assert.Equal(["sqs:SendMessage"], iam.Actions(PipelineRole, "SqsSendCallbackMessages"));
        Assert.Equal([PipelineRole], iam.RoleNames);
    }

    [Fact]
    public void Pipeline_role_reads_the_property_files_that_JsonGet_evaluates()
    {
        var iam = Generate(IamSrc.EvaluateAndCheck());
        Assert.Equal([$"arn:aws:s3:::{DefaultBucket}/Demo/*/Evaluate/output/evaluation/evaluation.json"], iam.Resources(PipelineRole, "S3ReadPropertyFiles"));
        Assert.False(iam.Allows(PipelineRole, "s3:GetObject", $"arn:aws:s3:::{DefaultBucket}/Demo/a1b2c3d4e5f6/Evaluate/output/evaluation/other.json"));
        Assert.Contains("Check", IamFiles.Strings(iam.Role(PipelineRole)["usedBy"]));
    }

    // ---- trust policies ---------------------------------------------------------------------------------

    [Fact]
    public void Trust_policies_name_SageMaker_the_account_and_the_documented_source_ARNs_per_role_kind()
    {
        var iam = Generate("""
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            public sealed class Train;

            """ + IamSrc.ModelAndTransform());

        static string[] Sources(IamFiles iam, string role)
        {
            var statement = Assert.Single(iam.Trust(role)["Statement"]!.AsArray())!;
            Assert.Equal("sagemaker.amazonaws.com", (string)statement["Principal"]!["Service"]!);
            Assert.Equal(["sts:AssumeRole"], IamFiles.Strings(statement["Action"]));
            Assert.Equal(["123456789012"], IamFiles.Strings(statement["Condition"]!["StringEquals"]!["aws:SourceAccount"]));
            return IamFiles.Strings(statement["Condition"]!["ArnLike"]!["aws:SourceArn"]);
        }

        Assert.Equal(["arn:aws:sagemaker:us-east-1:123456789012:pipeline/Demo/*", "arn:aws:sagemaker:us-east-1:123456789012:pipeline/demo/*"], Sources(iam, PipelineRole));
        Assert.Equal(["arn:aws:sagemaker:us-east-1:123456789012:training-job/pipelines-*"], Sources(iam, Job));
        Assert.Equal(["arn:aws:sagemaker:us-east-1:123456789012:*"], Sources(iam, Inference)); // the guide's inference form, "*" literal
    }

    // ---- models and transform jobs ---------------------------------------------------------------------

    [Fact]
    public void Inference_role_reads_the_model_data_and_runs_the_transform_job_of_its_model()
    {
        var iam = Generate("""
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [ModelOutput("s3://my-bucket/models/")]
            public sealed class Train;

            """ + IamSrc.ModelAndTransform("[TransformOutput(Destination = \"s3://my-bucket/scores/\")]"));
        Assert.Equal(["Model", "Score"], IamFiles.Strings(iam.Role(Inference)["usedBy"]));
        Assert.Equal("inference", (string)iam.Role(Inference)["kind"]!);
        Assert.Equal(["arn:aws:s3:::my-bucket/models/pipelines-*/output/model.tar.gz", "arn:aws:s3:::my-bucket/score/*"], iam.Resources(Inference, "S3ReadInputs"));
        Assert.Equal(["arn:aws:s3:::my-bucket/scores/*"], iam.Resources(Inference, "S3WriteOutputs"));
        Assert.Equal(["arn:aws:ecr:us-east-1:123456789012:repository/serve"], iam.Resources(Inference, "EcrPullImages"));
        Assert.Contains("arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/TransformJobs", iam.Resources(Inference, "CloudWatchLogGroups"));
        Assert.False(iam.Allows(Inference, "s3:PutObject", "arn:aws:s3:::my-bucket/models/pipelines-x/output/model.tar.gz"));
        Assert.False(iam.Allows(Job, "s3:GetObject", "arn:aws:s3:::my-bucket/score/part-00000.csv"));

        Assert.Equal(["sagemaker:AddTags", "sagemaker:CreateModel", "sagemaker:DescribeModel"], iam.Actions(PipelineRole, "SageMakerModels"));
        Assert.Equal(["arn:aws:sagemaker:us-east-1:123456789012:model/pipelines-*"], iam.Resources(PipelineRole, "SageMakerModels"));
        Assert.Equal(["arn:aws:iam::123456789012:role/Demo-inference", "arn:aws:iam::123456789012:role/Demo-job"], iam.Resources(PipelineRole, "PassRolesToSageMaker"));
    }

    [Fact]
    public void Transform_of_a_model_the_pipeline_does_not_create_is_noted_in_the_report()
    {
        var iam = Generate("""
            [TransformStep(typeof(Demo), ModelName = "existing-model")]
            [Instance("ml.m5.xlarge")]
            [TransformInput("s3://my-bucket/score/")]
            public sealed class Score;
            """);
        Assert.Equal([PipelineRole], iam.RoleNames);
        Assert.NotNull(iam.Statement(PipelineRole, "SageMakerTransformJobs"));
        Assert.Contains("runs model `existing-model`, which this pipeline does not create", iam.Report, StringComparison.Ordinal);
    }

    // ---- run-time locations, grants, managed policies ---------------------------------------------------

    [Fact]
    public void Run_time_location_with_Within_grants_that_prefix()
    {
        var iam = Generate("""
            [LambdaStep(typeof(Demo), FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:find")]
            public sealed class Find
            {
                [OutputParameter, Within("s3://lake/events/")] public static readonly string Partition = "";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input(nameof(Find.Partition), "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        Assert.Equal(["arn:aws:s3:::lake/events/*"], iam.Resources(Job, "S3ReadInputs"));
        Assert.True(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::lake", ("s3:prefix", "events/2024-06-01/")));
        Assert.False(iam.Allows(Job, "s3:ListBucket", "arn:aws:s3:::lake", ("s3:prefix", "events-old/")));
        Assert.False(iam.Allows(Job, "s3:GetObject", "arn:aws:s3:::lake/events-old/x.csv"));
    }

    [Fact]
    public void Run_time_value_inside_a_join_is_a_wildcard_segment_after_a_fixed_bucket()
    {
        var iam = Generate("""
            [LambdaStep(typeof(Demo), FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:find")]
            public sealed class Find
            {
                [OutputParameter] public static readonly string Day = "";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Join("/", "s3://my-bucket/daily", nameof(Find.Day))] public static readonly string Where = "";
                [Output("/opt/ml/processing/output", Destination = nameof(Where))] public const string Out = "out";
            }
            """);
        Assert.Equal(["arn:aws:s3:::my-bucket/daily/*"], iam.Resources(Job, "S3WriteOutputs"));
    }

    [Fact]
    public void Grants_and_managed_policies_go_to_the_role_the_step_runs_as()
    {
        var iam = Generate("""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Grant("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/Features")]
            [Grant("dynamodb:Query", "arn:aws:dynamodb:us-east-1:123456789012:table/Features", "arn:aws:dynamodb:us-east-1:123456789012:table/Features/index/ByDay")]
            [AttachManagedPolicy("arn:aws:iam::123456789012:policy/FeatureStoreRead")]
            public sealed class Prep;

            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            [Grant("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:123456789012:secret:serve-token-AbCdEf")]
            public sealed class Model;
            """);
        Assert.Equal(["arn:aws:dynamodb:us-east-1:123456789012:table/Features"], iam.Resources(Job, "GrantDynamodbGetItem"));
        Assert.Equal(["arn:aws:dynamodb:us-east-1:123456789012:table/Features", "arn:aws:dynamodb:us-east-1:123456789012:table/Features/index/ByDay"],
            iam.Resources(Job, "GrantDynamodbQuery"));
        Assert.Equal(["arn:aws:iam::123456789012:policy/FeatureStoreRead"], IamFiles.Strings(iam.Role(Job)["managedPolicies"]));
        Assert.Empty(IamFiles.Strings(iam.Role(Inference)["managedPolicies"]));
        Assert.Equal(["secretsmanager:GetSecretValue"], iam.Actions(Inference, "GrantSecretsmanagerGetSecretValue"));
        Assert.Null(iam.Statement(Job, "GrantSecretsmanagerGetSecretValue"));
    }

    // ---- KMS and VPC -------------------------------------------------------------------------------------

    [Fact]
    public void Declared_keys_are_granted_to_the_job_and_upstream_keys_to_the_readers()
    {
        var iam = Generate("""
            public static class Keys
            {
                public const string Data = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
                public const string Volume = "0fedcba9-8765-4321-abcd-ef0123456789";
            }

            """ + IamSrc.EvaluateAndCheck("[Encryption(OutputKmsKeyId = Keys.Data, VolumeKmsKeyId = Keys.Volume)]"));
        const string data = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        Assert.Equal(["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], iam.Actions(Job, "KmsOutputKeys"));
        Assert.Equal([data], iam.Resources(Job, "KmsOutputKeys"));
        Assert.Equal(["arn:aws:kms:us-east-1:123456789012:key/0fedcba9-8765-4321-abcd-ef0123456789"], iam.Resources(Job, "KmsVolumeKeys"));
        Assert.True(iam.Allows(Job, "kms:CreateGrant", "arn:aws:kms:us-east-1:123456789012:key/0fedcba9-8765-4321-abcd-ef0123456789", ("kms:GrantIsForAWSResource", "true")));
        Assert.False(iam.Allows(Job, "kms:CreateGrant", "arn:aws:kms:us-east-1:123456789012:key/0fedcba9-8765-4321-abcd-ef0123456789", ("kms:GrantIsForAWSResource", "false")));
        Assert.False(iam.Allows(Job, "kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:key/0fedcba9-8765-4321-abcd-ef0123456789"));

        Assert.Equal(["kms:Decrypt"], iam.Actions(PipelineRole, "KmsReadKeys"));
        Assert.Equal([data], iam.Resources(PipelineRole, "KmsReadKeys"));
        Assert.False(iam.Allows(PipelineRole, "kms:Encrypt", data));
    }

    [Fact]
    public void Keys_named_by_alias_are_granted_through_the_alias_condition()
    {
        var iam = Generate("""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Encryption(OutputKmsKeyId = "alias/ml-data")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/output")] public const string Out = "out";
            }
            """);
        Assert.Equal(["arn:aws:kms:us-east-1:123456789012:key/*"], iam.Resources(Job, "KmsOutputKeysByAlias"));
        Assert.True(iam.Allows(Job, "kms:GenerateDataKey", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", ("kms:ResourceAliases", "alias/ml-data")));
        Assert.False(iam.Allows(Job, "kms:GenerateDataKey", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", ("kms:ResourceAliases", "alias/other")));
    }

    [Fact]
    public void Jobs_and_models_in_a_VPC_manage_network_interfaces_in_the_declared_subnets()
    {
        var iam = Generate("""
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Network(Subnets = new[] { "subnet-0123456789abcdef0" }, SecurityGroupIds = new[] { "sg-0123456789abcdef0" }, EnableNetworkIsolation = true, EnableInterContainerTrafficEncryption = true)]
            public sealed class Train;
            """);
        Assert.Equal(
            ["arn:aws:ec2:us-east-1:123456789012:network-interface/*", "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0", "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0123456789abcdef0"],
            iam.Resources(Job, "Ec2CreateNetworkInterfacesInDeclaredSubnets"));
        Assert.False(iam.Allows(Job, "ec2:CreateNetworkInterface", "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0fedcba9876543210"));
        var describe = iam.RequiredStatement(Job, "Ec2DescribeHasNoResourceLevelPermissionsRequiresWildcard");
        Assert.Equal(["*"], IamFiles.Strings(describe["Resource"]));
        Assert.All(IamFiles.Strings(describe["Action"]), a => Assert.StartsWith("ec2:Describe", a, StringComparison.Ordinal));
        Assert.True(iam.Allows(Job, "ec2:DescribeSubnets", "*", ("aws:RequestedRegion", "us-east-1")));
        Assert.False(iam.Allows(Job, "ec2:DescribeSubnets", "*", ("aws:RequestedRegion", "eu-west-1")));
    }

    [Fact]
    public void Processing_jobs_in_a_VPC_get_the_EC2_network_actions_unscoped_as_the_developer_guide_requires()
    {
        // CreateProcessingJob's execution-role permissions: "don't scope in the policy with any conditions or resource
        // filters. Otherwise, the validation checks that happen during the creation of the processing job fail."
        var iam = Generate("""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Network(Subnets = new[] { "subnet-0123456789abcdef0" }, SecurityGroupIds = new[] { "sg-0123456789abcdef0" })]
            public sealed class Prep;
            """);
        var statement = iam.RequiredStatement(Job, "Ec2NetworkForProcessingJobsInVpcUnscopedRequiresWildcard");
        Assert.Equal(["*"], IamFiles.Strings(statement["Resource"]));
        Assert.Null(statement["Condition"]);
        Assert.Equal(
            ["ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission",
             "ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"],
            IamFiles.Strings(statement["Action"]));
        Assert.True(iam.Allows(Job, "ec2:CreateNetworkInterface", "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0fedcba9876543210"));
        Assert.True(iam.Allows(Job, "ec2:DescribeSubnets", "*"));
        Assert.Null(iam.Statement(Job, "Ec2CreateNetworkInterfacesInDeclaredSubnets"));
        Assert.Contains("CreateProcessingJob", iam.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Jobs_outside_a_VPC_and_without_keys_get_no_EC2_or_KMS_statements()
    {
        var iam = Generate("""
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            public sealed class Train;
            """);
        Assert.DoesNotContain(iam.Statements(Job), s => ((string)s["Sid"]!).StartsWith("Ec2", StringComparison.Ordinal) || ((string)s["Sid"]!).StartsWith("Kms", StringComparison.Ordinal));
    }
}
