using System.Text.Json.Nodes;

namespace Sagewright.Cli.Tests.Aws;

public sealed class RunTests : IDisposable
{
    private readonly AwsFixture _f = new();

    public RunTests()
    {
        var deployed = _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening");
        Assert.True(deployed.ExitCode == 0, deployed.ToString());
        _f.Aws.ClearRequests();
    }

    public void Dispose() => _f.Dispose();

    [Theory]
    [InlineData("Nope=1", "--param Nope: the pipeline has no such parameter (it has AucThreshold, Epochs, InputData, UseGpu)")]
    [InlineData("Epochs=ten", "--param Epochs=ten: Epochs is an Integer parameter; 'ten' is not an integer")]
    [InlineData("Epochs=1.5", "--param Epochs=1.5: Epochs is an Integer parameter; '1.5' is not an integer")]
    [InlineData("AucThreshold=0,9", "--param AucThreshold=0,9: AucThreshold is a Float parameter; '0,9' is not a number")]
    [InlineData("UseGpu=yes", "--param UseGpu=yes: UseGpu is a Boolean parameter; use true or false")]
    [InlineData("Epochs", "--param Epochs: expected Name=Value")]
    public void A_bad_parameter_fails_before_any_call(string parameter, string message)
    {
        var result = _f.Run("run", AwsFixture.RelativeFolder, "--param", parameter);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: " + message + "\n", result.Stderr);
        Assert.Empty(_f.Aws.Snapshot());
    }

