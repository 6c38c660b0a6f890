using System.Diagnostics;
using System.Text.Json;
using Sagewright.Cli.Tests.Infrastructure;

namespace Sagewright.Cli.Tests.Commands;

/// <summary><c>REV:path</c> arguments read from a real (temporary) git repository.</summary>
public sealed class GitRevisionTests : IDisposable
{
    private readonly TempDir _dir = new();

    public GitRevisionTests()
    {
        // Committed: the old policies. Working tree: the new ones, not committed.
        Git("init", "-q", "-b", "main");
        _dir.Write("policies/FraudDetection/iam/FraudDetection-job.policy.json", Scenario.OldJob);
        _dir.Write("policies/FraudDetection/iam/FraudDetection-pipeline.policy.json", Scenario.OldPipeline);
        _dir.Write("policies/FraudDetection/iam/FraudDetection-job.trust.json", Scenario.Trust);
        _dir.Write("policies/FraudDetection/iam/report.md", "# IAM report: FraudDetection\n");
        Git("add", "-A");
        Git("commit", "-q", "-m", "old policies");
        _dir.Write("policies/FraudDetection/iam/FraudDetection-job.policy.json", Scenario.NewJob);
        _dir.Write("policies/FraudDetection/iam/FraudDetection-pipeline.policy.json", Scenario.NewPipeline);
    }

