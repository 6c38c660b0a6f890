using System.Text.Json;
using Sagewright.Cli.Tests.Infrastructure;

namespace Sagewright.Cli.Tests.Commands;

/// <summary>The three output formats on the <see cref="Scenario"/> change. The expected texts follow from
/// the rules: files by path (markdown: widening files first); in a file, widening changes first, then
/// added, then removed, each by action, then resource.</summary>
public sealed class DiffFormatTests : IDisposable
{
    private readonly TempDir _dir = new();

    public DiffFormatTests() => Scenario.Write(_dir);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Text_lists_every_added_and_removed_grant_with_widening_reasons()
    {
        var result = CliRunner.Run(_dir.Path, "policy", "diff", "old", "new");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("""
            FraudDetection-job.policy.json (modified): 2 added, 2 removed, 1 widening
              + Allow s3:GetObject on arn:aws:s3:::my-bucket/raw-data-old/* (Sid ReadInputData)
                WIDENING: no old Allow grant for this action covers resource arn:aws:s3:::my-bucket/raw-data-old/*
              + Allow s3:GetObject on arn:aws:s3:::my-bucket/raw-data/2024/* (Sid ReadInputData)
              - Allow s3:GetObject on arn:aws:s3:::my-bucket/raw-data/* (Sid ReadInputData)
              - Allow s3:PutObject on arn:aws:s3:::my-bucket/processed/* (Sid WriteOutput)

            FraudDetection-pipeline.policy.json (modified): 0 added, 1 removed, 1 changed, 2 widening
              ~ Allow iam:PassRole on arn:aws:iam::111122223333:role/FraudDetection-job (Sid PassJobRole): conditions changed from StringEquals iam:PassedToService = sagemaker.amazonaws.com to (none)
                WIDENING: condition removed: StringEquals iam:PassedToService = sagemaker.amazonaws.com
              - Deny s3:DeleteObject on arn:aws:s3:::my-bucket/* (Sid DenyDelete)
                WIDENING: Deny removed: nothing forbids this any more

            3 files compared, 2 changed: 2 grants added, 3 removed, 1 changed, 3 widening changes.

            """, result.Stdout);
        Assert.Equal("widening: 3 changes widen what a role may do; review them, or pass --allow-widening to accept them.\n", result.Stderr);
    }

    [Fact]
    public void Markdown_is_a_pull_request_comment_with_widening_first()
    {
        var result = CliRunner.Run(_dir.Path, "policy", "diff", "old", "new", "--format", "markdown");

        Assert.Equal(1, result.ExitCode);

        // The pipeline file has more widening changes but files are ordered by path within the widening group;
        // '*' and '_' outside code spans are escaped so GitHub shows them literally.
        Assert.Equal("""
            ## Sagewright policy diff

            > [!WARNING]
            > **3 widening changes** in 2 files: the new policies allow something the old ones did not. Review them before merging.

            | File | Status | Added | Removed | Changed | Widening |
            | --- | --- | ---: | ---: | ---: | ---: |
            | `FraudDetection-job.policy.json` | modified | 2 | 2 | 0 | **1** |
            | `FraudDetection-pipeline.policy.json` | modified | 0 | 1 | 1 | **2** |

            ### Widening: `FraudDetection-job.policy.json` (modified)

            | Change | Effect | Action | Resource | Condition | Sid | Why it widens |
            | --- | --- | --- | --- | --- | --- | --- |
            | **WIDENING** added | Allow | `s3:GetObject` | `arn:aws:s3:::my-bucket/raw-data-old/*` |  | ReadInputData | no old Allow grant for this action covers resource arn:aws:s3:::my-bucket/raw-data-old/\* |
            | added | Allow | `s3:GetObject` | `arn:aws:s3:::my-bucket/raw-data/2024/*` |  | ReadInputData |  |
            | removed | Allow | `s3:GetObject` | `arn:aws:s3:::my-bucket/raw-data/*` |  | ReadInputData |  |
            | removed | Allow | `s3:PutObject` | `arn:aws:s3:::my-bucket/processed/*` |  | WriteOutput |  |

            ### Widening: `FraudDetection-pipeline.policy.json` (modified)

            | Change | Effect | Action | Resource | Condition | Sid | Why it widens |
            | --- | --- | --- | --- | --- | --- | --- |
            | **WIDENING** changed | Allow | `iam:PassRole` | `arn:aws:iam::111122223333:role/FraudDetection-job` | changed from `StringEquals iam:PassedToService = sagemaker.amazonaws.com` to (none) | PassJobRole | condition removed: StringEquals iam:PassedToService = sagemaker.amazonaws.com |
            | **WIDENING** removed | Deny | `s3:DeleteObject` | `arn:aws:s3:::my-bucket/*` |  | DenyDelete | Deny removed: nothing forbids this any more |

            <sub>3 files compared, 2 changed: 2 grants added, 3 removed, 1 changed, 3 widening changes. Compared `old` with `new` by <code>sagewright policy diff</code>.</sub>

            """, result.Stdout);
    }

