using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

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

        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        var objectName = revision + ":" + trimmed;
        var type = Git(workingDirectory, argument, "cat-file", "-t", objectName);
        if (type.ExitCode != 0)
        {
            throw NotFound(argument, revision, trimmed, workingDirectory);
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

    /// <summary>Why <c>REV:path</c> did not resolve: not a repository, an unknown revision, or a missing path. Asked
    /// only after the lookup failed, so a good argument costs no extra git runs.</summary>
    private static CliException NotFound(string argument, string revision, string trimmed, string workingDirectory)
    {
        if (Git(workingDirectory, argument, "rev-parse", "--git-dir").ExitCode != 0)
        {
            return new CliException($"{argument}: not inside a git repository ({workingDirectory}); REV:path reads from the repository of the current folder");
        }

        if (revision.Length > 0 && Git(workingDirectory, argument, "rev-parse", "--verify", "--quiet", revision + "^{tree}").ExitCode != 0)
        {
            return new CliException($"{argument}: unknown revision '{revision}' in this repository");
        }

        var where = revision.Length == 0 ? "the index" : $"revision '{revision}'";
        return new CliException($"{argument}: path '{trimmed}' does not exist in {where} (the path after the colon is relative to the repository root; use {revision}:./path for one relative to the current folder)");
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
            if (header.Length == 3 && header[1] == "blob" && PolicySource.IsComparedFileName(fileName))
            {
                entries.Add((relative, header[2]));
            }
        }

        entries.Sort((a, b) => StringComparer.Ordinal.Compare(a.Relative, b.Relative));
        var displays = entries.Select(e => PolicySource.JoinDisplay(argument, e.Relative)).ToArray();
        var contents = Blobs(workingDirectory, argument, displays, entries.Select(e => e.ObjectId).ToArray());
        var files = entries.Select((e, i) => new PolicyFile(e.Relative, displays[i], contents[i])).ToArray();
        return new PolicySet(argument, true, files);
    }

    /// <summary>The contents of many blobs (by object id) from one <c>git cat-file --batch</c>: each answer is
    /// "&lt;id&gt; blob &lt;size&gt;\n", the bytes, and "\n", in the order asked.</summary>
    private static byte[][] Blobs(string workingDirectory, string argument, string[] displays, string[] objectIds)
    {
        if (objectIds.Length == 0)
        {
            return [];
        }

        var result = Git(workingDirectory, argument, Encoding.ASCII.GetBytes(string.Concat(objectIds.Select(id => id + "\n"))), "cat-file", "--batch");
        if (result.ExitCode != 0)
        {
            throw new CliException($"{argument}: git cat-file failed: {FirstLine(result.Error)}");
        }

        var output = result.Output;
        var contents = new byte[objectIds.Length][];
        var position = 0;
        for (var i = 0; i < objectIds.Length; i++)
        {
            var end = Array.IndexOf(output, (byte)'\n', position);
            var header = end < 0 ? "" : Encoding.UTF8.GetString(output, position, end - position);
            var fields = header.Split(' ');
            if (fields.Length != 3 || fields[1] != "blob" || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                || end + 1 + size > output.Length)
            {
                throw new CliException($"{displays[i]}: git cat-file failed: {(header.Length == 0 ? "no answer" : header)}");
            }

            contents[i] = output[(end + 1)..(end + 1 + size)];
            position = end + 1 + size + 1;
        }

        return contents;
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

    private static Result Git(string workingDirectory, string argument, params string[] arguments) =>
        Git(workingDirectory, argument, [], arguments);

    private static Result Git(string workingDirectory, string argument, byte[] input, params string[] arguments)
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
            // Written on its own task so a large answer on stdout cannot block git while it still reads its input.
            var writing = Task.Run(() =>
            {
                try
                {
                    using var stdin = process.StandardInput.BaseStream;
                    stdin.Write(input);
                }
                catch (IOException)
                {
                    // git stopped reading (it failed): its exit code and stderr say why.
                }
            });
            var error = process.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            writing.GetAwaiter().GetResult();
            return new Result(process.ExitCode, output.ToArray(), error.GetAwaiter().GetResult());
        }
    }
}
