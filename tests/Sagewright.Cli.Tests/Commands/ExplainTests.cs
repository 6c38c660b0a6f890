using Sagewright.Cli.Explain;
using Sagewright.Cli.Output;
using Sagewright.Cli.Policies;
using Sagewright.Cli.Tests.Infrastructure;

namespace Sagewright.Cli.Tests.Commands;

public sealed class ExplainTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string JobPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "ReadInputData", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::my-bucket/raw-data/*"]},
            {"Sid": "ListInputData", "Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": ["arn:aws:s3:::my-bucket"],
             "Condition": {"StringLike": {"s3:prefix": ["raw-data/", "raw-data/*"]}}},
            {"Sid": "EcrAuthTokenRequiresWildcard", "Effect": "Allow", "Action": ["ecr:GetAuthorizationToken"], "Resource": ["*"]},
            {"Sid": "WriteLogs", "Effect": "Allow", "Action": ["logs:Put*"], "Resource": ["arn:aws:logs:*:111122223333:log-group:/aws/sagemaker/*"]}
          ]
        }
        """;

    // Two roles share the "FraudDetection-job" prefix, and a fenced block holds a heading-like line:
    // neither may be mistaken for the job role's section.
    private const string Report = """
        # IAM report: FraudDetection

        ## FraudDetection-job-extra (job)

        ### ReadInputData

        - wrong section

        ## FraudDetection-job (job)

        The processing and training jobs run with this role.

        ### ReadInputData

        - Actions: `s3:GetObject`
        - Resources: `arn:aws:s3:::my-bucket/raw-data/*` (resolved from the default of parameter InputData)
        - Why:
          - `arn:aws:s3:::my-bucket/raw-data/*`: step Preprocessing reads input InputData

        ```
        ## not a heading
        ```

        ### EcrAuthTokenRequiresWildcard

        - Why:
          - `*`: `ecr:GetAuthorizationToken` accepts no resource-level permissions

        ## FraudDetection-inference (inference)

        ### ListInputData

        - wrong section
        """;

    private const string Roles = """
        {
          "account": "111122223333", "region": "us-east-1", "partition": "aws", "pipeline": "FraudDetection",
          "roles": [
            {"name": "FraudDetection-pipeline", "arn": "arn:aws:iam::111122223333:role/FraudDetection-pipeline", "kind": "pipeline",
             "policy": "FraudDetection-pipeline.policy.json", "trust": "FraudDetection-pipeline.trust.json",
             "usedBy": ["Evaluation", "Preprocessing", "Training"], "managedPolicies": []},
            {"name": "FraudDetection-job", "arn": "arn:aws:iam::111122223333:role/FraudDetection-job", "kind": "job",
             "policy": "FraudDetection-job.policy.json", "trust": "FraudDetection-job.trust.json",
             "usedBy": ["Preprocessing", "Training"], "managedPolicies": []}
          ]
        }
        """;

    private const string Policy = "iam/FraudDetection-job.policy.json";

    [Fact]
    public void Text_explains_each_statement_with_the_report_and_the_steps()
    {
        _dir.Write(Policy, JobPolicy);
        _dir.Write("iam/report.md", Report);
        _dir.Write("iam/roles.json", Roles);

        var result = CliRunner.Run(_dir.Path, "policy", "explain", Policy);

        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        Assert.Equal("""
            Role FraudDetection-job (job)
              Policy: iam/FraudDetection-job.policy.json, 4 statements
              ARN: arn:aws:iam::111122223333:role/FraudDetection-job
              Used by steps: Preprocessing, Training
              From report.md:
                The processing and training jobs run with this role.

            Statement ReadInputData: Allow
              Lets the role call s3:GetObject on arn:aws:s3:::my-bucket/raw-data/*.
              Actions:
                s3:GetObject
              Resources:
                arn:aws:s3:::my-bucket/raw-data/*
                  wildcard: any name starting with "my-bucket/raw-data/"
              Wildcards: prefix only: each wildcard ends a name prefix, so the grant covers only the names under it; no justification needed.
              From report.md:
                - Actions: `s3:GetObject`
                - Resources: `arn:aws:s3:::my-bucket/raw-data/*` (resolved from the default of parameter InputData)
                - Why:
                  - `arn:aws:s3:::my-bucket/raw-data/*`: step Preprocessing reads input InputData

                ```
                ## not a heading
                ```

            Statement ListInputData: Allow
              Lets the role call s3:ListBucket on arn:aws:s3:::my-bucket, only when s3:prefix matches "raw-data/" or "raw-data/*".
              Actions:
                s3:ListBucket
              Resources:
                arn:aws:s3:::my-bucket
              Conditions:
                s3:prefix matches "raw-data/" or "raw-data/*" (StringLike)
              report.md has no subsection for this statement.

            Statement EcrAuthTokenRequiresWildcard: Allow
              Lets the role call ecr:GetAuthorizationToken on every resource (*).
              Actions:
                ecr:GetAuthorizationToken
              Resources:
                *
                  wildcard: every resource
              Wildcards: broad: the Sid EcrAuthTokenRequiresWildcard says why the wildcard is needed.
              From report.md:
                - Why:
                  - `*`: `ecr:GetAuthorizationToken` accepts no resource-level permissions

            Statement WriteLogs: Allow
              Lets the role call logs:Put* on arn:aws:logs:*:111122223333:log-group:/aws/sagemaker/*.
              Actions:
                logs:Put*
                  wildcard: every logs action whose name starts with "Put"
              Resources:
                arn:aws:logs:*:111122223333:log-group:/aws/sagemaker/*
                  wildcard: any region, any name starting with "log-group:/aws/sagemaker/"
              Wildcards: broad, and the Sid WriteLogs does not say why the wildcard is needed (a justified Sid ends in RequiresWildcard or names the missing resource-level permissions).
              report.md has no subsection for this statement.

            """, result.Stdout);
    }

    [Fact]
    public void Without_report_or_roles_it_explains_the_policy_alone()
    {
        _dir.Write(Policy, JobPolicy);

        var result = CliRunner.Run(_dir.Path, "policy", "explain", Policy);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("""
            Role FraudDetection-job
              Policy: iam/FraudDetection-job.policy.json, 4 statements
              No report.md beside the policy: statements are explained without the report's reasons.

            Statement ReadInputData: Allow
              Lets the role call s3:GetObject on arn:aws:s3:::my-bucket/raw-data/*.
            """, result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("From report.md", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Used by", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_without_the_role_and_roles_without_it_are_said_so()
    {
        _dir.Write("iam/Other.policy.json", JobPolicy);
        _dir.Write("iam/report.md", Report);
        _dir.Write("iam/roles.json", Roles);

        var result = CliRunner.Run(_dir.Path, "policy", "explain", "iam/Other.policy.json");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("""
            Role Other
              Policy: iam/Other.policy.json, 4 statements
              report.md has no section for Other.
              roles.json lists no role for Other.

            """, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_quotes_the_report_under_each_statement()
    {
        _dir.Write(Policy, JobPolicy);
        _dir.Write("iam/report.md", Report);
        _dir.Write("iam/roles.json", Roles);

        var result = CliRunner.Run(_dir.Path, "policy", "explain", Policy, "--format", "markdown");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("""
            ## `FraudDetection-job` (job)

            - **Policy:** `iam/FraudDetection-job.policy.json`, 4 statements
            - **ARN:** `arn:aws:iam::111122223333:role/FraudDetection-job`
            - **Used by steps:** Preprocessing, Training

            > The processing and training jobs run with this role.

            ### `ReadInputData` (Allow)

            Lets the role call `s3:GetObject` on `arn:aws:s3:::my-bucket/raw-data/*`.

            - **Actions:**
              - `s3:GetObject`
            - **Resources:**
              - `arn:aws:s3:::my-bucket/raw-data/*`: wildcard: any name starting with `my-bucket/raw-data/`
            - **Wildcards:** prefix only: each wildcard ends a name prefix, so the grant covers only the names under it; no justification needed.

            From `report.md`:

            > - Actions: `s3:GetObject`
            > - Resources: `arn:aws:s3:::my-bucket/raw-data/*` (resolved from the default of parameter InputData)
            > - Why:
            >   - `arn:aws:s3:::my-bucket/raw-data/*`: step Preprocessing reads input InputData
            >
            > ```
            > ## not a heading
            > ```

            ### `ListInputData` (Allow)

            Lets the role call `s3:ListBucket` on `arn:aws:s3:::my-bucket`, only when `s3:prefix` matches `raw-data/` or `raw-data/*`.

            - **Actions:**
              - `s3:ListBucket`
            - **Resources:**
              - `arn:aws:s3:::my-bucket`
            - **Conditions:**
              - `s3:prefix` matches `raw-data/` or `raw-data/*` (`StringLike`)

            _report.md has no subsection for this statement._

            """, result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("""
            - **Wildcards:** broad, and the Sid WriteLogs does not say why the wildcard is needed (a justified Sid ends in RequiresWildcard or names the missing resource-level permissions).

            _report.md has no subsection for this statement._


            """, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Trust_policies_and_deny_statements_read_naturally()
    {
        _dir.Write("iam/R.trust.json", Scenario.Trust);
        _dir.Write("iam/R.policy.json", """
            {"Statement": [
              {"Effect": "Deny", "NotAction": ["s3:GetObject"], "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": false}, "ForAnyValue:StringNotLikeIfExists": {"aws:TagKeys": ["team", "cost-*"]}}}
            ]}
            """);

        var trust = CliRunner.Run(_dir.Path, "policy", "explain", "iam/R.trust.json");
        Assert.Contains("""
            Statement Statement[0] (no Sid): Allow
              Lets the service sagemaker.amazonaws.com call sts:AssumeRole (take on this role), only when aws:SourceAccount is "111122223333".
              Actions:
                sts:AssumeRole
              Principals:
                the service sagemaker.amazonaws.com
              Conditions:
                aws:SourceAccount is "111122223333" (StringEquals)

            """, trust.Stdout, StringComparison.Ordinal);

        var deny = CliRunner.Run(_dir.Path, "policy", "explain", "iam/R.policy.json");
        Assert.Contains("""
              Forbids the role to call every action except s3:GetObject on every resource (*), only when aws:SecureTransport is false and at least one value of aws:TagKeys matches neither "team" nor "cost-*" (when the request has it).
              NotAction:
                every action except s3:GetObject
                  NotAction: every action of every service not listed
            """, deny.Stdout, StringComparison.Ordinal);
        Assert.Contains("Wildcards: broad, and the statement has no Sid to say why the wildcard is needed.", deny.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Wildcards_are_classified_by_where_they_are()
    {
        _dir.Write("R.policy.json", """
            {"Statement": [
              {"Sid": "Prefix", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/in/*"},
              {"Sid": "ExecutionId", "Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::b/in/*", "arn:aws:s3:::b/P/*/Eval/report.json"]},
              {"Sid": "AnyAccount", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:us-east-1:*:b/in/*"},
              {"Sid": "Exact", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/in/file.csv"}
            ]}
            """);

        var lines = CliRunner.Run(_dir.Path, "policy", "explain", "R.policy.json").Stdout.Split('\n');
        string[] verdicts = [.. lines.Where(l => l.StartsWith("  Wildcards: ", StringComparison.Ordinal)).Select(l => l["  Wildcards: ".Length..])];

        // The broadest part decides; the exact statement has no wildcard line at all.
        Assert.Equal(3, verdicts.Length);
        Assert.StartsWith("prefix only: ", verdicts[0], StringComparison.Ordinal);
        Assert.StartsWith("within names only: ", verdicts[1], StringComparison.Ordinal);
        Assert.StartsWith("broad, and the Sid AnyAccount does not say why", verdicts[2], StringComparison.Ordinal);
        Assert.Contains("      wildcard: any name matching \"b/P/*/Eval/report.json\" (* is any characters, ? one character)", lines);
        Assert.Contains("      wildcard: any account, any name starting with \"b/in/\"", lines);
    }

    [Theory]
    [InlineData("EcrAuthTokenRequiresWildcard", true)]
    [InlineData("EcrAuthTokenActionHasNoResourceLevelPermissions", true)]
    [InlineData("DescribeNetworkWildcardRequired", true)]
    [InlineData("ReadEverything", false)]
    [InlineData(null, false)]
    public void Sid_justification(string? sid, bool justified)
    {
        Assert.Equal(justified, StatementExplainer.SidJustifiesWildcard(sid));
    }

    [Fact]
    public void Conditions_in_plain_language()
    {
        string Say(string op, params string[] values) =>
            StatementExplainer.DescribeCondition(new Condition(op, "k", values), Spelling.Text);

        Assert.Equal("k is \"a\"", Say("StringEquals", "a"));
        Assert.Equal("k is one of \"a\" or \"b\"", Say("StringEquals", "a", "b"));
        Assert.Equal("k is not \"a\"", Say("StringNotEquals", "a"));
        Assert.Equal("k matches the ARN \"arn:aws:sagemaker:*\"", Say("ArnLike", "arn:aws:sagemaker:*"));
        Assert.Equal("k is the ARN \"arn:aws:iam::1:role/R\"", Say("ArnEquals", "arn:aws:iam::1:role/R"));
        Assert.Equal("k is at most \"10\"", Say("NumericLessThanEquals", "10"));
        Assert.Equal("k is absent from the request", Say("Null", "true"));
        Assert.Equal("k is present in the request", Say("Null", "false"));
        Assert.Equal("every value of k is one of \"a\" or \"b\"", Say("ForAllValues:StringEquals", "a", "b"));
        Assert.Equal("k is in the IP range \"10.0.0.0/8\" (when the request has it)", Say("IpAddressIfExists", "10.0.0.0/8"));
        Assert.Equal("k passes CustomOp \"x\"", Say("CustomOp", "x"));
    }

    [Fact]
    public void Report_sections_end_at_the_next_role()
    {
        var section = RoleContext.ReadReport(Report.ReplaceLineEndings("\r\n"), "FraudDetection-job");
        Assert.NotNull(section);
        Assert.Equal("job", section.Kind);
        Assert.Equal(["EcrAuthTokenRequiresWildcard", "ReadInputData"], section.Statements.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["The processing and training jobs run with this role."], section.Intro);
        Assert.Null(RoleContext.ReadReport(Report, "FraudDetection"));
    }

    [Fact]
    public void Explain_errors_exit_2_naming_the_file()
    {
        _dir.Write(Policy, JobPolicy);
        _dir.Write("iam/roles.json", "{\n  \"roles\": [\n    {\"name\": \"x\",}\n  ]\n}");

        // Line 3 is `    {"name": "x",}`: 17 characters, then the '}' after the trailing comma.
        var roles = CliRunner.Run(_dir.Path, "policy", "explain", Policy);
        Assert.Equal((2, ""), (roles.ExitCode, roles.Stdout));
        Assert.Equal("error: iam/roles.json: invalid JSON at line 3, position 18: a trailing comma is not allowed in JSON\n", roles.Stderr);

        var folder = CliRunner.Run(_dir.Path, "policy", "explain", "iam");
        Assert.Equal(2, folder.ExitCode);
        Assert.Equal("error: iam: is a folder; explain takes one policy file, such as iam/FraudDetection-job.policy.json\n", folder.Stderr);

        var missing = CliRunner.Run(_dir.Path, "policy", "explain", "iam/Nope.policy.json");
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("error: iam/Nope.policy.json: no such file (explain takes one policy file, such as sagemaker/<Pipeline>/iam/<Role>.policy.json)\n", missing.Stderr);

        _dir.Write("iam/roles.json", Roles);
        _dir.Write("iam/Bad.policy.json", """{"Version": "2012-10-17"}""");
        var notPolicy = CliRunner.Run(_dir.Path, "policy", "explain", "iam/Bad.policy.json");
        Assert.Equal(2, notPolicy.ExitCode);
        Assert.Equal("error: iam/Bad.policy.json: not an IAM policy: expected a JSON object with a \"Statement\" member (an array of statements, or one statement object); found an object with \"Version\"\n", notPolicy.Stderr);
    }
}
