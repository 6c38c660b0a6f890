using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Sagewright.Cli.Sources;

/// <summary>One policy file's bytes. <see cref="RelativePath"/> (with <c>/</c>) pairs files of two folders;
/// <see cref="DisplayPath"/> is what messages and reports show (the argument joined with the relative path,
/// or <c>REV:path</c>).</summary>
public sealed record PolicyFile(string RelativePath, string DisplayPath, byte[] Content);

/// <summary>What a diff argument named: one file, or the policy files of a folder (on disk or in git).</summary>
public sealed record PolicySet(string Argument, bool IsFolder, IReadOnlyList<PolicyFile> Files);

/// <summary>Resolves a diff argument: a path on disk (file or folder), or <c>REV:path</c> read from git.</summary>
public static class PolicySource
{
    /// <summary>The files a folder comparison looks at: identity policies and trust policies.</summary>
    public static bool IsPolicyFileName(string name) =>
        name.EndsWith(".policy.json", StringComparison.Ordinal) || name.EndsWith(".trust.json", StringComparison.Ordinal);

    /// <summary>The files a folder comparison reads: the policies and <c>roles.json</c>.</summary>
    public static bool IsComparedFileName(string name) => IsPolicyFileName(name) || Diff.RolesDocument.IsRolesFileName(name);

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
            return new PolicySet(argument, false, [new PolicyFile(Path.GetFileName(full), argument, ReadFile(full, argument))]);
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
        var files = InputFiles.List(full, argument, IsComparedFileName)
            .Order(StringComparer.Ordinal)
            .Select(relative =>
            {
                var display = JoinDisplay(argument, relative);
                return new PolicyFile(relative, display, ReadFile(Path.Combine(full, relative), display));
            })
            .ToArray();
        return new PolicySet(argument, true, files);
    }

    internal static string JoinDisplay(string folder, string relative) =>
        folder.EndsWith('/') || folder.EndsWith(Path.DirectorySeparatorChar) || folder.EndsWith(':') ? folder + relative : folder + "/" + relative;

    /// <summary>A regular file of at most <see cref="InputFiles.MaxBytes"/>.</summary>
    internal static byte[] ReadFile(string full, string display) => InputFiles.Read(full, display);
}
