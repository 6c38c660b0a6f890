using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace Sagewright.Cli.Tests.Aws;

public sealed class DeployTests : IDisposable
{
    private readonly AwsFixture _f = new();

    public void Dispose() => _f.Dispose();

    private void AssertSigned() =>
        Assert.All(_f.Aws.Snapshot(), r => Assert.True(r.SignatureValid, $"{r}: {r.SignatureProblem}"));

    [Fact]
    public void Plan_on_an_empty_account_lists_everything_and_writes_nothing()
    {
        var result = _f.Run("deploy", AwsFixture.RelativeFolder, "--plan");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Artifacts: 2 to upload, 0 already in S3", result.Stdout);
        Assert.Contains("+ FraudDetection-pipeline: new role", result.Stdout);
        Assert.Contains("+ FraudDetection-job: new role", result.Stdout);
        Assert.Contains("WIDENING", result.Stdout);
        Assert.Contains("+ FraudDetection: new pipeline: 3 steps, 4 parameters, 2 tags", result.Stdout);
        Assert.Empty(_f.Aws.Writes());
        Assert.NotEmpty(_f.Aws.Snapshot());
        AssertSigned();
    }

    [Fact]
    public void Deploy_without_allow_widening_stops_before_any_write()
    {
        var result = _f.Run("deploy", AwsFixture.RelativeFolder);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--allow-widening", result.Stderr);
        Assert.Empty(_f.Aws.Writes());
    }

    [Fact]
    public void Deploy_creates_everything_in_order_and_a_second_deploy_makes_no_write()
    {
        var result = _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening");
        Assert.True(result.ExitCode == 0, result.ToString());
        var writes = _f.Aws.Writes().Select(r => r.ToString()).ToList();
        Assert.Equal(
            ["s3:PUT", "s3:PUT", "iam:CreateRole", "iam:PutRolePolicy", "iam:CreateRole", "iam:PutRolePolicy", "sagemaker:CreatePipeline"],
            writes);
        AssertSigned();

        // State: objects content-addressed, the archive holds the script, roles tagged, pipeline tagged.
        var pre = _f.Aws.Objects.Single(o => o.Key.EndsWith("preprocess.py", StringComparison.Ordinal));
        Assert.Equal("import pandas as pd\nprint('preprocess')\n", Encoding.UTF8.GetString(pre.Value));
        var archive = _f.Aws.Objects.Single(o => o.Key.EndsWith("sourcedir.tar.gz", StringComparison.Ordinal)).Value;
        using (var tar = new TarReader(new GZipStream(new MemoryStream(archive), CompressionMode.Decompress)))
        {
            var entry = tar.GetNextEntry()!;
            Assert.Equal("train.py", entry.Name);
            Assert.Equal("print('train')\n", new StreamReader(entry.DataStream!).ReadToEnd());
            Assert.Null(tar.GetNextEntry());
        }

        var role = _f.Aws.Roles["FraudDetection-job"];
        Assert.Equal("FraudDetection", role.Tags["sagewright:pipeline"]);
        Assert.Equal("ml", role.Tags["team"]);
        Assert.Contains("ReadInputData", role.Inline["FraudDetection-job"]);
        var pipeline = _f.Aws.Pipelines["FraudDetection"];
        Assert.Equal("dev", pipeline.Tags["env"]);
        Assert.Equal(File.ReadAllText(_f.Path_("pipeline.json")), pipeline.Definition);

        _f.Aws.ClearRequests();
        var again = _f.Run("deploy", AwsFixture.RelativeFolder);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Summary: nothing to change.", again.Stdout);
        Assert.Contains("no write call made", again.Stdout);
        Assert.Empty(_f.Aws.Writes());
        AssertSigned();
    }

    [Fact]
    public void A_changed_policy_and_step_show_in_the_plan_and_update_only_what_changed()
    {
        Assert.Equal(0, _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening").ExitCode);
        _f.WriteFolder("import pandas as pd\nprint('preprocess')\n", "print('train')\n", jobActions: ["s3:GetObject", "s3:DeleteObject"], trainingInstance: "ml.g5.xlarge");
        _f.Aws.ClearRequests();

        var plan = _f.Run("deploy", AwsFixture.RelativeFolder, "--plan");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("~ FraudDetection-job: inline policy", plan.Stdout);
        Assert.Contains("= FraudDetection-pipeline: unchanged", plan.Stdout);
        Assert.Contains("s3:DeleteObject", plan.Stdout);
        Assert.Contains("WIDENING", plan.Stdout);
        Assert.Contains("step Training: changed (Arguments)", plan.Stdout);
        Assert.DoesNotContain("step Preprocessing", plan.Stdout);
        Assert.Contains("Artifacts: 0 to upload, 2 already in S3", plan.Stdout);
        Assert.Empty(_f.Aws.Writes());

        var refused = _f.Run("deploy", AwsFixture.RelativeFolder);
        Assert.Equal(1, refused.ExitCode);
        Assert.Empty(_f.Aws.Writes());

        var result = _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["iam:PutRolePolicy", "sagemaker:UpdatePipeline"], _f.Aws.Writes().Select(r => r.ToString()));
        Assert.Contains("s3:DeleteObject", _f.Aws.Roles["FraudDetection-job"].Inline["FraudDetection-job"]);
        Assert.Contains("ml.g5.xlarge", _f.Aws.Pipelines["FraudDetection"].Definition);
    }

