using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Sagewright.Cli.Aws;
using Sagewright.Cli.Output;
using Sagewright.Cli.Tests.Infrastructure;

namespace Sagewright.Cli.Tests.Aws;

/// <summary>Dummy credentials for the whole test process, before any test runs: the AWS SDK reads the environment,
/// and no real profile, config file or instance metadata may be used.</summary>
internal static class DummyAwsEnvironment
{
    [ModuleInitializer]
    internal static void Set()
    {
        var none = Path.Combine(Path.GetTempPath(), "sagewright-no-aws-config");
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", FakeAws.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", FakeAws.SecretKey);
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null);
        Environment.SetEnvironmentVariable("AWS_PROFILE", null);
        Environment.SetEnvironmentVariable("AWS_DEFAULT_PROFILE", null);
        Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");
        Environment.SetEnvironmentVariable("AWS_DEFAULT_REGION", "us-east-1");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", none);
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", none);
        Environment.SetEnvironmentVariable("AWS_PAGER", "");
    }
}

/// <summary>A project with two scripts and the folder a Sagewright build writes for its pipeline
/// (bin/Release/net10.0/sagemaker/FraudDetection/), shaped like samples/FraudDetection's, plus a fake AWS.</summary>
public sealed class AwsFixture : IDisposable
{
    public const string Pipeline = "FraudDetection";
    public const string RelativeFolder = "bin/Release/net10.0/sagemaker/FraudDetection";

    private readonly TempDir _temp = new();