    public void Dispose() => _dir.Dispose();

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = _dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "git " + string.Join(' ', args) + " failed: " + error);
    }

    [Fact]
    public void A_revision_folder_compares_with_the_working_tree_folder()
    {
        var fromGit = CliRunner.Run(_dir.Path, "policy", "diff", "main:policies/FraudDetection/iam", "policies/FraudDetection/iam");

        // The same comparison as two folders on disk, with the same report.md on the new side.
        Scenario.Write(_dir);
        File.Copy(Path.Combine(_dir.Path, "policies/FraudDetection/iam/report.md"), Path.Combine(_dir.Path, "new/report.md"));
        var fromDisk = CliRunner.Run(_dir.Path, "policy", "diff", "old", "new");

        Assert.Equal(1, fromGit.ExitCode);
        Assert.Equal(fromDisk.Stdout, fromGit.Stdout);
        Assert.StartsWith("FraudDetection-job.policy.json (modified): 2 added, 2 removed, 1 widening\n", fromGit.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_names_the_git_files_by_revision_and_path()
    {
        var result = CliRunner.Run(_dir.Path, "policy", "diff", "HEAD:policies/FraudDetection/iam/", "policies/FraudDetection/iam", "-f", "json");
        using var json = JsonDocument.Parse(result.Stdout);
        var first = json.RootElement.GetProperty("files")[0];
        Assert.Equal("HEAD:policies/FraudDetection/iam/FraudDetection-job.policy.json", first.GetProperty("oldFile").GetString());
        Assert.Equal("policies/FraudDetection/iam/FraudDetection-job.policy.json", first.GetProperty("newFile").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("summary").GetProperty("filesCompared").GetInt32());
    }

    [Fact]
    public void Two_revisions_and_single_files_work_too()
    {
        Git("add", "-A");
        Git("commit", "-q", "-m", "new policies");

        var folders = CliRunner.Run(_dir.Path, "policy", "diff", "HEAD~1:policies/FraudDetection/iam", "HEAD:policies/FraudDetection/iam");
        Assert.Equal(1, folders.ExitCode);
        Assert.Contains("3 files compared, 2 changed: 2 grants added, 3 removed, 1 changed, 3 widening changes.", folders.Stdout, StringComparison.Ordinal);

        // report.md is read from the revision too: it has no section for the role, so no added grant has a reason.
        Assert.Contains("""
              + Allow s3:GetObject on arn:aws:s3:::my-bucket/raw-data/2024/* (Sid ReadInputData)
                report.md gives no reason for this grant

            """, folders.Stdout, StringComparison.Ordinal);

        var file = CliRunner.Run(_dir.Path, "policy", "diff",
            "HEAD~1:policies/FraudDetection/iam/FraudDetection-job.policy.json",
            "HEAD:policies/FraudDetection/iam/FraudDetection-job.policy.json");
        Assert.Equal(1, file.ExitCode);
        Assert.StartsWith("FraudDetection-job.policy.json (modified): 2 added, 2 removed, 1 widening\n", file.Stdout, StringComparison.Ordinal);

        // REV:./path is relative to the working directory, as in git itself.
        var relative = CliRunner.Run(Path.Combine(_dir.Path, "policies"), "policy", "diff",
            "HEAD~1:./FraudDetection/iam/FraudDetection-pipeline.policy.json", "FraudDetection/iam/FraudDetection-pipeline.policy.json");
        Assert.Equal(1, relative.ExitCode);
        Assert.StartsWith("FraudDetection-pipeline.policy.json (modified): 0 added, 1 removed, 1 changed, 2 widening\n", relative.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void From_a_subfolder_REV_path_is_still_from_the_repository_root()
    {
        // git ls-tree lists only the current folder's part of a tree unless told otherwise: from a subfolder, the
        // committed folder looked empty and every grant was reported as added (widening).
        Git("add", "-A");
        Git("commit", "-q", "-m", "new policies");
        var subfolder = Path.Combine(_dir.Path, "policies", "FraudDetection");

        var same = CliRunner.Run(subfolder, "policy", "diff", "HEAD:policies/FraudDetection/iam", "iam");
        Assert.Equal((0, "No policy changes (3 files compared).\n", ""), (same.ExitCode, same.Stdout, same.Stderr));

        var revisions = CliRunner.Run(subfolder, "policy", "diff", "HEAD:policies/FraudDetection/iam", "HEAD:policies/FraudDetection/iam");
        Assert.Equal((0, "No policy changes (3 files compared).\n", ""), (revisions.ExitCode, revisions.Stdout, revisions.Stderr));

        // REV:./path is still relative to the current folder.
        var relative = CliRunner.Run(subfolder, "policy", "diff", "HEAD:./iam", "iam");
        Assert.Equal((0, "No policy changes (3 files compared).\n", ""), (relative.ExitCode, relative.Stdout, relative.Stderr));
    }

    [Fact]
    public void A_missing_path_is_a_clear_error()
    {
        var result = CliRunner.Run(_dir.Path, "policy", "diff", "main:policies/Nope/iam", "policies/FraudDetection/iam");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "error: main:policies/Nope/iam: path 'policies/Nope/iam' does not exist in revision 'main' (the path after the colon is relative to the repository root; use main:./path for one relative to the current folder)\n",
            result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void An_unknown_revision_is_a_clear_error()
    {
        var result = CliRunner.Run(_dir.Path, "policy", "diff", "no-such-branch:policies/FraudDetection/iam", "policies/FraudDetection/iam");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: no-such-branch:policies/FraudDetection/iam: unknown revision 'no-such-branch' in this repository\n", result.Stderr);
    }

    [Fact]
    public void Outside_a_repository_is_a_clear_error()
    {
        using var outside = new TempDir();
        outside.Write("iam/R.policy.json", Scenario.NewJob);
        var result = CliRunner.Run(outside.Path, "policy", "diff", "main:iam", "iam");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: main:iam: not inside a git repository ({outside.Path}); REV:path reads from the repository of the current folder\n", result.Stderr);
    }

    [Fact]
    public void A_broken_policy_in_git_is_named_by_revision_and_path()
    {
        _dir.Write("policies/FraudDetection/iam/FraudDetection-job.policy.json", "{\n  \"Statement\": \n");
        Git("add", "-A");
        Git("commit", "-q", "-m", "broken");
        var result = CliRunner.Run(_dir.Path, "policy", "diff", "HEAD~1:policies/FraudDetection/iam", "HEAD:policies/FraudDetection/iam");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: HEAD:policies/FraudDetection/iam/FraudDetection-job.policy.json: invalid JSON at line 3, position 1: ", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A <c>git</c> planted in the repository being read: an executable script that leaves a marker.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private string PlantGit(string relativeFolder)
    {
        var marker = Path.Combine(_dir.Path, "planted-git-ran");
        var script = _dir.Write(Path.Combine(relativeFolder, "git"), $"#!/bin/sh\ntouch '{marker}'\necho planted\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return marker;
    }

    /// <summary>The absolute folders of this process's PATH that hold a git.</summary>
    private static string RealGitFolders() => string.Join(Path.PathSeparator,
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Where(p => Path.IsPathFullyQualified(p) && File.Exists(Path.Combine(p, "git"))));

    [Fact]
    public void A_git_in_the_current_folder_or_a_relative_path_entry_is_never_run()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the planted script is a shell script
        }

        var marker = PlantGit(".");
        PlantGit("bin");
        var environment = new Sagewright.Cli.Output.CliEnvironment(_dir.Path, StdoutIsTerminal: false, NoColor: null, Term: null)
        {
            SearchPath = string.Join(Path.PathSeparator, ".", "", "bin", RealGitFolders()),
        };

        var result = CliRunner.Run(environment, "policy", "diff", "main:policies/FraudDetection/iam", "policies/FraudDetection/iam");

        Assert.False(File.Exists(marker), "the planted git ran");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("FraudDetection-job.policy.json (modified): 2 added, 2 removed, 1 widening\n", result.Stdout, StringComparison.Ordinal);

        // With only relative entries there is no git to run: an error, and still nothing planted runs.
        var none = CliRunner.Run(environment with { SearchPath = string.Join(Path.PathSeparator, ".", "bin") }, "policy", "diff", "main:policies/FraudDetection/iam", "policies/FraudDetection/iam");
        Assert.False(File.Exists(marker), "the planted git ran");
        Assert.Equal(2, none.ExitCode);
        Assert.Equal("error: main:policies/FraudDetection/iam: reading REV:path needs git, and no git was found in the absolute folders of PATH (relative entries such as '.' are never searched)\n", none.Stderr);
    }

    [Fact]
    public void The_tool_as_a_process_never_runs_a_git_from_its_current_folder()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the planted script is a shell script
        }

        // .NET's launcher looks in the current folder before PATH for a bare "git"; the tool must not let it.
        var marker = PlantGit(".");
        var dotnet = Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) ? Environment.ProcessPath : "/usr/bin/env";
        var tool = typeof(Sagewright.Cli.Program).Assembly.Location;
        string[] arguments = dotnet == "/usr/bin/env"
            ? ["dotnet", tool, "policy", "diff", "main:policies/FraudDetection/iam", "policies/FraudDetection/iam"]
            : [tool, "policy", "diff", "main:policies/FraudDetection/iam", "policies/FraudDetection/iam"];

        var result = ChildProcess.Run(dotnet, _dir.Path, new Dictionary<string, string>
        {
            ["PATH"] = string.Join(Path.PathSeparator, ".", RealGitFolders(), Path.GetDirectoryName(Environment.ProcessPath)!, "/usr/bin", "/bin"),
        }, arguments);

        Assert.False(File.Exists(marker), "the planted git ran");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("FraudDetection-job.policy.json (modified): 2 added, 2 removed, 1 widening\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_committed_file_over_the_size_cap_is_an_error()
    {
        _dir.Write("policies/big/R.policy.json", Scenario.NewJob + new string(' ', 10 * 1024 * 1024));
        Git("add", "-A");
        Git("commit", "-q", "-m", "big");

        var file = CliRunner.Run(_dir.Path, "policy", "diff", "HEAD:policies/big/R.policy.json", "policies/FraudDetection/iam/FraudDetection-job.policy.json");
        Assert.Equal(2, file.ExitCode);
        Assert.Equal("error: HEAD:policies/big/R.policy.json: larger than 10 MiB, the most policy diff reads from one file\n", file.Stderr);

        var folder = CliRunner.Run(_dir.Path, "policy", "diff", "HEAD:policies/big", "policies/FraudDetection/iam");
        Assert.Equal(2, folder.ExitCode);
        Assert.Equal("error: HEAD:policies/big/R.policy.json: larger than 10 MiB, the most policy diff reads from one file\n", folder.Stderr);
    }
}
