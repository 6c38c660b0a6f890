using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Sagewright.Cli.Sources;

/// <summary>One policy file's bytes. <see cref="RelativePath"/> (with <c>/</c>) pairs files of two folders;
/// <see cref="DisplayPath"/> is what messages and reports show (the argument joined with the relative path,
/// or <c>REV:path</c>).</summary>
public sealed record PolicyFile(string RelativePath, string DisplayPath, byte[] Content);

/// <summary>What a diff argument named: one file, or the policy files of a folder (on disk or in git).
/// <see cref="Reports"/> holds the <c>report.md</c> files found with them, by folder relative path (<c>""</c> for the
/// top folder, or for the folder of a single file).</summary>
public sealed record PolicySet(string Argument, bool IsFolder, IReadOnlyList<PolicyFile> Files)
{
    public const string ReportFileName = "report.md";

    public IReadOnlyDictionary<string, byte[]> Reports { get; init; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <summary>The <c>report.json</c> files found with the policies (the reasons as data), keyed like
    /// <see cref="Reports"/>; read in preference to report.md.</summary>
    public IReadOnlyDictionary<string, byte[]> JsonReports { get; init; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <summary>The report.json beside <paramref name="file"/>, or null.</summary>
    public byte[]? JsonReportFor(PolicyFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var slash = file.RelativePath.LastIndexOf('/');
        var folder = IsFolder && slash >= 0 ? file.RelativePath[..slash] : "";
        return JsonReports.TryGetValue(folder, out var report) ? report : null;
    }

    /// <summary>The report.md beside <paramref name="file"/>, or null.</summary>
    public byte[]? ReportFor(PolicyFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var slash = file.RelativePath.LastIndexOf('/');
        var folder = IsFolder && slash >= 0 ? file.RelativePath[..slash] : "";
        return Reports.TryGetValue(folder, out var report) ? report : null;
    }

    /// <summary>The files of a listing (relative paths with <c>/</c>) split into the compared files and the reports,
    /// which are keyed by their folder.</summary>
    public static PolicySet FromListing(string argument, IEnumerable<PolicyFile> listed)
    {
        var files = new List<PolicyFile>();
        var reports = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var jsonReports = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in listed)
        {
            var slash = file.RelativePath.LastIndexOf('/');
            if (string.Equals(file.RelativePath[(slash + 1)..], ReportFileName, StringComparison.Ordinal))
            {
                reports[slash < 0 ? "" : file.RelativePath[..slash]] = file.Content;
            }
            else if (string.Equals(file.RelativePath[(slash + 1)..], Explain.ReportJson.FileName, StringComparison.Ordinal))
            {
                jsonReports[slash < 0 ? "" : file.RelativePath[..slash]] = file.Content;
            }
            else
            {
                files.Add(file);
            }
        }

        return new PolicySet(argument, true, files) { Reports = reports, JsonReports = jsonReports };
    }
}

/// <summary>Resolves a diff argument: a path on disk (file or folder), or <c>REV:path</c> read from git.</summary>
public static class PolicySource
{
    /// <summary>The files a folder comparison looks at: identity policies and trust policies.</summary>
    public static bool IsPolicyFileName(string name) =>
        name.EndsWith(".policy.json", StringComparison.Ordinal) || name.EndsWith(".trust.json", StringComparison.Ordinal);

    /// <summary>The files a folder comparison reads: the policies and <c>roles.json</c>.</summary>
    public static bool IsComparedFileName(string name) => IsPolicyFileName(name) || Diff.RolesDocument.IsRolesFileName(name);

    /// <summary>The files a folder comparison reads: the compared files, <c>report.json</c> and <c>report.md</c> (for
    /// the reasons of added grants).</summary>
    public static bool IsReadFileName(string name) => IsComparedFileName(name) || string.Equals(name, PolicySet.ReportFileName, StringComparison.Ordinal)
        || string.Equals(name, Explain.ReportJson.FileName, StringComparison.Ordinal);

    /// <summary>A path on disk, else <c>REV:path</c>; <paramref name="searchPath"/> is the PATH git is found in (null
    /// for the process's own).</summary>
    public static PolicySet Resolve(string argument, string workingDirectory, string role, string? searchPath = null)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (argument.Length == 0)
        {
            throw new CliException($"{role} is empty: expected a policy file, a folder, or REV:path");
        }

        var full = Path.GetFullPath(argument, workingDirectory);
        if (File.Exists(full))
        {
            var set = new PolicySet(argument, false, [new PolicyFile(Path.GetFileName(full), argument, ReadFile(full, argument))]);
            var report = Path.Combine(Path.GetDirectoryName(full) ?? ".", PolicySet.ReportFileName);
            var jsonReport = Path.Combine(Path.GetDirectoryName(full) ?? ".", Explain.ReportJson.FileName);
            return set with
            {
                Reports = File.Exists(report)
                    ? new Dictionary<string, byte[]>(StringComparer.Ordinal) { [""] = ReadFile(report, Explain.RoleContext.Sibling(argument, PolicySet.ReportFileName)) }
                    : set.Reports,
                JsonReports = File.Exists(jsonReport)
                    ? new Dictionary<string, byte[]>(StringComparer.Ordinal) { [""] = ReadFile(jsonReport, Explain.RoleContext.Sibling(argument, Explain.ReportJson.FileName)) }
                    : set.JsonReports,
            };
        }

        if (Directory.Exists(full))
        {
            return ReadFolder(argument, full);
        }

        if (IsGitForm(argument, out var revision, out var path))
        {
            return GitSource.Read(argument, revision, path, workingDirectory, searchPath);
        }

        throw new CliException($"{argument}: no such file or folder ({role} must be a policy file, a folder, or REV:path such as main:policies/iam)");
    }

    /// <summary><c>REV:path</c>, but not a Windows drive path such as <c>C:\policies</c>.</summary>
    public static bool IsGitForm(string argument, out string revision, out string path)
    {
        var colon = argument.IndexOf(':', StringComparison.Ordinal);
        var isDrive = colon == 1 && char.IsAsciiLetter(argument[0]) && OperatingSystem.IsWindows();
        if (colon < 0 || isDrive)
        {
            revision = path = "";
            return false;
        }

        revision = argument[..colon];
        path = argument[(colon + 1)..];
        return true;
    }

    private static PolicySet ReadFolder(string argument, string full)
    {
        var files = InputFiles.List(full, argument, IsReadFileName)
            .Order(StringComparer.Ordinal)
            .Select(relative =>
            {
                var display = JoinDisplay(argument, relative);
                return new PolicyFile(relative, display, ReadFile(Path.Combine(full, relative), display));
            })
            .ToArray();
        return PolicySet.FromListing(argument, files);
    }

    internal static string JoinDisplay(string folder, string relative) =>
        folder.EndsWith('/') || folder.EndsWith(Path.DirectorySeparatorChar) || folder.EndsWith(':') ? folder + relative : folder + "/" + relative;

    /// <summary>A regular file of at most <see cref="InputFiles.MaxBytes"/>.</summary>
    internal static byte[] ReadFile(string full, string display) => InputFiles.Read(full, display);
}
