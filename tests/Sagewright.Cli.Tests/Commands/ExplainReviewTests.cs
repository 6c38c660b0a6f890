using Sagewright.Cli.Tests.Infrastructure;

namespace Sagewright.Cli.Tests.Commands;

/// <summary><c>policy explain</c>: a grant on every object of a bucket is broad (it needs a justification), and a
/// resource report.md gives no reason for is flagged.</summary>
public sealed class ExplainReviewTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Explain(string resources, string? report = null, params string[] options)
    {
        _dir.Write("iam/R.policy.json", $$"""{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": [{{resources}}]}]}""");
        if (report is not null)
        {
            _dir.Write("iam/report.md", report);
        }

        return CliRunner.Run(_dir.Path, ["policy", "explain", "iam/R.policy.json", .. options]);
    }

    private const string NeedsJustification =
        "  Wildcards: broad, and the Sid Read does not say why the wildcard is needed (a justified Sid ends in RequiresWildcard or names the missing resource-level permissions).\n";

    [Fact]
    public void Every_object_of_a_bucket_needs_a_justification()
    {
        var result = Explain("\"arn:aws:s3:::my-bucket/*\"");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("""
              Resources:
                arn:aws:s3:::my-bucket/*
                  wildcard: every object in the bucket "my-bucket"

            """.Replace("\n\n", "\n", StringComparison.Ordinal) + NeedsJustification, result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("prefix only", result.Stdout, StringComparison.Ordinal);

        // Bucket names that start with a prefix: every such bucket and all its objects.
        var buckets = Explain("\"arn:aws:s3:::my-bucket*\"");
        Assert.Contains("      wildcard: every bucket whose name starts with \"my-bucket\", and every object in it\n" + NeedsJustification, buckets.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prefix_inside_a_bucket_is_still_prefix_only()
    {
        var result = Explain("\"arn:aws:s3:::my-bucket/raw-data/*\"");
        Assert.Contains(
            "      wildcard: any name starting with \"my-bucket/raw-data/\"\n  Wildcards: prefix only: each wildcard ends a name prefix, so the grant covers only the names under it; no justification needed.\n",
            result.Stdout, StringComparison.Ordinal);
    }

    private const string Report = """
        # IAM report: P

        ## R (job)

        ### Read

        - Actions: `s3:GetObject`
        - Resources: `arn:aws:s3:::my-bucket/extra/*`, `arn:aws:s3:::my-bucket/raw/*`
        - Why:
          - `arn:aws:s3:::my-bucket/raw/*`: step Preprocessing reads input InputData
        """;

    [Fact]
    public void A_resource_report_md_does_not_explain_is_flagged()
    {
        var result = Explain("\"arn:aws:s3:::my-bucket/extra/*\", \"arn:aws:s3:::my-bucket/raw/*\"", Report);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("""
              Resources:
                arn:aws:s3:::my-bucket/extra/*
                  wildcard: any name starting with "my-bucket/extra/"
                  report.md gives no reason for this resource
                arn:aws:s3:::my-bucket/raw/*
                  wildcard: any name starting with "my-bucket/raw/"
              Wildcards:
            """, result.Stdout, StringComparison.Ordinal);

        var markdown = Explain("\"arn:aws:s3:::my-bucket/extra/*\", \"arn:aws:s3:::my-bucket/raw/*\"", Report, "-f", "markdown");
        Assert.Contains("""
            - **Resources:**
              - `arn:aws:s3:::my-bucket/extra/*`: wildcard: any name starting with `my-bucket/extra/`; **report.md gives no reason for this resource**
              - `arn:aws:s3:::my-bucket/raw/*`: wildcard: any name starting with `my-bucket/raw/`
            """, markdown.Stdout, StringComparison.Ordinal);

        // Without report.md there is nothing to check against: no flag.
        File.Delete(Path.Combine(_dir.Path, "iam", "report.md"));
        var alone = CliRunner.Run(_dir.Path, "policy", "explain", "iam/R.policy.json");
        Assert.DoesNotContain("gives no reason", alone.Stdout, StringComparison.Ordinal);
    }
}
