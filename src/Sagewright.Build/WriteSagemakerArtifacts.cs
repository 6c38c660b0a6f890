using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Sagewright.Build;

/// <summary>Writes the generated pipeline files under <c>$(OutDir)sagemaker/</c>. A file is rewritten only
/// when its content changed (so timestamps mean something), each write goes through a temporary file
/// and a rename (a failed build never leaves half a file), and files this task wrote before that are no
/// longer generated are removed, unless the generator failed: then the files of the last successful build are
/// kept (all of them when the generator did not run to completion, those of a pipeline that failed otherwise).</summary>
public sealed class WriteSagemakerArtifacts : Task
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The folder the compiler wrote this generator's sources to
    /// (<c>$(CompilerGeneratedFilesOutputPath)/Sagewright.Compiler/Sagewright.Compiler.Generator.PipelineGenerator</c>).</summary>
    [Required]
    public string GeneratedDirectory { get; set; } = string.Empty;

    /// <summary>A file in obj/ holding the time (UTC ticks) the last compile started, written only when the compiler
    /// ran: an index older than that was left by an earlier compile, so the generator did not complete this time.</summary>
    public string? CompileStateFile { get; set; }

    /// <summary>Touched after every successful run; the target's output, so that a build with nothing new skips it
    /// (and the task-host process) altogether.</summary>
    public string? StampFile { get; set; }

    /// <summary>The folder to write into, normally <c>$(OutDir)sagemaker</c>.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>A file in obj/ that remembers what was written, to remove stale files later.</summary>
    [Required]
    public string StateFile { get; set; } = string.Empty;

    /// <summary>Every file that is now part of the output (for <c>FileWrites</c>, so <c>dotnet clean</c> removes them).</summary>
    [Output]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        ArtifactManifest manifest;
        try
        {
            manifest = IndexIsStale() ? ArtifactManifest.NotRun : ArtifactReader.ReadDirectory(GeneratedDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // InvalidDataException: a source edited by hand, cut short or from another compile.
            Log.LogError(null, "SGWB002", null, GeneratedDirectory, 0, 0, 0, 0,
                "Sagewright: could not read the generated pipeline files from '{0}': {1}. Rebuild the project (dotnet build --no-incremental).", GeneratedDirectory, ex.Message);
            return false;
        }

        var artifacts = manifest.Files;
        foreach (var pipeline in manifest.Invalid)
        {
            Log.LogWarning(null, "SGWB005", null, GeneratedDirectory, 0, 0, 0, 0,
                "Sagewright: pipeline '{0}' was not written because it has errors ({1}) that are suppressed in source; fix them to get its files.", pipeline.Key, pipeline.Value);
        }

        foreach (var pipeline in manifest.Failed)
        {
            Log.LogWarning(null, "SGWB007", null, GeneratedDirectory, 0, 0, 0, 0,
                "Sagewright: could not compile pipeline '{0}' ({1}); the files of its last successful build are kept.", pipeline.Key, pipeline.Value);
        }

        if (!manifest.GeneratorRan)
        {
            Log.LogWarning(null, "SGWB006", null, GeneratedDirectory, 0, 0, 0, 0,
                "Sagewright: the generator did not run to completion (see the compiler's CS8785 warning); the pipeline files of the last successful build are kept.");
        }

        var root = Path.GetFullPath(OutputDirectory);
        var written = new List<ITaskItem>();
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var artifact in artifacts.Select(a => (a.Key, Text: a.Value, Binary: false)).Concat(manifest.Binaries.Select(b => (b.Key, Text: b.Value, Binary: true))))
        {
            if (!IsSafeRelativePath(artifact.Key))
            {
                Log.LogWarning(null, "SGWB003", null, GeneratedDirectory, 0, 0, 0, 0, "Sagewright: skipped a generated file with an unsafe path '{0}'.", artifact.Key);
                continue;
            }

            var path = Path.Combine(root, artifact.Key.Replace('/', Path.DirectorySeparatorChar));
            current.Add(artifact.Key);
            try
            {
                if (artifact.Binary ? WriteIfChanged(path, Convert.FromBase64String(artifact.Text)) : WriteIfChanged(path, artifact.Text))
                {
                    Log.LogMessage(MessageImportance.High, "Sagewright: wrote {0}", path);
                }
                else
                {
                    Log.LogMessage(MessageImportance.Low, "Sagewright: {0} is up to date", path);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                Log.LogError(null, "SGWB004", null, path, 0, 0, 0, 0, "Sagewright: could not write '{0}': {1}", path, ex.Message);
                return false;
            }

            written.Add(new TaskItem(path));
        }

        // Files of the last successful build are kept when the generator failed: all of them when it did not run to
        // completion, those of a failed pipeline otherwise. They stay in the state and in FileWrites (so that an
        // incremental clean does not remove them either).
        foreach (var kept in Previous().Where(p => !current.Contains(p) && (!manifest.GeneratorRan || manifest.Failed.Keys.Any(name => p.StartsWith(name + "/", StringComparison.Ordinal)))))
        {
            var path = Path.Combine(root, kept.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(path))
            {
                current.Add(kept);
                written.Add(new TaskItem(path));
                Log.LogMessage(MessageImportance.Normal, "Sagewright: kept {0} from the last successful build", path);
            }
        }

        RemoveStale(root, current);
        SaveState(current);
        Files = written.ToArray();
        if (!Log.HasLoggedErrors && !string.IsNullOrEmpty(StampFile))
        {
            try
            {
                File.WriteAllText(StampFile, string.Empty);
                File.SetLastWriteTimeUtc(StampFile, DateTime.UtcNow);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.LogWarning("Sagewright: could not write '{0}': {1}", StampFile, ex.Message);
            }
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>True when the last compile started after the index was written: the compiler wrote no index this
    /// time, so the generator did not complete, and the index on disk is an earlier compile's. (Allows a second for
    /// file systems with coarse timestamps.)</summary>
    private bool IndexIsStale()
    {
        var index = Path.Combine(GeneratedDirectory, ArtifactReader.IndexHintName);
        if (string.IsNullOrEmpty(CompileStateFile) || !File.Exists(CompileStateFile) || !File.Exists(index))
        {
            return false;
        }

        var text = File.ReadAllText(CompileStateFile).Trim();
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var started)
            && File.GetLastWriteTimeUtc(index).Ticks < started - TimeSpan.TicksPerSecond;
    }

    internal static bool WriteIfChanged(string path, string content) => WriteIfChanged(path, Utf8NoBom.GetBytes(content));

    internal static bool WriteIfChanged(string path, byte[] bytes)
    {
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            if (File.Exists(path))
            {
                File.Replace(temporary, path, null);
            }
            else
            {
                File.Move(temporary, path);
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        return true;
    }

    /// <summary>The files the last run wrote (from the state file), or none.</summary>
    private IEnumerable<string> Previous()
    {
        try
        {
            return File.Exists(StateFile) ? File.ReadAllLines(StateFile).Where(l => l.Length > 0 && IsSafeRelativePath(l)).ToList() : new List<string>();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogWarning("Sagewright: could not read '{0}': {1}", StateFile, ex.Message);
            return new List<string>();
        }
    }

    private void RemoveStale(string root, HashSet<string> current)
    {
        var removed = new List<string>();
        foreach (var previous in Previous().Where(l => !current.Contains(l)))
        {
            var path = Path.Combine(root, previous.Replace('/', Path.DirectorySeparatorChar));
            removed.Add(previous);
            try
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                    Log.LogMessage(MessageImportance.Normal, "Sagewright: removed {0}, which is no longer generated", path);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.LogWarning("Sagewright: could not remove stale file '{0}': {1}", path, ex.Message);
            }
        }

        // After all the files, so that a folder is looked at once everything in it that went stale is gone.
        OutputFolders.RemoveEmpty(root, removed, includeRoot: false, Log);
    }

    private void SaveState(HashSet<string> current)
    {
        var content = string.Join("\n", current.OrderBy(p => p, StringComparer.Ordinal)) + "\n";
        try
        {
            WriteIfChanged(Path.GetFullPath(StateFile), content);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogWarning("Sagewright: could not save '{0}': {1}", StateFile, ex.Message);
        }
    }

    internal static bool IsSafeRelativePath(string path) =>
        path.Length > 0
        && !Path.IsPathRooted(path)
        && path.IndexOf('\\') < 0
        && path.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != ".." && segment.IndexOfAny(Path.GetInvalidFileNameChars()) < 0);
}
