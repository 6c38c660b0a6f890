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
    public static PolicySet Read(string argument, string revision, string path, string workingDirectory, string? searchPath = null)
    {
        if (revision.StartsWith('-'))
        {
            throw new CliException($"{argument}: '{revision}' is not a revision");
        }

        var git = new GitProcess(workingDirectory, FindGit(searchPath ?? Environment.GetEnvironmentVariable("PATH"), argument));

        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        var objectName = revision + ":" + trimmed;
        var type = git.Run(argument, "cat-file", "-t", objectName);
        if (type.ExitCode != 0)
        {
            throw NotFound(argument, revision, trimmed, git);
        }

        switch (type.Text.Trim())
        {
            case "blob":
                var name = trimmed.Contains('/', StringComparison.Ordinal) ? trimmed[(trimmed.LastIndexOf('/') + 1)..] : trimmed;
                return new PolicySet(argument, false, [new PolicyFile(name, argument, Blob(git, argument, objectName))]);
            case "tree":
                return ReadTree(argument, objectName, git);
            default:
                throw new CliException($"{argument}: is a git {Printable(type.Text.Trim())}, not a file or a folder");
        }
    }

    /// <summary>Why <c>REV:path</c> did not resolve: not a repository, an unknown revision, or a missing path. Asked
    /// only after the lookup failed, so a good argument costs no extra git runs.</summary>
    private static CliException NotFound(string argument, string revision, string trimmed, GitProcess git)
    {
        if (git.Run(argument, "rev-parse", "--git-dir").ExitCode != 0)
        {
            return new CliException($"{argument}: not inside a git repository ({git.WorkingDirectory}); REV:path reads from the repository of the current folder");
        }

        if (revision.Length > 0 && git.Run(argument, "rev-parse", "--verify", "--quiet", revision + "^{tree}").ExitCode != 0)
        {
            return new CliException($"{argument}: unknown revision '{revision}' in this repository");
        }

        var where = revision.Length == 0 ? "the index" : $"revision '{revision}'";
        return new CliException($"{argument}: path '{trimmed}' does not exist in {where} (the path after the colon is relative to the repository root; use {revision}:./path for one relative to the current folder)");
    }

    private static PolicySet ReadTree(string argument, string objectName, GitProcess git)
    {
        // --full-tree: without it, ls-tree run from a subfolder of the repository lists only the entries under that
        // subfolder's path, whatever tree it is given (from a subfolder, every grant would look added).
        var listing = git.Run(argument, "ls-tree", "--full-tree", "-r", "-l", "-z", objectName);
        if (listing.ExitCode != 0)
        {
            throw new CliException($"{argument}: git ls-tree failed: {FirstLine(listing.Error)}");
        }

        var entries = new List<(string Relative, string ObjectId, long Size)>();
        foreach (var entry in listing.Text.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<mode> SP <type> SP <object> SP+ <size> TAB <path>"; anything else is not an answer to use.
            var tab = entry.IndexOf('\t', StringComparison.Ordinal);
            var header = tab < 0 ? [] : entry[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (header.Length != 4 || tab == entry.Length - 1)
            {
                throw new CliException($"{argument}: git ls-tree printed an entry this tool cannot read: {Printable(entry)}");
            }

            var relative = entry[(tab + 1)..];
            var fileName = relative[(relative.LastIndexOf('/') + 1)..];
            if (header[1] != "blob" || !PolicySource.IsReadFileName(fileName))
            {
                continue;
            }

            if (!IsObjectId(header[2]) || !long.TryParse(header[3], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                throw new CliException($"{argument}: git ls-tree printed an entry this tool cannot read: {Printable(entry)}");
            }

            if (size > InputFiles.MaxBytes)
            {
                throw InputFiles.TooLarge(PolicySource.JoinDisplay(argument, relative));
            }

            entries.Add((relative, header[2], size));
        }

        entries.Sort((a, b) => StringComparer.Ordinal.Compare(a.Relative, b.Relative));
        var displays = entries.Select(e => PolicySource.JoinDisplay(argument, e.Relative)).ToArray();
        var contents = Blobs(git, argument, displays, entries.Select(e => e.ObjectId).ToArray(), entries.Sum(e => e.Size));
        return PolicySet.FromListing(argument, entries.Select((e, i) => new PolicyFile(e.Relative, displays[i], contents[i])));
    }

    private static bool IsObjectId(string text) => text.Length is 40 or 64 && text.All(char.IsAsciiHexDigit);

    /// <summary>The contents of many blobs (by object id) from one <c>git cat-file --batch</c>: each answer is
    /// "&lt;id&gt; blob &lt;size&gt;\n", the bytes, and "\n", in the order asked.</summary>
    private static byte[][] Blobs(GitProcess git, string argument, string[] displays, string[] objectIds, long totalSize)
    {
        if (objectIds.Length == 0)
        {
            return [];
        }

        var result = git.Run(argument, Encoding.ASCII.GetBytes(string.Concat(objectIds.Select(id => id + "\n"))), totalSize + (objectIds.Length * 128L), "cat-file", "--batch");
        if (result.ExitCode != 0)
        {
            throw new CliException($"{argument}: git cat-file failed: {FirstLine(result.Error)}");
        }

        var output = result.Output;
        var contents = new byte[objectIds.Length][];
        var position = 0;
        for (var i = 0; i < objectIds.Length; i++)
        {
            var end = position < output.Length ? Array.IndexOf(output, (byte)'\n', position) : -1;
            var header = end < 0 ? "" : Encoding.UTF8.GetString(output, position, Math.Min(end - position, 200));
            var fields = header.Split(' ');
            if (fields.Length != 3 || fields[1] != "blob" || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                || size > InputFiles.MaxBytes || end + 1L + size > output.Length)
            {
                throw new CliException($"{displays[i]}: git cat-file failed: {(header.Length == 0 ? "no answer" : Printable(header))}");
            }

            contents[i] = output[(end + 1)..(end + 1 + size)];
            position = end + 1 + size + 1;
        }

        return contents;
    }

    private static byte[] Blob(GitProcess git, string display, string objectName)
    {
        var size = git.Run(display, "cat-file", "-s", objectName);
        if (size.ExitCode != 0 || !long.TryParse(size.Text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
        {
            throw new CliException($"{display}: git cat-file failed: {FirstLine(size.Error.Length > 0 ? size.Error : size.Text)}");
        }

        if (bytes > InputFiles.MaxBytes)
        {
            throw InputFiles.TooLarge(display);
        }

        var result = git.Run(display, [], InputFiles.MaxBytes, "cat-file", "blob", objectName);
        if (result.ExitCode != 0)
        {
            throw new CliException($"{display}: git cat-file failed: {FirstLine(result.Error)}");
        }

        return result.Output;
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return line is null ? "no message" : Printable(line);
    }

    /// <summary>git's text in a message: at most 200 characters, control characters escaped.</summary>
    private static string Printable(string text) =>
        Output.ControlCharacters.Escape(text.Length > 200 ? text[..200] + "…" : text);

    /// <summary>The git executable: the first <c>git</c> (<c>git.exe</c> on Windows) in an entry of
    /// <paramref name="searchPath"/> that is an absolute path. Empty and relative entries (<c>.</c>, <c>bin</c>) are
    /// skipped, so a <c>git</c> in the current folder, the repository being read, is never run; the result is
    /// started by its full path, so the process launcher does not search either.</summary>
    public static string FindGit(string? searchPath, string argument)
    {
        var name = OperatingSystem.IsWindows() ? "git.exe" : "git";
        foreach (var entry in (searchPath ?? "").Split(Path.PathSeparator))
        {
            var folder = entry.Trim().Trim('"');
            if (folder.Length == 0 || !Path.IsPathFullyQualified(folder))
            {
                continue;
            }

            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || IsExecutable(candidate)))
            {
                return candidate;
            }
        }

        throw new CliException($"{argument}: reading REV:path needs git, and no {name} was found in the absolute folders of PATH (relative entries such as '.' are never searched)");
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool IsExecutable(string path)
    {
        try
        {
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            return (File.GetUnixFileMode(path) & execute) != 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private sealed record Result(int ExitCode, byte[] Output, string Error)
    {
        public string Text => Encoding.UTF8.GetString(Output);
    }

    /// <summary>Runs the git found by <see cref="FindGit"/> in the working directory.</summary>
    private sealed class GitProcess(string workingDirectory, string executable)
    {
        /// <summary>The most any answer but a blob batch may print (listings of large trees stay far below it).</summary>
        private const long MaxOutput = 64L * 1024 * 1024;

        public string WorkingDirectory => workingDirectory;

        public Result Run(string argument, params string[] arguments) => Run(argument, [], MaxOutput, arguments);

        public Result Run(string argument, byte[] input, long maxOutput, params string[] arguments)
        {
            var start = new ProcessStartInfo(executable)
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
                process = Process.Start(start) ?? throw new CliException($"{argument}: could not start git ({executable})");
            }
            catch (Win32Exception ex)
            {
                throw new CliException($"{argument}: reading REV:path needs git, which could not be started ({executable}: {ex.Message})", ex);
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
                        // git stopped reading (it failed, or was stopped): its exit code and stderr say why.
                    }
                });
                var error = process.StandardError.ReadToEndAsync();
                using var output = new MemoryStream();
                var buffer = new byte[81920];
                int read;
                while ((read = process.StandardOutput.BaseStream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    output.Write(buffer, 0, read);
                    if (output.Length > maxOutput)
                    {
                        process.Kill(entireProcessTree: true);
                        process.WaitForExit();
                        throw new CliException($"{argument}: git printed more than expected ({maxOutput.ToString(CultureInfo.InvariantCulture)} bytes); stopped it");
                    }
                }

                process.WaitForExit();
                writing.GetAwaiter().GetResult();
                return new Result(process.ExitCode, output.ToArray(), error.GetAwaiter().GetResult());
            }
        }
    }
}