    [Fact]
    public void Definition_changes_are_listed_per_step_nested_steps_included()
    {
        var before = File.ReadAllText(_f.Path_("pipeline.json"));
        var after = JsonNode.Parse(before)!;
        after["Steps"]![2]!["Arguments"]!["IfSteps"]![0]!["Arguments"]!["ModelPackageGroupName"] = "other-group";
        after["Steps"]!.AsArray().RemoveAt(0);
        after["Parameters"]!.AsArray().Add(new JsonObject { ["Name"] = "Region", ["Type"] = "String" });
        after["PipelineExperimentConfig"] = new JsonObject();
        Assert.Equal(
            ["parameter Region: added (String)", "step Preprocessing: removed", "step RegisterFraudModel: changed (Arguments)", "PipelineExperimentConfig: changed"],
            Sagewright.Cli.Deploy.Deployer.DefinitionChanges(before, after.ToJsonString()));
        Assert.Empty(Sagewright.Cli.Deploy.Deployer.DefinitionChanges(before, JsonNode.Parse(before)!.ToJsonString()));
    }

    [Fact]
    public void A_narrowing_deploys_without_allow_widening()
    {
        _f.WriteFolder("import pandas as pd\nprint('preprocess')\n", "print('train')\n", jobActions: ["s3:GetObject", "s3:ListBucket"]);
        Assert.Equal(0, _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening").ExitCode);
        _f.WriteFolder("import pandas as pd\nprint('preprocess')\n", "print('train')\n", jobActions: ["s3:GetObject"]);
        var result = _f.Run("deploy", AwsFixture.RelativeFolder);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("s3:ListBucket", _f.Aws.Roles["FraudDetection-job"].Inline["FraudDetection-job"]);
    }

    [Fact]
    public void An_existing_object_is_never_overwritten()
    {
        var key = "my-bucket/FraudDetection/code/" + AwsFixture.Sha("import pandas as pd\nprint('preprocess')\n") + "/preprocess.py";
        _f.Aws.Objects[key] = Encoding.UTF8.GetBytes("already there");
        Assert.Equal(0, _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening").ExitCode);
        Assert.Equal("already there", Encoding.UTF8.GetString(_f.Aws.Objects[key]));
        Assert.Single(_f.Aws.Writes(), r => r.Service == "s3");
    }

    [Fact]
    public void A_script_edited_since_the_build_stops_before_any_write()
    {
        File.AppendAllText(Path.Combine(_f.Project, "scripts", "train.py"), "# edited\n");
        var result = _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("scripts/train.py changed since the build", result.Stderr);
        Assert.Empty(_f.Aws.Writes());
    }

    [Theory]
    [InlineData(FaultKind.Throttle, "PutRolePolicy")]
    [InlineData(FaultKind.ServerError, "CreatePipeline")]
    [InlineData(FaultKind.DropConnection, "CreateRole")]
    [InlineData(FaultKind.Throttle, "DescribePipeline")]
    [InlineData(FaultKind.ServerError, "PUT")]
    [InlineData(FaultKind.DropConnection, "GetRole")]
    public void Transient_faults_are_retried_to_success(FaultKind kind, string operation)
    {
        _f.Aws.Faults.Add(new Fault(operation, kind, 2));
        var result = _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0, _f.Aws.Faults.Single().Remaining);
        Assert.True(_f.Aws.Pipelines.ContainsKey("FraudDetection"));
        Assert.Equal(2, _f.Aws.Roles.Count);
        Assert.Equal(2, _f.Aws.Objects.Count);
        Assert.DoesNotContain("   at ", result.Stderr);
        _f.Aws.ClearRequests();
        Assert.Equal(0, _f.Run("deploy", AwsFixture.RelativeFolder).ExitCode);
        Assert.Empty(_f.Aws.Writes());
    }

    [Fact]
    public void Endless_throttling_gives_up_with_one_line_and_a_rerun_converges()
    {
        _f.Aws.Faults.Add(new Fault("UpdateAssumeRolePolicy", FaultKind.Throttle, 0));
        _f.Aws.Faults.Add(new Fault("CreatePipeline", FaultKind.Throttle, 100));
        var result = _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening");
        Assert.Equal(2, result.ExitCode);
        var error = result.Stderr.Split('\n').Single(l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("sagemaker:CreatePipeline failed: ThrottlingException", error);
        Assert.Contains("gave up after 6 attempts", error);
        Assert.DoesNotContain("   at ", result.Stderr);

        // Midway: the roles are complete (each with its policy), the pipeline not created; nothing half-written.
        Assert.Equal(2, _f.Aws.Roles.Count);
        Assert.All(_f.Aws.Roles.Values, r => Assert.Single(r.Inline));
        Assert.Empty(_f.Aws.Pipelines);

        _f.Aws.Faults.Clear();
        _f.Aws.ClearRequests();
        var rerun = _f.Run("deploy", AwsFixture.RelativeFolder);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(["sagemaker:CreatePipeline"], _f.Aws.Writes().Select(r => r.ToString()));
    }

    [Fact]
    public void Access_denied_names_the_action_and_resource_and_a_rerun_converges()
    {
        _f.Aws.Faults.Add(new Fault("PutRolePolicy", FaultKind.AccessDenied, 1));
        var result = _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: access denied: the caller may not iam:PutRolePolicy on role FraudDetection-pipeline (User: arn:aws:iam::123456789012:user/ci is not authorized to perform: iam:PutRolePolicy)\n", result.Stderr.Split("\n\n").Last().Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).Select(l => l + "\n").Single());
        Assert.Empty(_f.Aws.Pipelines);

        // The rerun sees the role created without its policy and finishes it.
        _f.Aws.ClearRequests();
        var rerun = _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("iam:PutRolePolicy", _f.Aws.Writes().Select(r => r.ToString()));
        Assert.DoesNotContain("iam:CreateRole", _f.Aws.Writes().Where(r => r.Form.Any(p => p.Value == "FraudDetection-pipeline")).Select(r => r.ToString()));
        Assert.True(_f.Aws.Pipelines.ContainsKey("FraudDetection"));
    }

    [Fact]
    public void A_new_role_not_yet_assumable_is_waited_for()
    {
        _f.Aws.RolePropagationFailures = 3;
        var result = _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, result.Stdout.Split('\n').Count(l => l.StartsWith("waiting for IAM: SageMaker cannot assume the new role yet", StringComparison.Ordinal)));
        Assert.True(_f.Aws.Pipelines.ContainsKey("FraudDetection"));
    }

    [Fact]
    public void A_missing_role_is_not_waited_for_when_no_role_was_written()
    {
        Assert.Equal(0, _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening").ExitCode);
        _f.Aws.Pipelines.Clear();
        _f.Aws.RolePropagationFailures = 100;
        var result = _f.Run("deploy", AwsFixture.RelativeFolder);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: sagemaker:CreatePipeline failed: ValidationException: Could not assume role arn:aws:iam::123456789012:role/FraudDetection-pipeline\n", result.Stderr);
    }

    [Fact]
    public void A_project_is_built_first()
    {
        using var project = new Infrastructure.TempDir();
        // No package feed: restore has nothing to fetch, and only the project's own folder as a source.
        project.Write("Empty.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework><NuGetAudit>false</NuGetAudit><RestoreSources>$(MSBuildProjectDirectory)</RestoreSources></PropertyGroup></Project>\n");
        project.Write("Class1.cs", "namespace Empty; public static class Class1 { }\n");
        var result = Infrastructure.CliRunner.Run(AwsFixture.Environment(project.Path), "deploy", ".", "--plan", "--endpoint-url", _f.Aws.Endpoint);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("building . (dotnet build)", result.Stderr);
        Assert.Contains("error: .: the build wrote no pipeline", result.Stderr);
        Assert.True(File.Exists(Path.Combine(project.Path, "bin", "Debug", "net10.0", "Empty.dll")));
        Assert.Empty(_f.Aws.Snapshot());
    }

    [Fact]
    public void Expired_credentials_say_so_in_one_line()
    {
        _f.Aws.Faults.Add(new Fault("*", FaultKind.ExpiredToken, 100));
        var result = _f.Run("deploy", AwsFixture.RelativeFolder, "--plan");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Contains("credentials have expired", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Credentials_for_another_account_are_refused_before_any_other_call()
    {
        _f.Aws.CallerAccount = "999999999999";
        var result = _f.Run("deploy", AwsFixture.RelativeFolder, "--allow-widening");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: the build targets account 123456789012 (iam/roles.json), but the credentials are for account 999999999999 (arn:aws:iam::999999999999:user/ci): use that account's profile (--profile), or change the project's account and rebuild\n", result.Stderr);
        Assert.Equal(["sts:GetCallerIdentity"], _f.Aws.Snapshot().Select(r => r.ToString()));
    }

    [Fact]
    public void Another_region_is_refused_before_any_call()
    {
        var result = _f.Run("deploy", AwsFixture.RelativeFolder, "--plan", "--region", "eu-west-1");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: the build targets region us-east-1 (iam/roles.json), but the region is eu-west-1: pass --region us-east-1", result.Stderr);
        Assert.Empty(_f.Aws.Snapshot());
    }

    [Fact]
    public void An_unknown_region_is_refused_before_any_call()
    {
        var result = Infrastructure.CliRunner.Run(AwsFixture.Environment(_f.Project), "deploy", AwsFixture.RelativeFolder, "--plan", "--region", "mars-north-1");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: unknown AWS region 'mars-north-1' (pass --region with a region such as us-east-1)\n", result.Stderr);
        Assert.Empty(_f.Aws.Snapshot());
    }
}
