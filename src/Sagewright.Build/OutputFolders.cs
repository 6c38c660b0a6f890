using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Sagewright.Build;

/// <summary>Removes the folders Sagewright created for its files once they are empty: every folder between a written
/// file and the output folder, deepest first, and never a folder that still holds anything (a file Sagewright did not
/// write keeps its folder and the folders above it).</summary>
internal static class OutputFolders
{
    /// <param name="root">The output folder (<c>$(OutDir)sagemaker</c>).</param>
    /// <param name="files">Paths relative to <paramref name="root"/>, with forward slashes, as the state file lists them.</param>
    /// <param name="includeRoot">Also remove <paramref name="root"/> when it ends up empty (clean), not only the
    /// folders under it (a rename, where the other pipelines' folders stay).</param>
    public static void RemoveEmpty(string root, IEnumerable<string> files, bool includeRoot, TaskLoggingHelper log)
    {
        root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var directory = Path.GetDirectoryName(Path.Combine(root, file.Replace('/', Path.DirectorySeparatorChar)));
            while (directory is not null && directory.Length > root.Length && directory.StartsWith(root, StringComparison.Ordinal))
            {
                folders.Add(directory);
                directory = Path.GetDirectoryName(directory);
            }
        }

        if (includeRoot)
        {
            folders.Add(root);
        }

        // Deepest first, so a parent is looked at after all of its children.
        foreach (var folder in folders.OrderByDescending(f => f.Length).ThenBy(f => f, StringComparer.Ordinal))
        {
            try
            {
                if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    Directory.Delete(folder);
                    log.LogMessage(MessageImportance.Normal, "Sagewright: removed the empty folder {0}", folder);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                log.LogWarning("Sagewright: could not remove the folder '{0}': {1}", folder, ex.Message);
            }
        }
    }
}

/// <summary>Runs after <c>CoreClean</c>: removes what the state file (read before the clean deleted it) lists as
/// written, if the clean left it, and then the folders that held it once they are empty.</summary>
public sealed class RemoveSagewrightOutput : Task
{
    /// <summary>The folder the files were written to, normally <c>$(OutDir)sagemaker</c>.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>The lines of the state file: the written files, relative to <see cref="OutputDirectory"/>.</summary>
    public string[] Files { get; set; } = Array.Empty<string>();

    public override bool Execute()
    {
        var root = Path.GetFullPath(OutputDirectory);
        var files = Files.Where(WriteSagemakerArtifacts.IsSafeRelativePath).ToList();
        foreach (var file in files)
        {
            var path = Path.Combine(root, file.Replace('/', Path.DirectorySeparatorChar));
            try
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                    Log.LogMessage(MessageImportance.Normal, "Sagewright: removed {0}", path);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.LogWarning("Sagewright: could not remove '{0}': {1}", path, ex.Message);
            }
        }

        OutputFolders.RemoveEmpty(root, files, includeRoot: true, Log);
        return true;
    }
}