    [Fact]
    public void Run_sends_typed_parameters_and_the_token()
    {
        var token = new string('a', 32);
        var result = _f.Run("run", AwsFixture.RelativeFolder, "--param", "Epochs=+20", "--param", "UseGpu=TRUE", "-p", "AucThreshold=0.9", "--param", "InputData=s3://b/x y", "--client-request-token", token);
        Assert.True(result.ExitCode == 0, result.ToString());
        var start = Assert.Single(_f.Aws.Snapshot());
        Assert.Equal("StartPipelineExecution", start.Operation);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"PipelineName": "FraudDetection", "ClientRequestToken": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
             "PipelineParameters": [{"Name": "Epochs", "Value": "20"}, {"Name": "UseGpu", "Value": "true"}, {"Name": "AucThreshold", "Value": "0.9"}, {"Name": "InputData", "Value": "s3://b/x y"}]}
            """), start.Json), start.Json!.ToJsonString());
        Assert.StartsWith("started arn:aws:sagemaker:us-east-1:123456789012:pipeline/frauddetection/execution/", result.Stdout);

        // The same token again starts nothing new.
        Assert.Equal(0, _f.Run("run", AwsFixture.RelativeFolder, "--client-request-token", token).ExitCode);
        Assert.Single(_f.Aws.Executions);
    }

    [Fact]
    public void Run_by_name_checks_parameters_against_the_deployed_definition()
    {
        var result = _f.Run("run", "FraudDetection", "--param", "Epochs=x");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Epochs is an Integer parameter", result.Stderr);
        Assert.Equal(["DescribePipeline"], _f.Aws.Snapshot().Select(r => r.Operation));
    }

    [Fact]
    public void Run_wait_shows_each_step_and_exits_0_when_it_succeeds()
    {
        var result = _f.Run("run", AwsFixture.RelativeFolder, "--wait");
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n');
        Assert.Equal(
            ["  Preprocessing: Executing", "  Preprocessing: Succeeded", "  Training: Executing", "  Training: Succeeded", "  CheckAuc: Executing", "  CheckAuc: Succeeded", "  RegisterFraudModel: Executing", "  RegisterFraudModel: Succeeded"],
            lines.Where(l => l.StartsWith("  ", StringComparison.Ordinal)));
        Assert.StartsWith("Succeeded: arn:aws:sagemaker:", lines.Single(l => l.StartsWith("Succeeded", StringComparison.Ordinal)));
        Assert.False(result.Stdout.Contains('\u001b', StringComparison.Ordinal), "no escape codes when piped");
    }

    [Fact]
    public void Run_wait_on_a_terminal_redraws_a_table_of_the_steps()
    {
        _f.Aws.FailStep = "CheckAuc";
        var terminal = AwsFixture.Environment(_f.Project) with { StdoutIsTerminal = true };
        var result = Infrastructure.CliRunner.Run(terminal, "run", AwsFixture.RelativeFolder, "--wait", "--endpoint-url", _f.Aws.Endpoint);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains('\u001b', result.Stdout);
        foreach (var step in new[] { "Preprocessing", "Training", "CheckAuc" })
        {
            Assert.Contains(step, result.Stdout);
        }

        Assert.Contains("failed step: CheckAuc: AlgorithmError", result.Stdout);
        Assert.DoesNotContain("  Preprocessing: Executing", result.Stdout);
    }

    [Fact]
    public void Run_wait_reports_the_failed_step_its_job_and_logs_and_exits_3()
    {
        _f.Aws.FailStep = "Training";
        var result = _f.Run("run", AwsFixture.RelativeFolder, "--wait");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("  Training: Failed\n", result.Stdout);
        Assert.Contains("failure reason: Step failure: One or multiple steps failed.\n", result.Stdout);
        Assert.Contains("failed step: Training: AlgorithmError: ExecuteUserScriptError: exit code 1\n", result.Stdout);
        Assert.Contains("  job: arn:aws:sagemaker:us-east-1:123456789012:training-job/pipelines-exec", result.Stdout);
        Assert.Contains("  logs: log group /aws/sagemaker/TrainingJobs, streams pipelines-exec", result.Stdout);
    }

    [Fact]
    public void Run_wait_json_is_one_document_for_scripts()
    {
        _f.Aws.FailStep = "Preprocessing";
        var result = _f.Run("run", AwsFixture.RelativeFolder, "--wait", "--json");
        Assert.Equal(3, result.ExitCode);
        var json = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("Failed", (string)json["PipelineExecutionStatus"]!);
        var step = json["Steps"]!.AsArray().Single()!;
        Assert.Equal("Preprocessing", (string)step["StepName"]!);
        Assert.Equal("/aws/sagemaker/ProcessingJobs", (string)step["LogGroup"]!);
    }

    [Fact]
    public void Status_and_watch_follow_an_execution_started_elsewhere()
    {
        var started = _f.Run("run", AwsFixture.RelativeFolder);
        var arn = started.Stdout.Trim()["started ".Length..];
        var status = _f.Run("status", arn);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.StartsWith(arn + ": Executing\n", status.Stdout);

        var watch = _f.Run("watch", arn, "--json");
        Assert.True(watch.ExitCode == 0, watch.ToString());
        Assert.Equal("Succeeded", (string)JsonNode.Parse(watch.Stdout)!["PipelineExecutionStatus"]!);
        Assert.Equal(4, JsonNode.Parse(watch.Stdout)!["Steps"]!.AsArray().Count);

        Assert.Equal(2, _f.Run("status", "not-an-arn").ExitCode);
    }

    [Fact]
    public void Waiting_stops_at_the_timeout_with_exit_code_5()
    {
        var result = _f.Run("run", AwsFixture.RelativeFolder, "--wait", "--timeout", "0");
        Assert.Equal(5, result.ExitCode);
        var arn = _f.Aws.Executions.Keys.Single();
        Assert.Equal($"timeout: the execution is still Executing after 0s; it goes on: follow it with `sagewright watch {arn}`\n", result.Stderr);
        Assert.Equal(0, _f.Run("watch", arn).ExitCode);
    }

    [Fact]
    public void Throttled_polls_are_retried_while_waiting()
    {
        _f.Aws.Faults.Add(new Fault("DescribePipelineExecution", FaultKind.Throttle, 3));
        _f.Aws.Faults.Add(new Fault("ListPipelineExecutionSteps", FaultKind.DropConnection, 1));
        var result = _f.Run("run", AwsFixture.RelativeFolder, "--wait");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("retry: sagemaker:DescribePipelineExecution ThrottlingException", result.Stderr);
    }

    [Fact]
    public void Approve_takes_the_latest_pending_version_and_models_lists_them()
    {
        Assert.Equal(0, _f.Run("run", AwsFixture.RelativeFolder, "--wait").ExitCode);
        Assert.Equal(0, _f.Run("run", AwsFixture.RelativeFolder, "--wait").ExitCode);
        Assert.Equal(0, _f.Run("run", AwsFixture.RelativeFolder, "--wait").ExitCode);
        Assert.Equal(3, _f.Aws.ModelPackages.Count);

        var approve = _f.Run("approve", "fraud-detection", "--note", "AUC 0.93 on the holdout set");
        Assert.True(approve.ExitCode == 0, approve.ToString());
        Assert.Equal("approved arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-detection/3 (was PendingManualApproval)\n", approve.Stdout);
        Assert.Equal("Approved", _f.Aws.ModelPackages[2].ApprovalStatus);
        Assert.Equal("AUC 0.93 on the holdout set", _f.Aws.ModelPackages[2].ApprovalDescription);

        var reject = _f.Run("reject", "fraud-detection", "--version", "1");
        Assert.True(reject.ExitCode == 0, reject.ToString());
        Assert.Equal("Rejected", _f.Aws.ModelPackages[0].ApprovalStatus);

        _f.Aws.ClearRequests();
        var again = _f.Run("approve", "arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-detection/3");
        Assert.Contains("already Approved: nothing to change", again.Stdout);
        Assert.DoesNotContain(_f.Aws.Snapshot(), r => r.IsWrite);

        var models = _f.Run("models", "fraud-detection");
        Assert.True(models.ExitCode == 0, models.ToString());
        Assert.Equal(
            """
            VERSION  APPROVAL               STATUS      CREATED               METRICS
            3        Approved               Completed   2026-11-30T00:53:23Z  s3://my-bucket/fraud-detection/evaluation/3/evaluation.json
            2        PendingManualApproval  Completed   2026-11-30T00:53:22Z  s3://my-bucket/fraud-detection/evaluation/2/evaluation.json
            1        Rejected               Completed   2026-11-30T00:53:21Z  s3://my-bucket/fraud-detection/evaluation/1/evaluation.json

            """.ReplaceLineEndings("\n"), models.Stdout);

        var none = _f.Run("approve", "other-group");
        Assert.Equal(2, none.ExitCode);
        Assert.Equal("error: other-group: no version is PendingManualApproval (pass --version or a model package ARN)\n", none.Stderr);
    }
}
