namespace Sagewright.Cli.Tests.Aws;

/// <summary><c>sagewright endpoint deploy</c> against the fake: deploy → run → approve → endpoint deploy, no writes
/// the second time, a new version updates the endpoint, and a failing configuration is rolled back.</summary>
public sealed class EndpointDeployTests : IDisposable
{
    private const string Group = "fraud-detection";
    private readonly AwsFixture _f = new();

    public EndpointDeployTests()
    {
        _f.WriteEndpoint();
        var deployed = _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening");
        Assert.True(deployed.ExitCode == 0, deployed.ToString());
        Assert.Contains(AwsFixture.EndpointRole, _f.Aws.Roles.Keys);
    }

    public void Dispose() => _f.Dispose();

    private void RunAndApprove()
    {
        Assert.Equal(0, _f.Run("run", AwsFixture.RelativeFolder, "--wait").ExitCode);
        var approved = _f.Run("approve", Group);
        Assert.True(approved.ExitCode == 0, approved.ToString());
    }

    [Fact]
    public void Deploy_run_approve_then_endpoint_deploy_serves_the_approved_version_and_a_second_deploy_writes_nothing()
    {
        RunAndApprove();
        _f.Aws.ClearRequests();
        var result = _f.Run("endpoint", "deploy", AwsFixture.RelativeFolder);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        var requests = _f.Aws.Snapshot();
        Assert.All(requests, r => Assert.True(r.SignatureValid, r.SignatureProblem));
        Assert.Equal(
            ["GetCallerIdentity", "ListModelPackages", "GetRole", "GetRolePolicy", "DescribeEndpoint", "CreateModel", "CreateEndpointConfig", "CreateEndpoint", "DescribeEndpoint", "DescribeEndpoint", "RegisterScalableTarget", "PutScalingPolicy"],
            requests.Select(r => r.Operation));

        var model = Assert.Single(_f.Aws.Models);
        Assert.StartsWith("fraud-detection-model-1-", model.Key);
        Assert.Equal("arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-detection/1", (string?)model.Value["PrimaryContainer"]!["ModelPackageName"]);
        var config = Assert.Single(_f.Aws.EndpointConfigs);
        Assert.StartsWith("fraud-detection-config-1-", config.Key);
        Assert.Equal(model.Key, (string?)config.Value["ProductionVariants"]![0]!["ModelName"]);
        var endpoint = _f.Aws.Endpoints["fraud-detection"];
        Assert.Equal(("InService", config.Key), (endpoint.Status, endpoint.Config));
        Assert.Contains("endpoint/fraud-detection/variant/AllTraffic", _f.Aws.ScalableTargets.Keys);
        Assert.Contains("fraud-detection-AllTraffic-target-tracking", _f.Aws.ScalingPolicies.Keys);
        Assert.Contains("endpoint fraud-detection: Creating\nendpoint fraud-detection: InService\n", result.Stdout);
        Assert.EndsWith($"Deployed endpoint fraud-detection: version 1 in service ({config.Key}).\n", result.Stdout);

        _f.Aws.ClearRequests();
        var again = _f.Run("endpoint", "deploy", AwsFixture.RelativeFolder);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already serves version 1", again.Stdout);
        Assert.DoesNotContain(_f.Aws.Snapshot(), r => r.IsWrite);
    }

    [Fact]
    public void A_newly_approved_version_updates_the_endpoint_in_place()
    {
        RunAndApprove();
        Assert.Equal(0, _f.Run("endpoint", "deploy", AwsFixture.RelativeFolder).ExitCode);
        RunAndApprove();
        var result = _f.Run("endpoint", "deploy", AwsFixture.RelativeFolder);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("updating endpoint fraud-detection from fraud-detection-config-1-", result.Stdout);
        Assert.StartsWith("fraud-detection-config-2-", _f.Aws.Endpoints["fraud-detection"].Config);
        Assert.Equal("InService", _f.Aws.Endpoints["fraud-detection"].Status);
    }

    [Fact]
    public void A_configuration_that_fails_is_rolled_back_to_the_previous_one()
    {
        RunAndApprove();
        Assert.Equal(0, _f.Run("endpoint", "deploy", AwsFixture.RelativeFolder).ExitCode);
        var previous = _f.Aws.Endpoints["fraud-detection"].Config;
        RunAndApprove();
        _f.Aws.FailingEndpointConfigs.Add("fraud-detection-config-2-");
        _f.Aws.ClearRequests();
        var result = _f.Run("endpoint", "deploy", AwsFixture.RelativeFolder);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"rolling back to {previous}", result.Stdout);
        Assert.StartsWith("endpoint deploy failed: fraud-detection-config-2-", result.Stderr);
        Assert.Contains($"did not come into service (The primary container for production variant AllTraffic did not pass the ping health check.); rolled back: fraud-detection serves {previous} again.", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Equal(("InService", previous), (_f.Aws.Endpoints["fraud-detection"].Status, _f.Aws.Endpoints["fraud-detection"].Config));
        Assert.Equal(2, _f.Aws.Snapshot().Count(r => r.Operation == "UpdateEndpoint"));
        Assert.DoesNotContain(_f.Aws.Snapshot(), r => r.Service == "application-autoscaling");
    }

