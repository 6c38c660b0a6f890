using System.Text.Json.Nodes;
using Sagewright.Cli.Aws;

namespace Sagewright.Cli.Tests.Aws;

/// <summary>Parity with the AWS CLI, as <see cref="ParityTests"/>, for the operations of <c>endpoint deploy</c>:
/// the SageMaker endpoint operations and the two Application Auto Scaling ones, each sent by the tool's client and
/// by <c>aws ... --cli-input-json</c> (or the matching options) to the same fake, and compared after parsing.</summary>
public sealed class EndpointParityTests : IDisposable
{
    private readonly AwsFixture _f = new();
    private readonly string _model;
    private readonly string _config;

    public EndpointParityTests()
    {
        _f.WriteEndpoint();
        Assert.Equal(0, _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening").ExitCode);
        Assert.Equal(0, _f.Run("run", AwsFixture.RelativeFolder, "--wait").ExitCode);
        Assert.Equal(0, _f.Run("approve", "fraud-detection").ExitCode);
        var deployed = _f.Run("endpoint", "deploy", AwsFixture.RelativeFolder);
        Assert.True(deployed.ExitCode == 0, deployed.ToString());
        _model = _f.Aws.Models.Keys.Single();
        _config = _f.Aws.EndpointConfigs.Keys.Single();
    }

    public void Dispose() => _f.Dispose();

    public static TheoryData<string> Operations() =>
        ["CreateModel", "CreateEndpointConfig", "CreateEndpoint", "UpdateEndpoint", "DescribeEndpoint", "RegisterScalableTarget", "PutScalingPolicy"];

    [AwsCliTheory]
    [MemberData(nameof(Operations))]
    public async Task The_tool_and_the_AWS_CLI_send_the_same_request(string operation)
    {
        var dir = Path.Combine(_f.Folder, "endpoints", "fraud-detection");
        JsonObject Load(string file) => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(dir, file)))!;
        var model = Load("create-model.json");
        model["ModelName"] = "parity-model";
        model["PrimaryContainer"]!["ModelPackageName"] = _f.Aws.ModelPackages[0].Arn;
        var config = Load("create-endpoint-config.json");
        config["EndpointConfigName"] = "parity-config";
        config["ProductionVariants"]![0]!["ModelName"] = _model;
        var endpoint = Load("create-endpoint.json");
        endpoint["EndpointName"] = "parity-endpoint";
        endpoint["EndpointConfigName"] = _config;
        using var session = AwsSession.Create(new AwsOptions(null, null, _f.Aws.Endpoint), AwsFixture.Environment(_f.Project).AwsTuning, null);
        var sageMaker = new SageMakerClient(session);
        var scaling = new AutoScalingClient(session);
        string Input(JsonObject input)
        {
            var path = Path.Combine(_f.Project, operation + ".json");
            File.WriteAllText(path, input.ToJsonString());
            return "file://" + operation + ".json";
        }

        var built = AwsFixture.RelativeFolder + "/endpoints/fraud-detection/";
        var (ours, cli) = operation switch
        {
            "CreateModel" => ((Func<Task>)(() => sageMaker.CreateModelAsync(model)), new[] { "sagemaker", "create-model", "--cli-input-json", Input(model) }),
            "CreateEndpointConfig" => (() => sageMaker.CreateEndpointConfigAsync(config), new[] { "sagemaker", "create-endpoint-config", "--cli-input-json", Input(config) }),
            "CreateEndpoint" => (() => sageMaker.CreateEndpointAsync(endpoint), new[] { "sagemaker", "create-endpoint", "--cli-input-json", Input(endpoint) }),
            "UpdateEndpoint" => (() => sageMaker.UpdateEndpointAsync(new("fraud-detection", _config)),
                new[] { "sagemaker", "update-endpoint", "--endpoint-name", "fraud-detection", "--endpoint-config-name", _config }),
            "DescribeEndpoint" => (() => sageMaker.DescribeEndpointAsync(new("fraud-detection")), new[] { "sagemaker", "describe-endpoint", "--endpoint-name", "fraud-detection" }),
            "RegisterScalableTarget" => (() => scaling.RegisterScalableTargetAsync(Load("register-scalable-target.json")),
                new[] { "application-autoscaling", "register-scalable-target", "--cli-input-json", "file://" + built + "register-scalable-target.json" }),
            "PutScalingPolicy" => (() => scaling.PutScalingPolicyAsync(Load("put-scaling-policy.json")),
                new[] { "application-autoscaling", "put-scaling-policy", "--cli-input-json", "file://" + built + "put-scaling-policy.json" }),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };

        _f.Aws.ClearRequests();
        await ours();
        var mine = _f.Aws.Snapshot().Where(r => r.Operation == operation).ToList();
        _f.Aws.ClearRequests();
        var (exitCode, stdout, stderr) = AwsCli.Run(_f.Project, _f.Aws.Endpoint, cli);
        var theirs = _f.Aws.Snapshot().Where(r => r.Operation == operation).ToList();
        var what = $"aws {string.Join(' ', cli)} (exit {exitCode})\nstdout: {stdout}\nstderr: {stderr}";
        var one = Assert.Single(mine);
        Assert.True(theirs.Count > 0, "the CLI sent no " + operation + ": " + what);
        var other = theirs[0];
        Assert.True(one.SignatureValid, "ours: " + one.SignatureProblem);
        Assert.True(other.SignatureValid, "the CLI's: " + other.SignatureProblem);
        Assert.Equal(other.Service, one.Service);
        Assert.Equal(other.Method, one.Method);
        Assert.Equal(other.Headers["x-amz-target"], one.Headers["x-amz-target"]);
        Assert.Equal(other.Headers["content-type"], one.Headers["content-type"]);
        Assert.Equal(Scope(other), Scope(one));
        Assert.True(JsonNode.DeepEquals(other.Json, one.Json), $"bodies differ\nours:   {one.Json!.ToJsonString()}\ntheirs: {other.Json!.ToJsonString()}");
    }

    /// <summary>The credential scope's region and signing name, from the Authorization header.</summary>
    private static string Scope(RecordedRequest request)
    {
        var authorization = request.Headers["authorization"];
        var credential = authorization[(authorization.IndexOf("Credential=", StringComparison.Ordinal) + 11)..];
        return string.Join('/', credential[..credential.IndexOf(',', StringComparison.Ordinal)].Split('/').Skip(2).Take(2));
    }
}
