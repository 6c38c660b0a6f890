using System.Text.Json;
using Sagewright.Cli.Tests.Infrastructure;

namespace Sagewright.Cli.Tests.Commands;

/// <summary>A grant whose resource or conditions change for the same action is one change ("changed from X to Y"),
/// still widening when the new grant widens; added grants carry the reason report.md gives for them.</summary>
public sealed class DiffChangeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Read(string resource, string condition = "") =>
        $$"""{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "{{resource}}"{{condition}}}]}""";

    private const string Account = """, "Condition": {"StringEquals": {"aws:ResourceAccount": "111122223333"}}""";

    private CliRunner.Result Diff(string old, string @new, params string[] options)
    {
        _dir.Write("old/R.policy.json", old);
        _dir.Write("new/R.policy.json", @new);
        return CliRunner.Run(_dir.Path, ["policy", "diff", "old", "new", .. options]);
    }

    [Fact]
    public void A_widening_resource_change_is_one_change_and_still_widening()
    {
        var result = Diff(Read("arn:aws:s3:::my-bucket/a/*"), Read("arn:aws:s3:::my-bucket/*"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("""
            R.policy.json (modified): 0 added, 0 removed, 1 changed, 1 widening
              ~ Allow s3:GetObject (Sid Read): resource changed from arn:aws:s3:::my-bucket/a/* to arn:aws:s3:::my-bucket/*
                WIDENING: no old Allow grant for this action covers resource arn:aws:s3:::my-bucket/*

            1 file compared, 1 changed: 0 grants added, 0 removed, 1 changed, 1 widening change.

            """, result.Stdout);
        Assert.Equal("widening: 1 change widens what a role may do; review it, or pass --allow-widening to accept it.\n", result.Stderr);

        var markdown = CliRunner.Run(_dir.Path, "policy", "diff", "old", "new", "-f", "markdown");
        Assert.Equal(1, markdown.ExitCode);
        Assert.Contains("| File | Status | Added | Removed | Changed | Widening |\n", markdown.Stdout, StringComparison.Ordinal);
        Assert.Contains("| `R.policy.json` | modified | 0 | 0 | 1 | **1** |\n", markdown.Stdout, StringComparison.Ordinal);
        Assert.Contains(
            "| **WIDENING** changed | Allow | `s3:GetObject` | changed from `arn:aws:s3:::my-bucket/a/*` to `arn:aws:s3:::my-bucket/*` |  | Read | no old Allow grant for this action covers resource arn:aws:s3:::my-bucket/\\* |\n",
            markdown.Stdout, StringComparison.Ordinal);

        var json = CliRunner.Run(_dir.Path, "policy", "diff", "old", "new", "-f", "json");
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal(1, document.RootElement.GetProperty("summary").GetProperty("changed").GetInt32());
        Assert.Equal(0, document.RootElement.GetProperty("summary").GetProperty("added").GetInt32());
        var change = Assert.Single(document.RootElement.GetProperty("files")[0].GetProperty("changes").EnumerateArray());
        Assert.Equal("changed", change.GetProperty("change").GetString());
        Assert.True(change.GetProperty("widening").GetBoolean());
        Assert.Equal("arn:aws:s3:::my-bucket/*", change.GetProperty("resource").GetString());
        Assert.Equal("arn:aws:s3:::my-bucket/a/*", change.GetProperty("from").GetProperty("resource").GetString());
        Assert.Equal("resource changed from arn:aws:s3:::my-bucket/a/* to arn:aws:s3:::my-bucket/*", change.GetProperty("description").GetString());
    }

    [Fact]
    public void A_narrowing_resource_change_is_one_change_and_not_widening()
    {
        var result = Diff(Read("arn:aws:s3:::my-bucket/*"), Read("arn:aws:s3:::my-bucket/a/*"));

        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        Assert.Equal("""
            R.policy.json (modified): 0 added, 0 removed, 1 changed
              ~ Allow s3:GetObject (Sid Read): resource changed from arn:aws:s3:::my-bucket/* to arn:aws:s3:::my-bucket/a/*

            1 file compared, 1 changed: 0 grants added, 0 removed, 1 changed, no widening.

            """, result.Stdout);

        var json = CliRunner.Run(_dir.Path, "policy", "diff", "old", "new", "-f", "json");
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.False(document.RootElement.GetProperty("widening").GetBoolean());
        var change = Assert.Single(document.RootElement.GetProperty("files")[0].GetProperty("changes").EnumerateArray());
        Assert.Equal(("changed", false), (change.GetProperty("change").GetString(), change.GetProperty("widening").GetBoolean()));
    }

    [Fact]
    public void A_condition_change_is_one_change_widening_when_loosened()
    {
        var loosened = Diff(Read("arn:aws:s3:::my-bucket/a/*", Account), Read("arn:aws:s3:::my-bucket/a/*"));
        Assert.Equal(1, loosened.ExitCode);
        Assert.StartsWith("""
            R.policy.json (modified): 0 added, 0 removed, 1 changed, 1 widening
              ~ Allow s3:GetObject on arn:aws:s3:::my-bucket/a/* (Sid Read): conditions changed from StringEquals aws:ResourceAccount = 111122223333 to (none)
                WIDENING: condition removed: StringEquals aws:ResourceAccount = 111122223333

            """, loosened.Stdout, StringComparison.Ordinal);

        var tightened = Diff(Read("arn:aws:s3:::my-bucket/a/*"), Read("arn:aws:s3:::my-bucket/a/*", Account));
        Assert.Equal((0, ""), (tightened.ExitCode, tightened.Stderr));
        Assert.StartsWith("""
            R.policy.json (modified): 0 added, 0 removed, 1 changed
              ~ Allow s3:GetObject on arn:aws:s3:::my-bucket/a/* (Sid Read): conditions changed from (none) to StringEquals aws:ResourceAccount = 111122223333

            """, tightened.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_split_in_two_stays_added_and_removed()
    {
        // One old resource, two new ones: no single pair, so no "changed".
        var two = """{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::my-bucket/a/1/*", "arn:aws:s3:::my-bucket/a/2/*"]}]}""";
        var result = Diff(Read("arn:aws:s3:::my-bucket/a/*"), two);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("R.policy.json (modified): 2 added, 1 removed\n", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("changed from", result.Stdout, StringComparison.Ordinal);
    }

    private const string ReportMd = """
        # IAM report: P

        ## R (job)

        - ARN: `arn:aws:iam::111122223333:role/R`

        ### Read

        - Actions: `s3:GetObject`
        - Resources: `arn:aws:s3:::my-bucket/extra/*`, `arn:aws:s3:::my-bucket/raw/*`
        - Conditions: none
        - Why:
          - `arn:aws:s3:::my-bucket/raw/*`: step Preprocessing reads input InputData
          - `arn:aws:s3:::my-bucket/raw/*`: step Training reads input InputData
        """;

    [Fact]
    public void Added_grants_carry_the_reason_report_md_gives()
    {
        _dir.Write("new/report.md", ReportMd);
        var added = """{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::my-bucket/extra/*", "arn:aws:s3:::my-bucket/raw/*"]}]}""";
        var result = Diff(Read("arn:aws:s3:::my-bucket/raw/2024/*"), added, "--allow-widening");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""
            R.policy.json (modified): 2 added, 1 removed, 2 widening
              + Allow s3:GetObject on arn:aws:s3:::my-bucket/extra/* (Sid Read)
                WIDENING: no old Allow grant for this action covers resource arn:aws:s3:::my-bucket/extra/*
                report.md gives no reason for this grant
              + Allow s3:GetObject on arn:aws:s3:::my-bucket/raw/* (Sid Read)
                WIDENING: no old Allow grant for this action covers resource arn:aws:s3:::my-bucket/raw/*
                report.md: step Preprocessing reads input InputData
                report.md: step Training reads input InputData
              - Allow s3:GetObject on arn:aws:s3:::my-bucket/raw/2024/* (Sid Read)

            1 file compared, 1 changed: 2 grants added, 1 removed, 2 widening changes.

            """, result.Stdout);

        var markdown = CliRunner.Run(_dir.Path, "policy", "diff", "old", "new", "-f", "markdown", "--allow-widening").Stdout;
        Assert.Contains("| Change | Effect | Action | Resource | Condition | Sid | Why it widens | Reason (report.md) |\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| Read | no old Allow grant for this action covers resource arn:aws:s3:::my-bucket/raw/\\* | step Preprocessing reads input InputData<br>step Training reads input InputData |\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| Read | no old Allow grant for this action covers resource arn:aws:s3:::my-bucket/extra/\\* | _none given_ |\n", markdown, StringComparison.Ordinal);

        var json = CliRunner.Run(_dir.Path, "policy", "diff", "old", "new", "-f", "json", "--allow-widening").Stdout;
        using var document = JsonDocument.Parse(json);
        var changes = document.RootElement.GetProperty("files")[0].GetProperty("changes");
        Assert.Equal(0, changes[0].GetProperty("reportReasons").GetArrayLength());
        Assert.Equal(
            ["step Preprocessing reads input InputData", "step Training reads input InputData"],
            changes[1].GetProperty("reportReasons").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(JsonValueKind.Null, changes[2].GetProperty("reportReasons").ValueKind);
    }

    [Fact]
    public void A_changed_grant_carries_the_reason_too_and_a_single_file_reads_the_report_beside_it()
    {
        _dir.Write("new/report.md", ReportMd);
        var result = Diff(Read("arn:aws:s3:::my-bucket/raw/2024/*"), Read("arn:aws:s3:::my-bucket/raw/*"), "--allow-widening");
        Assert.Contains("""
              ~ Allow s3:GetObject (Sid Read): resource changed from arn:aws:s3:::my-bucket/raw/2024/* to arn:aws:s3:::my-bucket/raw/*
                WIDENING: no old Allow grant for this action covers resource arn:aws:s3:::my-bucket/raw/*
                report.md: step Preprocessing reads input InputData
                report.md: step Training reads input InputData

            """, result.Stdout, StringComparison.Ordinal);

        var file = CliRunner.Run(_dir.Path, "policy", "diff", "old/R.policy.json", "new/R.policy.json", "--allow-widening");
        Assert.Equal(result.Stdout, file.Stdout);
    }
}
