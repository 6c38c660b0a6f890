using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Sagewright.Cli.Aws;

namespace Sagewright.Cli.Tests.Aws;

/// <summary>For every operation the tool sends, the AWS CLI sends the same operation with the same input to the same
/// fake, and the two requests are equal after parsing (target or action, parameters, body), both validly signed.
/// This is what shows that the hand-written SageMaker and IAM clients speak the real protocols.</summary>
public sealed class ParityTests : IDisposable
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private const string PipelineArn = "arn:aws:sagemaker:us-east-1:123456789012:pipeline/frauddetection";
    private const string PackageArn = "arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-detection/1";
    private const string Role = "FraudDetection-job";
    private const string Policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::my-bucket/a b/*\"}]}";

    private readonly AwsFixture _f = new();
    private readonly string _executionArn;

    public ParityTests()
    {
        // State for every operation to succeed: deployed, three executions run (three model package versions).
        Assert.Equal(0, _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening").ExitCode);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, _f.Run("run", AwsFixture.RelativeFolder, "--wait").ExitCode);
        }

        _executionArn = _f.Aws.Executions.Keys.Order(StringComparer.Ordinal).First();
        _f.Aws.Pipelines["FraudDetection"].Tags["a"] = "1";
        _f.Aws.Pipelines["FraudDetection"].Tags["b"] = "2";
        File.WriteAllText(Path.Combine(_f.Project, "policy.json"), Policy);
        File.WriteAllText(Path.Combine(_f.Project, "body.txt"), "hello parity\n");
    }

    public void Dispose() => _f.Dispose();

    public static TheoryData<string> Operations() =>
    [
        "DescribePipeline", "CreatePipeline", "UpdatePipeline", "AddTags", "ListTags", "StartPipelineExecution", "DescribePipelineExecution",
        "ListPipelineExecutionSteps", "ListModelPackages", "DescribeModelPackage", "UpdateModelPackage",
        "GetRole", "CreateRole", "UpdateAssumeRolePolicy", "GetRolePolicy", "PutRolePolicy", "TagRole", "ListAttachedRolePolicies", "AttachRolePolicy",
        "HEAD", "PUT", "GetCallerIdentity",
    ];

    [AwsCliTheory]
    [MemberData(nameof(Operations))]
    public async Task The_tool_and_the_AWS_CLI_send_the_same_request(string operation)
    {
        var definition = File.ReadAllText(_f.Path_("pipeline.json"));
        var tags = new List<Tag> { new("team", "ml"), new("env", "dev") };
        var key = "FraudDetection/code/abc/x y+z.py";
        var body = Encoding.UTF8.GetBytes("hello parity\n");
        var sha = Convert.ToBase64String(SHA256.HashData(body));
        using var session = AwsSession.Create(new AwsOptions(null, null, _f.Aws.Endpoint), AwsFixture.Environment(_f.Project).AwsTuning, null);
        var sageMaker = new SageMakerClient(session);
        var iam = new IamClient(session);
        using var s3 = new S3Store(session);
        var (ours, cli) = operation switch
        {
            "DescribePipeline" => (() => sageMaker.DescribePipelineAsync(new("FraudDetection")),
                new[] { "sagemaker", "describe-pipeline", "--pipeline-name", "FraudDetection" }),
            "CreatePipeline" => ((Func<Task>)(() => sageMaker.CreatePipelineAsync(new("FraudDetection2", "Fraud detection", definition, "The description", Token, _f.Aws.Roles["FraudDetection-pipeline"].Arn, tags))),
                new[] { "sagemaker", "create-pipeline", "--pipeline-name", "FraudDetection2", "--pipeline-display-name", "Fraud detection", "--pipeline-definition", "file://" + AwsFixture.RelativeFolder + "/pipeline.json",
                    "--pipeline-description", "The description", "--client-request-token", Token, "--role-arn", _f.Aws.Roles["FraudDetection-pipeline"].Arn, "--tags", "Key=team,Value=ml", "Key=env,Value=dev" }),
            "UpdatePipeline" => (() => sageMaker.UpdatePipelineAsync(new("FraudDetection", null, definition, "The description", _f.Aws.Roles["FraudDetection-pipeline"].Arn)),
                new[] { "sagemaker", "update-pipeline", "--pipeline-name", "FraudDetection", "--pipeline-definition", "file://" + AwsFixture.RelativeFolder + "/pipeline.json",
                    "--pipeline-description", "The description", "--role-arn", _f.Aws.Roles["FraudDetection-pipeline"].Arn }),
            "AddTags" => (() => sageMaker.AddTagsAsync(new(PipelineArn, tags)),
                new[] { "sagemaker", "add-tags", "--resource-arn", PipelineArn, "--tags", "Key=team,Value=ml", "Key=env,Value=dev" }),
            "ListTags" => (() => sageMaker.ListAllTagsAsync(PipelineArn),
                new[] { "sagemaker", "list-tags", "--resource-arn", PipelineArn }),
            "StartPipelineExecution" => (() => sageMaker.StartPipelineExecutionAsync(new("FraudDetection", "nightly", [new("Epochs", "20"), new("InputData", "s3://b/k,v=1")], "a run", Token)),
                new[] { "sagemaker", "start-pipeline-execution", "--pipeline-name", "FraudDetection", "--pipeline-execution-display-name", "nightly",
                    "--pipeline-parameters", "[{\"Name\":\"Epochs\",\"Value\":\"20\"},{\"Name\":\"InputData\",\"Value\":\"s3://b/k,v=1\"}]", "--pipeline-execution-description", "a run", "--client-request-token", Token }),
            "DescribePipelineExecution" => (() => sageMaker.DescribePipelineExecutionAsync(new(_executionArn)),
                new[] { "sagemaker", "describe-pipeline-execution", "--pipeline-execution-arn", _executionArn }),
            "ListPipelineExecutionSteps" => (() => sageMaker.ListAllPipelineExecutionStepsAsync(_executionArn),
                new[] { "sagemaker", "list-pipeline-execution-steps", "--pipeline-execution-arn", _executionArn, "--sort-order", "Ascending" }),
            "ListModelPackages" => (() => sageMaker.ListAllModelPackagesAsync("fraud-detection", "PendingManualApproval"),
                new[] { "sagemaker", "list-model-packages", "--model-package-group-name", "fraud-detection", "--model-approval-status", "PendingManualApproval", "--sort-by", "CreationTime", "--sort-order", "Descending" }),
            "DescribeModelPackage" => (() => sageMaker.DescribeModelPackageAsync(new(PackageArn)),
                new[] { "sagemaker", "describe-model-package", "--model-package-name", PackageArn }),
            "UpdateModelPackage" => (() => sageMaker.UpdateModelPackageAsync(new(PackageArn, "Approved", "AUC 0.93 & more")),
                new[] { "sagemaker", "update-model-package", "--model-package-arn", PackageArn, "--model-approval-status", "Approved", "--approval-description", "AUC 0.93 & more" }),
            "GetRole" => (() => iam.GetRoleAsync(Role),
                new[] { "iam", "get-role", "--role-name", Role }),
            "CreateRole" => (() => iam.CreateRoleAsync("Other-role", "/service-role/", Policy, tags),
                new[] { "iam", "create-role", "--role-name", "Other-role", "--path", "/service-role/", "--assume-role-policy-document", "file://policy.json", "--tags", "Key=team,Value=ml", "Key=env,Value=dev" }),
            "UpdateAssumeRolePolicy" => (() => iam.UpdateAssumeRolePolicyAsync(Role, Policy),
                new[] { "iam", "update-assume-role-policy", "--role-name", Role, "--policy-document", "file://policy.json" }),
            "GetRolePolicy" => (() => iam.GetRolePolicyAsync(Role, Role),
                new[] { "iam", "get-role-policy", "--role-name", Role, "--policy-name", Role }),
            "PutRolePolicy" => (() => iam.PutRolePolicyAsync(Role, Role, Policy),
                new[] { "iam", "put-role-policy", "--role-name", Role, "--policy-name", Role, "--policy-document", "file://policy.json" }),
            "TagRole" => (() => iam.TagRoleAsync(Role, tags),
                new[] { "iam", "tag-role", "--role-name", Role, "--tags", "Key=team,Value=ml", "Key=env,Value=dev" }),
            "ListAttachedRolePolicies" => (() => iam.ListAttachedRolePoliciesAsync(Role),
                new[] { "iam", "list-attached-role-policies", "--role-name", Role }),
            "AttachRolePolicy" => (() => iam.AttachRolePolicyAsync(Role, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),
                new[] { "iam", "attach-role-policy", "--role-name", Role, "--policy-arn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }),
            "HEAD" => (() => s3.ExistsAsync("my-bucket", key),
                new[] { "s3api", "head-object", "--bucket", "my-bucket", "--key", key }),
            "PUT" => (() => s3.PutIfAbsentAsync("my-bucket", key + "2", body, Convert.ToHexStringLower(SHA256.HashData(body))),
                new[] { "s3api", "put-object", "--bucket", "my-bucket", "--key", key + "2", "--body", "body.txt", "--if-none-match", "*", "--checksum-sha256", sha }),
            "GetCallerIdentity" => (() => new StsClient(session).GetCallerIdentityAsync(),
                new[] { "sts", "get-caller-identity" }),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };

        _f.Aws.ClearRequests();
        await ours();
        var mine = _f.Aws.Snapshot().Where(r => r.Operation == operation).ToList();
        if (operation == "PUT")
        {
            // Remove our object, so that the CLI's put is a first put too (If-None-Match would refuse it otherwise).
            _f.Aws.Objects.TryRemove("my-bucket/" + key + "2", out _);
        }

        _f.Aws.ClearRequests();
        var (exitCode, stdout, stderr) = AwsCli.Run(_f.Project, _f.Aws.Endpoint, cli);
        var theirs = _f.Aws.Snapshot().Where(r => r.Operation == operation).ToList();
        var what = $"aws {string.Join(' ', cli)} (exit {exitCode})\nstdout: {stdout}\nstderr: {stderr}";
        Assert.NotEmpty(mine);
        Assert.True(theirs.Count > 0, "the CLI sent no " + operation + ": " + what);
        Assert.Equal(theirs.Count, mine.Count);
        if (operation is "ListTags" or "ListPipelineExecutionSteps" or "ListModelPackages")
        {
            Assert.True(mine.Count > 1, "the listing should span pages");
        }

        for (var i = 0; i < mine.Count; i++)
        {
            Assert.True(mine[i].SignatureValid, "ours: " + mine[i].SignatureProblem);
            Assert.True(theirs[i].SignatureValid, "the CLI's: " + theirs[i].SignatureProblem);
            Assert.Equal(theirs[i].Service, mine[i].Service);
            Assert.Equal(theirs[i].Method, mine[i].Method);
            switch (mine[i].Service)
            {
                case "sagemaker":
                    Assert.Equal(theirs[i].Headers["x-amz-target"], mine[i].Headers["x-amz-target"]);
                    Assert.Equal(theirs[i].Headers["content-type"], mine[i].Headers["content-type"]);
                    Assert.True(JsonNode.DeepEquals(theirs[i].Json, mine[i].Json), $"bodies differ\nours:   {mine[i].Json!.ToJsonString()}\ntheirs: {theirs[i].Json!.ToJsonString()}");
                    break;
                case "iam" or "sts":
                    Assert.Equal(
                        theirs[i].Form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value),
                        mine[i].Form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
                    break;
                default:
                    Assert.Equal(theirs[i].Path, mine[i].Path);
                    Assert.Equal(theirs[i].Body, mine[i].Body);
                    foreach (var header in new[] { "if-none-match", "x-amz-checksum-sha256" })
                    {
                        Assert.Equal(theirs[i].Headers.GetValueOrDefault(header), mine[i].Headers.GetValueOrDefault(header));
                    }

                    break;
            }
        }
    }
}
