using System.Text.Json;
using Sagewright.Cli.Tests.Infrastructure;

namespace Sagewright.Cli.Tests.Commands;

/// <summary><c>roles.json</c> beside the policies is compared too: managed policies, ARNs, the steps each role runs
/// and the trust policy file (issue 16).</summary>
public sealed class RolesDiffTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>roles.json as <c>dotnet build samples/FraudDetection</c> writes it.</summary>
    private static string Roles(string jobArn = "arn:aws:iam::123456789012:role/FraudDetection-job", string jobManaged = "", string jobTrust = "FraudDetection-job.trust.json", string jobName = "FraudDetection-job") => $$"""
        {
          "account": "123456789012",
          "region": "us-east-1",
          "partition": "aws",
          "pipeline": "FraudDetection",
          "roles": [
            {
              "name": "FraudDetection-pipeline",
              "arn": "arn:aws:iam::123456789012:role/FraudDetection-pipeline",
              "kind": "pipeline",
              "policy": "FraudDetection-pipeline.policy.json",
              "trust": "FraudDetection-pipeline.trust.json",
              "usedBy": ["AucTooLow", "CheckAuc", "Evaluation", "Preprocessing", "RegisterFraudModel", "Training"],
              "managedPolicies": []
            },
            {
              "name": "{{jobName}}",
              "arn": "{{jobArn}}",
              "kind": "job",
              "policy": "{{jobName}}.policy.json",
              "trust": "{{jobTrust}}",
              "usedBy": ["Evaluation", "Preprocessing", "Training"],
              "managedPolicies": [{{jobManaged}}]
            }
          ]
        }
        """;

    private void WriteIam(string folder, string roles, string? jobName = null)
    {
        _dir.Write(folder + "/FraudDetection-pipeline.policy.json", Scenario.OldPipeline);
        _dir.Write(folder + "/FraudDetection-pipeline.trust.json", Scenario.Trust);
        _dir.Write(folder + "/" + (jobName ?? "FraudDetection-job") + ".policy.json", Scenario.OldJob);
        _dir.Write(folder + "/" + (jobName ?? "FraudDetection-job") + ".trust.json", Scenario.Trust);
        _dir.Write(folder + "/roles.json", roles);
        _dir.Write(folder + "/report.md", "# IAM report: FraudDetection\n");
    }

    [Fact]
    public void An_attached_AWS_managed_policy_is_widening()
    {
        WriteIam("old/iam", Roles());
        WriteIam("new/iam", Roles(jobManaged: "\"arn:aws:iam::aws:policy/AdministratorAccess\""));

        var result = CliRunner.Run(_dir.Path, "policy", "diff", "old/iam", "new/iam");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("""
            roles.json (modified): 1 role change, 1 widening
              + role FraudDetection-job: managed policy attached: arn:aws:iam::aws:policy/AdministratorAccess
                WIDENING: an AWS managed policy: it allows whatever AWS puts in it (and AWS changes it over time); none of that is in this diff

            5 files compared, 1 changed: 0 grants added, 0 removed, 1 other change, 1 widening change.

            """, result.Stdout);
        Assert.Equal("widening: 1 change widens what a role may do; review it, or pass --allow-widening to accept it.\n", result.Stderr);
    }

    [Fact]
    public void A_customer_managed_policy_is_widening_and_a_detached_one_is_not()
    {
        WriteIam("old/iam", Roles(jobManaged: "\"arn:aws:iam::123456789012:policy/old-extra\""));
        WriteIam("new/iam", Roles(jobManaged: "\"arn:aws:iam::123456789012:policy/ml-extra\""));

        var result = CliRunner.Run(_dir.Path, "policy", "diff", "old/iam", "new/iam");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("""
              + role FraudDetection-job: managed policy attached: arn:aws:iam::123456789012:policy/ml-extra
                WIDENING: a customer managed policy: what it allows is not in this diff; review the policy itself
              - role FraudDetection-job: managed policy detached: arn:aws:iam::123456789012:policy/old-extra

            """, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_switched_to_an_existing_arn_is_widening()
    {
        WriteIam("old/iam", Roles());
        WriteIam("new/iam", Roles(jobArn: "arn:aws:iam::123456789012:role/service-role/FraudDetection-job"));

        var result = CliRunner.Run(_dir.Path, "policy", "diff", "old/iam", "new/iam");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("""
              ~ role FraudDetection-job: ARN changed to arn:aws:iam::123456789012:role/service-role/FraudDetection-job
                WIDENING: the role is now arn:aws:iam::123456789012:role/service-role/FraudDetection-job, was arn:aws:iam::123456789012:role/FraudDetection-job: a role that already exists keeps every permission it has today, which this diff cannot see
            """, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_that_now_run_as_another_role_are_widening()
    {
        // [RunAs("ml-jobs")]: the job steps run as an existing role, whose policy Sagewright still writes.
        WriteIam("old/iam", Roles());
        WriteIam("new/iam", Roles(jobArn: "arn:aws:iam::123456789012:role/ml-jobs", jobName: "ml-jobs", jobTrust: "ml-jobs.trust.json"), jobName: "ml-jobs");

        var result = CliRunner.Run(_dir.Path, "policy", "diff", "old/iam", "new/iam");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("""
            roles.json (modified): 3 role changes, 1 widening
              + role ml-jobs: now runs steps Evaluation, Preprocessing, Training that ran as other roles before
                WIDENING: steps Evaluation, Preprocessing, Training now run as arn:aws:iam::123456789012:role/ml-jobs and gain every permission it has
              + role ml-jobs: role added: kind job, ARN arn:aws:iam::123456789012:role/ml-jobs, used by Evaluation, Preprocessing, Training
              - role FraudDetection-job: role removed
            """, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_that_takes_its_trust_policy_from_another_file_is_widening()
    {
        WriteIam("old/iam", Roles());
        WriteIam("new/iam", Roles(jobTrust: "FraudDetection-pipeline.trust.json"));

        var result = CliRunner.Run(_dir.Path, "policy", "diff", "old/iam", "new/iam");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("~ role FraudDetection-job: trust policy file changed to FraudDetection-pipeline.trust.json\n    WIDENING: ", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loosened_trust_policy_is_widening()
    {
        const string anyPrincipal = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole",
              "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}]}
            """;
        WriteIam("old/iam", Roles());
        WriteIam("new/iam", Roles());
        _dir.Write("new/iam/FraudDetection-job.trust.json", anyPrincipal);

        var result = CliRunner.Run(_dir.Path, "policy", "diff", "old/iam", "new/iam");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("WIDENING: no old Allow grant for this action covers principal *", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Unchanged_roles_report_no_changes_and_a_new_roles_file_lists_every_role()
    {
        WriteIam("old/iam", Roles());
        WriteIam("new/iam", Roles());
        Assert.Equal("No policy changes (5 files compared).\n", CliRunner.Run(_dir.Path, "policy", "diff", "old/iam", "new/iam").Stdout);

        File.Delete(Path.Combine(_dir.Path, "old/iam/roles.json"));
        var result = CliRunner.Run(_dir.Path, "policy", "diff", "old/iam", "new/iam");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("roles.json (new file): 2 role changes\n  + role FraudDetection-job: role added: kind job", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_roles_files_compare_directly_and_in_markdown_and_json()
    {
        _dir.Write("a/roles.json", Roles());
        _dir.Write("b/roles.json", Roles(jobManaged: "\"arn:aws:iam::aws:policy/AdministratorAccess\""));

        var markdown = CliRunner.Run(_dir.Path, "policy", "diff", "a/roles.json", "b/roles.json", "--format", "markdown");
        Assert.Equal(1, markdown.ExitCode);
        Assert.Contains("""
            | File | Status | Added | Removed | Other | Widening |
            | --- | --- | ---: | ---: | ---: | ---: |
            | `roles.json` | modified | 0 | 0 | 1 | **1** |

            ### Widening: `roles.json` (modified)

            | Change | Subject | What changed | Why it widens |
            | --- | --- | --- | --- |
            | **WIDENING** added | role FraudDetection-job | managed policy attached: arn:aws:iam::aws:policy/AdministratorAccess | an AWS managed policy: it allows whatever AWS puts in it (and AWS changes it over time); none of that is in this diff |
            """, markdown.Stdout, StringComparison.Ordinal);

        var json = CliRunner.Run(_dir.Path, "policy", "diff", "a/roles.json", "b/roles.json", "--format", "json");
        using var document = JsonDocument.Parse(json.Stdout);
        var file = document.RootElement.GetProperty("files")[0];
        Assert.Equal("roles", file.GetProperty("kind").GetString());
        var change = file.GetProperty("otherChanges")[0];
        Assert.Equal("role FraudDetection-job", change.GetProperty("subject").GetString());
        Assert.Equal("arn:aws:iam::aws:policy/AdministratorAccess", change.GetProperty("new").GetString());
        Assert.True(change.GetProperty("widening").GetBoolean());
    }

    [Fact]
    public void A_roles_file_that_is_not_one_is_an_error()
    {
        _dir.Write("a/roles.json", Roles());
        _dir.Write("b/roles.json", """{"roles": [{"name": "R"}, {"name": "R"}]}""");

        var result = CliRunner.Run(_dir.Path, "policy", "diff", "a", "b");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: b/roles.json: not a Sagewright roles file: roles[1]: the role \"R\" is listed twice\n", result.Stderr);
    }

    [Fact]
    public void Changed_project_settings_are_reported_with_their_values()
    {
        _dir.Write("a/roles.json", Roles());
        _dir.Write("b/roles.json", Roles().Replace("\"us-east-1\"", "\"eu-west-1\"", StringComparison.Ordinal));

        var result = CliRunner.Run(_dir.Path, "policy", "diff", "a/roles.json", "b/roles.json");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("roles.json (modified): 1 role change\n  ~ region: region changed from us-east-1 to eu-west-1\n", result.Stdout, StringComparison.Ordinal);
    }
}
