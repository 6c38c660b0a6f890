using System.Text.Json;
using Sagewright.Cli.Tests.Infrastructure;

namespace Sagewright.Cli.Tests.Commands;

/// <summary><c>policy diff</c> and <c>policy explain</c> read the reasons from <c>iam/report.json</c> (the data
/// report.md is rendered from) when it is there, and from report.md's headings only for output written before it.</summary>
public sealed class ReportJsonTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Read(string resource) =>
        $$"""{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "{{resource}}"}]}""";

    private const string ReportJson = """
        {
          "schema": "sagewright.iam-report/1", "pipeline": "P", "account": "111122223333", "region": "us-east-1", "partition": "aws",
          "notes": [],
          "roles": [
            {"name": "R", "arn": "arn:aws:iam::111122223333:role/R", "kind": "job", "policy": "R.policy.json", "trust": "R.trust.json",
             "usedBy": ["Preprocessing"], "managedPolicies": [],
             "trustPolicy": {"principal": "sagemaker.amazonaws.com", "sourceAccount": "111122223333", "sourceArns": []},
             "statements": [
               {"sid": "Read", "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::my-bucket/raw/*"], "conditions": {},
                "steps": ["Preprocessing"],
                "why": [{"resource": "arn:aws:s3:::my-bucket/raw/*", "reasons": ["step `Preprocessing` reads input `InputData`"]}],
                "notes": [],
                "source": {"rule": "a job reads its declared inputs", "title": "How to use SageMaker AI execution roles", "url": "https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html"}}
             ]}
          ]
        }
        """;

    /// <summary>An older report.md that gives a different reason: it must not be read when report.json is there.</summary>
    private const string StaleReportMd = """
        # IAM report: P

        ## R (job)

        ### Read

        - Why:
          - `arn:aws:s3:::my-bucket/raw/*`: stale reason from report.md
        """;

    [Fact]
    public void Diff_takes_the_reasons_of_added_grants_from_report_json()
    {
        _dir.Write("old/R.policy.json", Read("arn:aws:s3:::my-bucket/raw/2024/*"));
        _dir.Write("new/R.policy.json", Read("arn:aws:s3:::my-bucket/raw/*"));
        _dir.Write("new/report.json", ReportJson);
        _dir.Write("new/report.md", StaleReportMd);

        var json = CliRunner.Run(_dir.Path, "policy", "diff", "old", "new", "-f", "json", "--allow-widening");

        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Stdout);
        var change = document.RootElement.GetProperty("files")[0].GetProperty("changes")[0];
        Assert.Equal(["step `Preprocessing` reads input `InputData`"], change.GetProperty("reportReasons").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.DoesNotContain("stale reason", json.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_of_a_single_file_reads_the_report_json_beside_it()
    {
        _dir.Write("old/R.policy.json", Read("arn:aws:s3:::my-bucket/raw/2024/*"));
        _dir.Write("new/R.policy.json", Read("arn:aws:s3:::my-bucket/raw/*"));
        _dir.Write("new/report.json", ReportJson);

        var result = CliRunner.Run(_dir.Path, "policy", "diff", "old/R.policy.json", "new/R.policy.json", "--allow-widening");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("report.md: step `Preprocessing` reads input `InputData`", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_reads_the_statement_reasons_steps_and_source_from_report_json()
    {
        _dir.Write("iam/R.policy.json", Read("arn:aws:s3:::my-bucket/raw/*"));
        _dir.Write("iam/report.json", ReportJson);
        _dir.Write("iam/report.md", StaleReportMd);

        var result = CliRunner.Run(_dir.Path, "policy", "explain", "iam/R.policy.json");

        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        Assert.Contains("Role R (job)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("From report.json:", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("From report.md:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("`arn:aws:s3:::my-bucket/raw/*`: step `Preprocessing` reads input `InputData`", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("- Steps: `Preprocessing`", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("- Source: How to use SageMaker AI execution roles (https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html)", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("stale reason", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("gives no reason", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_json_that_is_not_a_Sagewright_report_is_an_error_that_names_it()
    {
        _dir.Write("iam/R.policy.json", Read("arn:aws:s3:::my-bucket/raw/*"));
        _dir.Write("iam/report.json", """{"roles": []}""");

        var result = CliRunner.Run(_dir.Path, "policy", "explain", "iam/R.policy.json");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("iam/report.json: not a Sagewright IAM report", result.Stderr, StringComparison.Ordinal);
    }
}
