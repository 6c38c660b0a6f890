using System;
using System.Collections.Generic;
using System.IO;
using Sagewright.Outputs;

namespace Sagewright.Build;

/// <summary>Reads the files Sagewright's generator carried as comments in its generated sources (see
/// <see cref="GeneratedOutputFormat"/>), from the folder the compiler wrote them to. Nothing of the user's assembly
/// is read, loaded or run.</summary>
public static class ArtifactReader
{
    /// <summary>The hint name of the generator's index source.</summary>
    public const string IndexHintName = GeneratedOutputFormat.IndexHintName;

    /// <summary>This generator's folder under <c>CompilerGeneratedFilesOutputPath</c>.</summary>
    public const string GeneratorFolder = GeneratedOutputFormat.GeneratorFolder;

    /// <summary>Reads the sources the index in <paramref name="generatedDirectory"/> lists. Without an index the
    /// generator did not complete (<see cref="ArtifactManifest.GeneratorRan"/> is false).</summary>
    /// <exception cref="InvalidDataException">The index or a source it lists is missing, malformed or does not match
    /// the index's hash.</exception>
    public static ArtifactManifest ReadDirectory(string generatedDirectory)
    {
        var indexPath = Path.Combine(generatedDirectory, IndexHintName);
        if (!File.Exists(indexPath))
        {
            return ArtifactManifest.NotRun;
        }

        return Read(File.ReadAllText(indexPath), hintName =>
        {
            var path = Path.Combine(generatedDirectory, hintName);
            return File.Exists(path) ? File.ReadAllText(path) : null;
        });
    }

    /// <summary>Reads from the index text and a way to get each listed source's text (null when it is missing).</summary>
    public static ArtifactManifest Read(string indexText, Func<string, string?> source)
    {
        var index = GeneratedOutputFormat.ParseIndex(indexText) ?? throw new InvalidDataException("the index " + IndexHintName + " is malformed");
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var invalid = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var failed = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var binaries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (hintName, hash) in index)
        {
            if (hintName.IndexOfAny(new[] { '/', '\\' }) >= 0 || hintName is "." or "..")
            {
                throw new InvalidDataException("the index lists an unsafe source name '" + hintName + "'");
            }

            var text = source(hintName) ?? throw new InvalidDataException("the generated source " + hintName + " is missing");
            if (!string.Equals(GeneratedOutputFormat.Hash(text), hash, StringComparison.Ordinal))
            {
                throw new InvalidDataException("the generated source " + hintName + " does not match the index (written by another compile?)");
            }

            var records = GeneratedOutputFormat.ParseRecords(text) ?? throw new InvalidDataException("the generated source " + hintName + " is malformed");
            foreach (var (kind, argument, content) in records)
            {
                var target = kind switch
                {
                    GeneratedOutputFormat.FileKind => files,
                    GeneratedOutputFormat.InvalidKind => invalid,
                    GeneratedOutputFormat.FailedKind => failed,
                    GeneratedOutputFormat.BinaryKind => binaries,
                    _ => null,
                };
                if (target is not null)
                {
                    target[argument] = content;
                }
            }
        }

        return new ArtifactManifest(files, invalid, failed, generatorRan: true) { Binaries = binaries };
    }
}

/// <summary>What the generator handed to the build.</summary>
/// <remarks><c>Files</c>: the files to write, by path relative to the output folder; <c>Invalid</c>: pipelines left out
/// because of (suppressed) errors, with their IDs; <c>Failed</c>: pipelines Sagewright failed to compile (SGW012), with
/// the failure; <c>GeneratorRan</c>: false when the generator did not run to completion (it threw: CS8785).</remarks>
public sealed class ArtifactManifest
{
    public ArtifactManifest(SortedDictionary<string, string> files, SortedDictionary<string, string> invalid, SortedDictionary<string, string> failed, bool generatorRan)
    {
        Files = files;
        Invalid = invalid;
        Failed = failed;
        GeneratorRan = generatorRan;
    }

    public static ArtifactManifest NotRun => new(
        new SortedDictionary<string, string>(StringComparer.Ordinal),
        new SortedDictionary<string, string>(StringComparer.Ordinal),
        new SortedDictionary<string, string>(StringComparer.Ordinal),
        generatorRan: false);

    public SortedDictionary<string, string> Files { get; }

    public SortedDictionary<string, string> Invalid { get; }

    public SortedDictionary<string, string> Failed { get; }

    /// <summary>Binary files to write (path under the output folder → base64 content).</summary>
    public SortedDictionary<string, string> Binaries { get; set; } = new(StringComparer.Ordinal);

    public bool GeneratorRan { get; }
}
