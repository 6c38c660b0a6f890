using System.Threading;
using Microsoft.CodeAnalysis.Diagnostics;
using Sagewright.Outputs;

namespace Sagewright.Compiler.Binding;

/// <summary>Reads the MSBuild properties Sagewright makes visible to the compiler
/// (<c>CompilerVisibleProperty</c> in Sagewright.props) and the project's code files.</summary>
internal static class ProjectSettings
{
    public const string AccountId = "build_property.SagewrightAccountId";
    public const string Region = "build_property.SagewrightRegion";
    public const string Partition = "build_property.SagewrightPartition";
    public const string ArtifactBucket = "build_property.SagewrightArtifactBucket";
    public const string ProjectDirectory = "build_property.MSBuildProjectDirectory";
    public const string EmbedDefinitionKey = "build_property.SagewrightEmbedDefinition";

    private static readonly HashSet<string> CodeExtensions = new(StringComparer.OrdinalIgnoreCase) { ".py", ".sh", ".r" };

    public static (BuildSettings Settings, string ProjectDirectory) Read(AnalyzerConfigOptions options)
    {
        var partition = Get(options, Partition);
        var settings = new BuildSettings(
            Get(options, AccountId),
            Get(options, Region),
            string.IsNullOrEmpty(partition) ? "aws" : partition!,
            Get(options, ArtifactBucket))
        {
            EmbedDefinition = EmbedDefinition(options),
        };
        return (settings, NormalizeDirectory(Get(options, ProjectDirectory) ?? string.Empty));
    }

    /// <summary>Whether the project opted in to the <c>PipelineDefinition</c> constant in its assembly.</summary>
    public static bool EmbedDefinition(AnalyzerConfigOptions options) =>
        string.Equals(Get(options, EmbedDefinitionKey), "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsCodeFile(AdditionalText text)
    {
        var path = text.Path;
        var dot = path.LastIndexOf('.');
        return dot >= 0 && CodeExtensions.Contains(path.Substring(dot));
    }

    /// <summary>The file's path relative to the project with forward slashes, and the SHA-256 and length of its bytes
    /// (UTF-8 of the text Roslyn read; null when the file cannot be read).</summary>
    public static CodeFile? Hash(AdditionalText text, string projectDirectory, CancellationToken cancellationToken)
    {
        var content = text.GetText(cancellationToken);
        if (content is null)
        {
            return null;
        }

        var body = content.ToString();
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        var archive = SourceArchive.Pack(System.IO.Path.GetFileName(text.Path), bytes);
        return new CodeFile(Relative(text.Path, projectDirectory), GeneratedOutputFormat.Hash(body), bytes.Length)
        {
            Archive = new CodeArchive(GeneratedOutputFormat.Hash(archive), archive.Length, Convert.ToBase64String(archive)),
        };
    }

    public static string Relative(string path, string projectDirectory)
    {
        var normalized = path.Replace('\\', '/');
        return projectDirectory.Length > 0 && normalized.StartsWith(projectDirectory, StringComparison.Ordinal)
            ? normalized.Substring(projectDirectory.Length)
            : normalized;
    }

    private static string NormalizeDirectory(string directory)
    {
        var normalized = directory.Replace('\\', '/');
        return normalized.Length == 0 || normalized.EndsWith("/", StringComparison.Ordinal) ? normalized : normalized + "/";
    }

    private static string? Get(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