    [Fact]
    public void A_missing_endpoint_role_is_planned_and_needs_allow_widening_like_deploy()
    {
        RunAndApprove();
        _f.Aws.Roles.Remove(AwsFixture.EndpointRole);
        _f.Aws.ClearRequests();
        var refused = _f.Run("endpoint", "deploy", AwsFixture.RelativeFolder);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"  + {AwsFixture.EndpointRole}: new role", refused.Stdout);
        Assert.Contains("WIDENING", refused.Stdout);
        Assert.Equal("widening: 2 changes widen what a role may do; review the plan, or pass --allow-widening to deploy it. Nothing written.\n", refused.Stderr);
        Assert.DoesNotContain(_f.Aws.Snapshot(), r => r.IsWrite);

        var result = _f.Run("endpoint", "deploy", AwsFixture.RelativeFolder, "--allow-widening");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"created role {AwsFixture.EndpointRole}", result.Stdout);
        Assert.Contains($"put inline policy {AwsFixture.EndpointRole}", result.Stdout);
        Assert.Equal("InService", _f.Aws.Endpoints["fraud-detection"].Status);
    }

    [Fact]
    public void Throttled_polls_are_retried_and_a_deploy_stopped_partway_converges_on_rerun()
    {
        RunAndApprove();
        _f.Aws.Faults.Add(new Fault("CreateEndpoint", FaultKind.AccessDenied, 1));
        var stopped = _f.Run("endpoint", "deploy", AwsFixture.RelativeFolder);
        Assert.Equal(2, stopped.ExitCode);
        Assert.StartsWith("error: access denied", stopped.Stderr);
        Assert.Single(stopped.Stderr.Trim().Split('\n'));
        Assert.Empty(_f.Aws.Endpoints);

        _f.Aws.Faults.Add(new Fault("DescribeEndpoint", FaultKind.Throttle, 2));
        var rerun = _f.Run("endpoint", "deploy", AwsFixture.RelativeFolder);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("already exists", rerun.Stdout);
        Assert.Contains("retry: sagemaker:DescribeEndpoint ThrottlingException", rerun.Stderr);
        Assert.Equal("InService", _f.Aws.Endpoints["fraud-detection"].Status);
        Assert.Single(_f.Aws.Models);
    }

    [Fact]
    public void Waiting_stops_at_the_timeout_with_exit_code_5()
    {
        RunAndApprove();
        var result = _f.Run("endpoint", "deploy", AwsFixture.RelativeFolder, "--timeout", "0");
        Assert.Equal(5, result.ExitCode);
        Assert.Contains("still not in service at --timeout", result.Stdout);
        Assert.Empty(_f.Aws.ScalableTargets);
    }

    [Fact]
    public void Without_an_approved_version_it_stops_with_one_line_and_writes_nothing()
    {
        Assert.Equal(0, _f.Run("run", AwsFixture.RelativeFolder, "--wait").ExitCode);
        _f.Aws.ClearRequests();
        var result = _f.Run("endpoint", "deploy", AwsFixture.RelativeFolder);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: model package group fraud-detection has no Approved version: approve one with 'sagewright approve fraud-detection'\n", result.Stderr);
        Assert.DoesNotContain(_f.Aws.Snapshot(), r => r.IsWrite);
    }

    [Fact]
    public void An_explicit_package_and_endpoint_are_used_and_a_bad_name_is_one_line()
    {
        Assert.Equal(0, _f.Run("run", AwsFixture.RelativeFolder, "--wait").ExitCode);
        var arn = _f.Aws.ModelPackages[0].Arn;
        var result = _f.Run("endpoint", "deploy", AwsFixture.RelativeFolder, "--endpoint", "fraud-detection", "--package", arn);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(arn, (string?)_f.Aws.Models.Single().Value["PrimaryContainer"]!["ModelPackageName"]);

        var bad = _f.Run("endpoint", "deploy", AwsFixture.RelativeFolder, "--endpoint", "nope");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("error: --endpoint nope: no such endpoint (endpoints/ has fraud-detection)\n", bad.Stderr);

        var help = _f.Run("endpoint", "deploy", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("sagewright endpoint deploy", help.Stdout);
    }
}