    public AwsFixture()
    {
        Aws = new FakeAws();
        Project = _temp.Path;
        _temp.Write("FraudDetection.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        var preprocess = "import pandas as pd\nprint('preprocess')\n";
        var train = "print('train')\n";
        _temp.Write("scripts/preprocess.py", preprocess);
        _temp.Write("scripts/train.py", train);
        Folder = Path.Combine(Project, RelativeFolder);
        WriteFolder(preprocess, train, jobActions: ["s3:GetObject"]);
    }

    public FakeAws Aws { get; }

    public string Project { get; }

    public string Folder { get; }

    public string Path_(string relative) => Path.Combine(Folder, relative);

    /// <summary>The environment the CLI runs in: not a terminal, and fast retries and polling.</summary>
    public static CliEnvironment Environment(string workingDirectory) =>
        new(workingDirectory, StdoutIsTerminal: false, NoColor: null, Term: null)
        {
            AwsTuning = new AwsTuning
            {
                BaseDelay = TimeSpan.FromMilliseconds(5),
                MaxDelay = TimeSpan.FromMilliseconds(40),
                AttemptTimeout = TimeSpan.FromSeconds(10),
                PollInterval = TimeSpan.FromMilliseconds(1),
            },
        };

    /// <summary>Runs sagewright with <c>--endpoint-url</c> pointing at the fake.</summary>
    public CliRunner.Result Run(params string[] args) =>
        CliRunner.Run(Environment(Project), [.. args, "--endpoint-url", Aws.Endpoint]);

    public static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public void WriteFolder(string preprocess, string train, string[] jobActions, string? trainingInstance = null)
    {
        var bucket = "my-bucket";
        var pre = $"s3://{bucket}/FraudDetection/code/{Sha(preprocess)}/preprocess.py";
        var tr = $"s3://{bucket}/FraudDetection/code/{Sha(train)}/sourcedir.tar.gz";
        var jobRole = $"arn:aws:iam::{FakeAws.Account}:role/FraudDetection-job";
        var pipelineRole = $"arn:aws:iam::{FakeAws.Account}:role/FraudDetection-pipeline";
        var definition = new JsonObject
        {
            ["Version"] = "2020-12-01",
            ["Metadata"] = new JsonObject(),
            ["Parameters"] = new JsonArray(
                new JsonObject { ["Name"] = "InputData", ["Type"] = "String", ["DefaultValue"] = "s3://my-bucket/raw-data/" },
                new JsonObject { ["Name"] = "AucThreshold", ["Type"] = "Float", ["DefaultValue"] = 0.8 },
                new JsonObject { ["Name"] = "Epochs", ["Type"] = "Integer", ["DefaultValue"] = 10 },
                new JsonObject { ["Name"] = "UseGpu", ["Type"] = "Boolean", ["DefaultValue"] = false }),
            ["Steps"] = new JsonArray(
                new JsonObject
                {
                    ["Name"] = "Preprocessing",
                    ["Type"] = "Processing",
                    ["Arguments"] = new JsonObject { ["RoleArn"] = jobRole, ["ProcessingInputs"] = new JsonArray(new JsonObject { ["InputName"] = "code", ["S3Input"] = new JsonObject { ["S3Uri"] = pre } }) },
                },
                new JsonObject
                {
                    ["Name"] = "Training",
                    ["Type"] = "Training",
                    ["Arguments"] = new JsonObject
                    {
                        ["RoleArn"] = jobRole,
                        ["ResourceConfig"] = new JsonObject { ["InstanceType"] = trainingInstance ?? "ml.m5.xlarge", ["InstanceCount"] = 1 },
                        ["HyperParameters"] = new JsonObject { ["sagemaker_submit_directory"] = tr },
                    },
                },
                new JsonObject
                {
                    ["Name"] = "CheckAuc",
                    ["Type"] = "Condition",
                    ["Arguments"] = new JsonObject
                    {
                        ["IfSteps"] = new JsonArray(new JsonObject { ["Name"] = "RegisterFraudModel", ["Type"] = "RegisterModel", ["Arguments"] = new JsonObject { ["ModelPackageGroupName"] = "fraud-detection" } }),
                        ["ElseSteps"] = new JsonArray(new JsonObject { ["Name"] = "AucTooLow", ["Type"] = "Fail", ["Arguments"] = new JsonObject() }),
                    },
                }),
        };
        _temp.Write(RelativeFolder + "/pipeline.json", definition.ToJsonString(new() { WriteIndented = true }) + "\n");
        var tags = new JsonArray(new JsonObject { ["Key"] = "team", ["Value"] = "ml" }, new JsonObject { ["Key"] = "env", ["Value"] = "dev" });
        _temp.Write(RelativeFolder + "/create-pipeline.json", new JsonObject
        {
            ["PipelineName"] = Pipeline,
            ["PipelineDescription"] = "Trains and evaluates the card-fraud classifier",
            ["RoleArn"] = pipelineRole,
            ["Tags"] = tags,
        }.ToJsonString(new() { WriteIndented = true }) + "\n");
        _temp.Write(RelativeFolder + "/artifacts.json", new JsonObject
        {
            ["pipeline"] = Pipeline,
            ["bucket"] = bucket,
            ["files"] = new JsonArray(
                new JsonObject { ["path"] = "scripts/preprocess.py", ["s3Uri"] = pre, ["sha256"] = Sha(preprocess), ["size"] = Encoding.UTF8.GetByteCount(preprocess), ["upload"] = "file" },
                new JsonObject { ["path"] = "scripts/train.py", ["s3Uri"] = tr, ["sha256"] = Sha(train), ["size"] = Encoding.UTF8.GetByteCount(train), ["upload"] = "sourcedir.tar.gz" }),
        }.ToJsonString(new() { WriteIndented = true }) + "\n");
        _temp.Write(RelativeFolder + "/iam/roles.json", new JsonObject
        {
            ["account"] = FakeAws.Account,
            ["region"] = "us-east-1",
            ["partition"] = "aws",
            ["pipeline"] = Pipeline,
            ["roles"] = new JsonArray(
                new JsonObject { ["name"] = "FraudDetection-pipeline", ["arn"] = pipelineRole, ["kind"] = "pipeline", ["policy"] = "FraudDetection-pipeline.policy.json", ["trust"] = "FraudDetection-pipeline.trust.json", ["usedBy"] = new JsonArray("Preprocessing", "Training"), ["managedPolicies"] = new JsonArray() },
                new JsonObject { ["name"] = "FraudDetection-job", ["arn"] = jobRole, ["kind"] = "job", ["policy"] = "FraudDetection-job.policy.json", ["trust"] = "FraudDetection-job.trust.json", ["usedBy"] = new JsonArray("Preprocessing", "Training"), ["managedPolicies"] = new JsonArray() }),
        }.ToJsonString(new() { WriteIndented = true }) + "\n");
        var trust = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": ["sts:AssumeRole"],
                 "Condition": {"StringEquals": {"aws:SourceAccount": ["123456789012"]}}}
              ]
            }
            """;
        _temp.Write(RelativeFolder + "/iam/FraudDetection-pipeline.trust.json", trust);
        _temp.Write(RelativeFolder + "/iam/FraudDetection-job.trust.json", trust);
        _temp.Write(RelativeFolder + "/iam/FraudDetection-pipeline.policy.json", $$$$"""
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "StartJobs", "Effect": "Allow", "Action": ["sagemaker:CreateProcessingJob", "sagemaker:CreateTrainingJob"], "Resource": ["arn:aws:sagemaker:us-east-1:123456789012:*/pipelines-*"]},
                {"Sid": "PassJobRole", "Effect": "Allow", "Action": ["iam:PassRole"], "Resource": ["{{{{jobRole}}}}"], "Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}}
              ]
            }
            """);
        _temp.Write(RelativeFolder + "/iam/FraudDetection-job.policy.json", $$"""
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "ReadInputData", "Effect": "Allow", "Action": [{{string.Join(", ", jobActions.Select(a => "\"" + a + "\""))}}], "Resource": ["arn:aws:s3:::my-bucket/raw-data/*", "arn:aws:s3:::my-bucket/a+b c/%41/*"]}
              ]
            }
            """);
    }

    public const string EndpointRole = "FraudDetection-endpoint-fraud-detection";

    /// <summary>Adds what the build writes for an [Endpoint]: endpoints/fraud-detection/ with its API requests, and
    /// the endpoint's role in iam/roles.json.</summary>
    public void WriteEndpoint(int minCapacity = 2)
    {
        var rolesPath = Path_("iam/roles.json");
        var roles = JsonNode.Parse(File.ReadAllText(rolesPath))!;
        ((JsonArray)roles["roles"]!).Add(new JsonObject { ["name"] = EndpointRole, ["arn"] = $"arn:aws:iam::{FakeAws.Account}:role/{EndpointRole}", ["kind"] = "inference", ["policy"] = EndpointRole + ".policy.json", ["trust"] = EndpointRole + ".trust.json", ["usedBy"] = new JsonArray("endpoints/fraud-detection"), ["managedPolicies"] = new JsonArray() });
        File.WriteAllText(rolesPath, roles.ToJsonString(new() { WriteIndented = true }) + "\n");
        File.Copy(Path_("iam/FraudDetection-job.trust.json"), Path_($"iam/{EndpointRole}.trust.json"), overwrite: true);
        _temp.Write(RelativeFolder + $"/iam/{EndpointRole}.policy.json", """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "ReadModel", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::my-bucket/FraudDetection/*"]}
              ]
            }
            """);
        var dir = RelativeFolder + "/endpoints/fraud-detection/";
        var tags = new JsonArray(new JsonObject { ["Key"] = "team", ["Value"] = "ml" });
        _temp.Write(dir + "create-model.json", new JsonObject
        {
            ["ModelName"] = "fraud-detection-model",
            ["PrimaryContainer"] = new JsonObject { ["ModelPackageName"] = "fraud-detection" },
            ["ExecutionRoleArn"] = $"arn:aws:iam::{FakeAws.Account}:role/{EndpointRole}",
            ["Tags"] = tags.DeepClone(),
        }.ToJsonString(new() { WriteIndented = true }) + "\n");
        _temp.Write(dir + "create-endpoint-config.json", new JsonObject
        {
            ["EndpointConfigName"] = "fraud-detection-config",
            ["ProductionVariants"] = new JsonArray(new JsonObject { ["VariantName"] = "AllTraffic", ["ModelName"] = "fraud-detection-model", ["InitialInstanceCount"] = minCapacity, ["InstanceType"] = "ml.m5.large", ["InitialVariantWeight"] = 1.0 }),
            ["Tags"] = tags.DeepClone(),
        }.ToJsonString(new() { WriteIndented = true }) + "\n");
        _temp.Write(dir + "create-endpoint.json", new JsonObject { ["EndpointName"] = "fraud-detection", ["EndpointConfigName"] = "fraud-detection-config", ["Tags"] = tags.DeepClone() }.ToJsonString(new() { WriteIndented = true }) + "\n");
        _temp.Write(dir + "register-scalable-target.json", new JsonObject
        {
            ["ServiceNamespace"] = "sagemaker",
            ["ResourceId"] = "endpoint/fraud-detection/variant/AllTraffic",
            ["ScalableDimension"] = "sagemaker:variant:DesiredInstanceCount",
            ["MinCapacity"] = minCapacity,
            ["MaxCapacity"] = 6,
        }.ToJsonString(new() { WriteIndented = true }) + "\n");
        _temp.Write(dir + "put-scaling-policy.json", new JsonObject
        {
            ["PolicyName"] = "fraud-detection-AllTraffic-target-tracking",
            ["ServiceNamespace"] = "sagemaker",
            ["ResourceId"] = "endpoint/fraud-detection/variant/AllTraffic",
            ["ScalableDimension"] = "sagemaker:variant:DesiredInstanceCount",
            ["PolicyType"] = "TargetTrackingScaling",
            ["TargetTrackingScalingPolicyConfiguration"] = new JsonObject
            {
                ["TargetValue"] = 70.0,
                ["PredefinedMetricSpecification"] = new JsonObject { ["PredefinedMetricType"] = "SageMakerVariantInvocationsPerInstance" },
                ["ScaleInCooldown"] = 300,
                ["ScaleOutCooldown"] = 60,
            },
        }.ToJsonString(new() { WriteIndented = true }) + "\n");
    }

    public void Dispose()
    {
        Aws.Dispose();
        _temp.Dispose();
    }
}
