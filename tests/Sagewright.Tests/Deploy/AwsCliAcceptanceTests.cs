using System.Text.Json.Nodes;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Deploy;

/// <summary>The AWS CLI accepts the generated files as they are, with the commands docs/deploying.md gives: each
/// command is run against a dead loopback endpoint and must fail only to connect, never at parameter validation.</summary>
public sealed class AwsCliAcceptanceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sagewright-awscli-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [AwsCliFact]
    public void Create_and_update_pipeline_accept_the_generated_requests()
    {
        var folder = Write("FraudDetection", "FraudDetection");
        AwsCli.ShouldFailOnlyToConnect(folder, "sagemaker", "create-pipeline",
            "--cli-input-json", "file://create-pipeline.json", "--pipeline-definition", "file://pipeline.json");
        AwsCli.ShouldFailOnlyToConnect(folder, "sagemaker", "update-pipeline",
            "--cli-input-json", "file://update-pipeline.json", "--pipeline-definition", "file://pipeline.json");
    }

    [AwsCliFact]
    public void Every_role_can_be_created_and_given_its_policy()
    {
        var folder = Write("FraudDetection", "FraudDetection");
        var roles = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "iam", "roles.json")))!["roles"]!.AsArray();
        Assert.NotEmpty(roles);
        foreach (var role in roles)
        {
            var name = (string)role!["name"]!;
            AwsCli.ShouldFailOnlyToConnect(folder, "iam", "create-role", "--role-name", name,
                "--assume-role-policy-document", "file://iam/" + (string)role["trust"]!);
            AwsCli.ShouldFailOnlyToConnect(folder, "iam", "put-role-policy", "--role-name", name,
                "--policy-name", name, "--policy-document", "file://iam/" + (string)role["policy"]!);
        }
    }

    [AwsCliFact]
    public void CloudFormation_deploy_accepts_the_generated_template_and_its_parameters()
    {
        var folder = Write("FraudDetection", "FraudDetection");
        AwsCli.ShouldFailOnlyToConnect(folder, "cloudformation", "deploy", "--template-file", "pipeline.template.json",
            "--stack-name", "fraud-detection", "--capabilities", "CAPABILITY_NAMED_IAM", "--parameter-overrides", "PipelineName=FraudDetection");
    }

    [AwsCliFact]
    public void The_rest_of_the_documented_sequence_uploads_updates_the_trust_tags_and_starts()
    {
        // docs/deploying.md: upload each artifacts.json entry, update an existing role's trust policy, re-tag an updated
        // pipeline, start an execution (with a parameter value).
        var folder = Write("FraudDetection", "FraudDetection");
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "artifacts.json")))!;
        var files = manifest["files"]!.AsArray();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var path = (string)file!["path"]!;
            var upload = (string)file["upload"]!;
            // docs/deploying.md: a script is copied from the project; an archive is the one the build wrote.
            string local;
            if (upload == "file")
            {
                local = Path.GetFileName(path);
                File.Copy(Paths.Samples(["FraudDetection", .. path.Split('/')]), Path.Combine(folder, local), overwrite: true);
            }
            else
            {
                local = (string)file["archive"]!;
                Assert.True(File.Exists(Path.Combine(folder, local)), local + " was not written beside artifacts.json");
            }

            AwsCli.ShouldFailOnlyToConnect(folder, "s3", "cp", local, (string)file["s3Uri"]!);
        }

        var role = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "iam", "roles.json")))!["roles"]![0]!;
        AwsCli.ShouldFailOnlyToConnect(folder, "iam", "update-assume-role-policy", "--role-name", (string)role["name"]!,
            "--policy-document", "file://iam/" + (string)role["trust"]!);
        var create = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "create-pipeline.json")))!;
        AwsCli.ShouldFailOnlyToConnect(folder, "sagemaker", "describe-pipeline", "--pipeline-name", (string)create["PipelineName"]!);
        AwsCli.ShouldFailOnlyToConnect(folder, "sagemaker", "add-tags", "--resource-arn",
            "arn:aws:sagemaker:us-east-1:123456789012:pipeline/fraud-detection", "--tags", create["Tags"]!.ToJsonString());
        AwsCli.ShouldFailOnlyToConnect(folder, "sagemaker", "start-pipeline-execution", "--pipeline-name", (string)create["PipelineName"]!);
        var parameter = (string)JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "pipeline.json")))!["Parameters"]![0]!["Name"]!;
        AwsCli.ShouldFailOnlyToConnect(folder, "sagemaker", "start-pipeline-execution", "--pipeline-name", (string)create["PipelineName"]!,
            "--pipeline-parameters", "Name=" + parameter + ",Value=x");
    }

    [AwsCliFact]
    public void A_request_the_cli_would_reject_is_reported_as_such()
    {
        // The check itself: an UpdatePipeline request with Tags fails at validation, and the assertion says so.
        var folder = Write("FraudDetection", "FraudDetection");
        File.WriteAllText(Path.Combine(folder, "bad.json"), """{"PipelineName": "FraudDetection", "Tags": []}""");
        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AwsCli.ShouldFailOnlyToConnect(folder, "sagemaker", "update-pipeline",
            "--cli-input-json", "file://bad.json", "--pipeline-definition", "file://pipeline.json"));
        Assert.Contains("rejected the input", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Writes the sample's generated files for one pipeline to the temp folder, as the build lays them out.</summary>
    [AwsCliFact]
    public void The_endpoint_commands_accept_the_generated_template_and_requests()
    {
        // docs/deploying.md, "Deploying an endpoint", with the jq edits it makes to the requests.
        var folder = Write("FraudDetection", "FraudDetection");
        const string Package = "arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-detection/3";
        AwsCli.ShouldFailOnlyToConnect(folder, "sagemaker", "list-model-packages", "--model-package-group-name", "fraud-detection",
            "--model-approval-status", "Approved", "--sort-by", "CreationTime", "--sort-order", "Descending", "--max-items", "1",
            "--query", "ModelPackageSummaryList[0].ModelPackageArn", "--output", "text");
        AwsCli.ShouldFailOnlyToConnect(folder, "sagemaker", "update-model-package", "--model-package-arn", Package,
            "--model-approval-status", "Approved", "--approval-description", "AUC reviewed");
        AwsCli.ShouldFailOnlyToConnect(folder, "cloudformation", "deploy", "--template-file", "endpoints/fraud-detection/endpoint.template.json",
            "--stack-name", "fraud-detection-endpoint", "--capabilities", "CAPABILITY_NAMED_IAM", "--parameter-overrides", "ModelPackageName=" + Package);

        var endpoint = Path.Combine(folder, "endpoints", "fraud-detection");
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(endpoint, "create-model.json")))!;
        model["PrimaryContainer"]!["ModelPackageName"] = Package;
        model["ModelName"] = (string)model["ModelName"]! + "-3";
        File.WriteAllText(Path.Combine(endpoint, "model.json"), model.ToJsonString());
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(endpoint, "create-endpoint-config.json")))!;
        config["EndpointConfigName"] = (string)config["EndpointConfigName"]! + "-3";
        foreach (var variant in config["ProductionVariants"]!.AsArray())
        {
            variant!["ModelName"] = (string)variant["ModelName"]! + "-3";
        }

        File.WriteAllText(Path.Combine(endpoint, "endpoint-config.json"), config.ToJsonString());
        AwsCli.ShouldFailOnlyToConnect(endpoint, "sagemaker", "create-model", "--cli-input-json", "file://model.json");
        AwsCli.ShouldFailOnlyToConnect(endpoint, "sagemaker", "create-endpoint-config", "--cli-input-json", "file://endpoint-config.json");
        AwsCli.ShouldFailOnlyToConnect(endpoint, "sagemaker", "create-endpoint", "--cli-input-json", "file://create-endpoint.json");
        AwsCli.ShouldFailOnlyToConnect(endpoint, "sagemaker", "update-endpoint", "--endpoint-name", "fraud-detection", "--endpoint-config-name", "fraud-detection-config-3");
        AwsCli.ShouldFailOnlyToConnect(endpoint, "application-autoscaling", "register-scalable-target", "--cli-input-json", "file://register-scalable-target.json");
        AwsCli.ShouldFailOnlyToConnect(endpoint, "application-autoscaling", "put-scaling-policy", "--cli-input-json", "file://put-scaling-policy.json");
    }

    private string Write(string sample, string pipeline)
    {
        var manifest = Samples.Generate(sample).Manifest();
        foreach (var (path, text) in manifest.Files.Where(f => f.Key.StartsWith(pipeline + "/", StringComparison.Ordinal)))
        {
            var target = Path.Combine([_directory, .. path.Split('/')]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text);
        }

        foreach (var (path, base64) in manifest.Binaries.Where(f => f.Key.StartsWith(pipeline + "/", StringComparison.Ordinal)))
        {
            var target = Path.Combine([_directory, .. path.Split('/')]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, Convert.FromBase64String(base64));
        }

        return Path.Combine(_directory, pipeline);
    }
}
