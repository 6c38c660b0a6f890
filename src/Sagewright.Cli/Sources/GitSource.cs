using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace Sagewright.Cli.Sources;

/// <summary>Reads <c>REV:path</c> from the git repository of the working directory, with git's own
/// plumbing (<c>rev-parse</c>, <c>cat-file</c>, <c>ls-tree</c>). The path after the colon is relative
/// to the repository root, as in <c>git show REV:path</c> (<c>REV:./path</c> is relative to the
/// working directory).</summary>
public static class GitSource
{
    public static PolicySet Read(string argument, string revision, string path, string workingDirectory)
    {
        if (revision.StartsWith('-'))
        {
            throw new CliException($"{argument}: '{revision}' is not a revision");
        }

        var gitDir = Git(workingDirectory, argument, "rev-parse", "--git-dir");
        if (gitDir.ExitCode != 0)
        {
            throw new CliException($"{argument}: not inside a git repository ({workingDirectory}); REV:path reads from the repository of the current folder");
        }

        if (revision.Length > 0 && Git(workingDirectory, argument, "rev-parse", "--verify", "--quiet", revision + "^{tree}").ExitCode != 0)
        {
            throw new CliException($"{argument}: unknown revision '{revision}' in this repository");
        }

        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        var objectName = revision + ":" + trimmed;
        var type = Git(workingDirectory, argument, "cat-file", "-t", objectName);
        if (type.ExitCode != 0)
        {
            var where = revision.Length == 0 ? "the index" : $"revision '{revision}'";
            throw new CliException($"{argument}: path '{trimmed}' does not exist in {where} (the path after the colon is relative to the repository root; use {revision}:./path for one relative to the current folder)");
        }

        switch (type.Text.Trim())
        {
            case "blob":
                var name = trimmed.Contains('/', StringComparison.Ordinal) ? trimmed[(trimmed.LastIndexOf('/') + 1)..] : trimmed;
                return new PolicySet(argument, false, [new PolicyFile(name, argument, Blob(workingDirectory, argument, objectName))]);
            case "tree":
                return ReadTree(argument, objectName, workingDirectory);
            default:
                throw new CliException($"{argument}: is a git {type.Text.Trim()}, not a file or a folder");
        }
    }

    private static PolicySet ReadTree(string argument, string objectName, string workingDirectory)
    {
        var listing = Git(workingDirectory, argument, "ls-tree", "-r", "-z", objectName);
        if (listing.ExitCode != 0)
        {
            throw new CliException($"{argument}: git ls-tree failed: {FirstLine(listing.Error)}");
        }

        var entries = new List<(string Relative, string ObjectId)>();
        foreach (var entry in listing.Text.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<mode> SP <type> SP <object> TAB <path>"
            var tab = entry.IndexOf('\t', StringComparison.Ordinal);
            var header = entry[..tab].Split(' ');
            var relative = entry[(tab + 1)..];
            var fileName = relative[(relative.LastIndexOf('/') + 1)..];
            if (header.Length == 3 && header[1] == "blob" && PolicySource.IsPolicyFileName(fileName))
            {
                entries.Add((relative, header[2]));
            }
        }

        var files = entries
            .OrderBy(e => e.Relative, StringComparer.Ordinal)
            .Select(e =>
            {
                var display = PolicySource.JoinDisplay(argument, e.Relative);
                return new PolicyFile(e.Relative, display, Blob(workingDirectory, display, e.ObjectId));
            })
            .ToArray();
        return new PolicySet(argument, true, files);
    }

    private static byte[] Blob(string workingDirectory, string display, string objectName)
    {
        var result = Git(workingDirectory, display, "cat-file", "blob", objectName);
        if (result.ExitCode != 0)
        {
            throw new CliException($"{display}: git cat-file failed: {FirstLine(result.Error)}");
        }

        return result.Output;
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return line ?? "no message";
    }

    private sealed record Result(int ExitCode, byte[] Output, string Error)
    {
        public string Text => Encoding.UTF8.GetString(Output);
    }

    private static Result Git(string workingDirectory, string argument, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var value in arguments)
        {
            start.ArgumentList.Add(value);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        start.Environment["LC_ALL"] = "C";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CliException($"{argument}: could not start git");
        }
        catch (Win32Exception ex)
        {
            throw new CliException($"{argument}: reading REV:path needs git, which could not be started ({ex.Message})", ex);
        }

        using (process)
        {
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            return new Result(process.ExitCode, output.ToArray(), error.GetAwaiter().GetResult());
        }
    }
}