    [Fact]
    public void Markdown_puts_files_with_widening_before_files_without()
    {
        // Only the pipeline file widens; the job file (earlier by path) only narrows.
        _dir.Write("new/FraudDetection-job.policy.json", """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "ReadInputData", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::my-bucket/raw-data/*"}]}
            """);

        var markdown = CliRunner.Run(_dir.Path, "policy", "diff", "old", "new", "-f", "markdown").Stdout;

        Assert.Contains("""
            | `FraudDetection-pipeline.policy.json` | modified | 0 | 1 | 1 | **2** |
            | `FraudDetection-job.policy.json` | modified | 0 | 2 | 0 | 0 |
            """, markdown, StringComparison.Ordinal);
        Assert.True(markdown.IndexOf("### Widening: `FraudDetection-pipeline", StringComparison.Ordinal) < markdown.IndexOf("### `FraudDetection-job", StringComparison.Ordinal));

        // A file without widening has no "why" column.
        Assert.Contains("""
            ### `FraudDetection-job.policy.json` (modified)

            | Change | Effect | Action | Resource | Condition | Sid |
            | --- | --- | --- | --- | --- | --- |
            | removed | Allow | `s3:ListBucket` | `arn:aws:s3:::my-bucket` | `StringLike s3:prefix in [raw-data/, raw-data/*]` | ListInputData |
            | removed | Allow | `s3:PutObject` | `arn:aws:s3:::my-bucket/processed/*` |  | WriteOutput |
            """, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_is_a_complete_machine_readable_report()
    {
        _dir.Write("a/FraudDetection-job.policy.json", """{"Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/in/*"}]}""");
        _dir.Write("b/FraudDetection-job.policy.json", """{"Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:ResourceAccount": ["111122223333"]}}}]}""");

        var result = CliRunner.Run(_dir.Path, "policy", "diff", "a", "b", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("""
            {
              "old": "a",
              "new": "b",
              "widening": true,
              "summary": {
                "filesCompared": 1,
                "filesChanged": 1,
                "added": 0,
                "removed": 0,
                "changed": 1,
                "otherChanges": 0,
                "widening": 1
              },
              "files": [
                {
                  "path": "FraudDetection-job.policy.json",
                  "status": "modified",
                  "kind": "policy",
                  "oldFile": "a/FraudDetection-job.policy.json",
                  "newFile": "b/FraudDetection-job.policy.json",
                  "changes": [
                    {
                      "change": "changed",
                      "widening": true,
                      "reason": "no old Allow grant for this action covers resource arn:aws:s3:::b/*",
                      "effect": "Allow",
                      "action": "s3:GetObject",
                      "resource": "arn:aws:s3:::b/*",
                      "conditions": [
                        {
                          "operator": "StringEquals",
                          "key": "aws:ResourceAccount",
                          "values": [
                            "111122223333"
                          ]
                        }
                      ],
                      "sids": [
                        "Read"
                      ],
                      "text": "Allow s3:GetObject on arn:aws:s3:::b/* when StringEquals aws:ResourceAccount = 111122223333",
                      "description": "resource changed from arn:aws:s3:::b/in/* to arn:aws:s3:::b/*; conditions changed from (none) to StringEquals aws:ResourceAccount = 111122223333",
                      "from": {
                        "effect": "Allow",
                        "action": "s3:GetObject",
                        "resource": "arn:aws:s3:::b/in/*",
                        "conditions": [],
                        "sids": [
                          "Read"
                        ],
                        "text": "Allow s3:GetObject on arn:aws:s3:::b/in/*"
                      },
                      "reportReasons": null
                    }
                  ],
                  "otherChanges": []
                }
              ]
            }

            """, result.Stdout);
    }

    [Fact]
    public void Json_of_the_scenario_agrees_with_the_text_counts()
    {
        var result = CliRunner.Run(_dir.Path, "policy", "diff", "old", "new", "--format", "json");
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("widening").GetBoolean());
        Assert.Equal(3, root.GetProperty("summary").GetProperty("filesCompared").GetInt32());
        Assert.Equal(3, root.GetProperty("summary").GetProperty("widening").GetInt32());
        var files = root.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToArray();
        Assert.Equal(["FraudDetection-job.policy.json", "FraudDetection-pipeline.policy.json"], files);
        var removedDeny = root.GetProperty("files")[1].GetProperty("changes")[1];
        Assert.Equal("removed", removedDeny.GetProperty("change").GetString());
        Assert.Equal("Deny", removedDeny.GetProperty("effect").GetString());
        Assert.True(removedDeny.GetProperty("widening").GetBoolean());
    }

    [Fact]
    public void No_change_is_one_line_and_exit_code_0_in_every_format()
    {
        var text = CliRunner.Run(_dir.Path, "policy", "diff", "old", "old");
        Assert.Equal((0, "No policy changes (3 files compared).\n", ""), (text.ExitCode, text.Stdout, text.Stderr));

        var markdown = CliRunner.Run(_dir.Path, "policy", "diff", "old", "old", "-f", "markdown");
        Assert.Equal(0, markdown.ExitCode);
        Assert.Equal("""
            ## Sagewright policy diff

            No policy changes (3 files compared).

            <sub>3 files compared, 0 changed: 0 grants added, 0 removed, no widening. Compared `old` with `old` by <code>sagewright policy diff</code>.</sub>

            """, markdown.Stdout);

        var json = CliRunner.Run(_dir.Path, "policy", "diff", "old", "old", "-f", "json");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.False(document.RootElement.GetProperty("widening").GetBoolean());
        Assert.Equal(0, document.RootElement.GetProperty("files").GetArrayLength());
    }
}
