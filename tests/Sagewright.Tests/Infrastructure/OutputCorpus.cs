using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Sagewright.Tests.Infrastructure;

/// <summary>A refactoring guard: with <c>SAGEWRIGHT_OUTPUT_CORPUS</c> set to a folder, every generator run and every
/// analyzer run of the tests records what it produced (generated sources, which carry every file Sagewright writes,
/// and the SGW diagnostics with their spans and messages) in a file named after a hash of the compilation's sources.
/// Run the tests once before a change and once after, each into its own folder, and compare the folders
/// (<c>diff -r</c>): a change that must not move outputs leaves them identical.</summary>
internal static class OutputCorpus
{
    private static readonly string? Folder = Environment.GetEnvironmentVariable("SAGEWRIGHT_OUTPUT_CORPUS");

    public static void Record(Compilation compilation, ProjectOptions options, string kind, IEnumerable<string> lines)
    {
        if (string.IsNullOrEmpty(Folder))
        {
            return;
        }

        var input = new StringBuilder();
        input.Append(options.AccountId).Append('|').Append(options.Region).Append('|').Append(options.Partition).Append('|').Append(options.ArtifactBucket).Append('|').Append(options.EditorConfigFile).Append('\n');
        foreach (var entry in options.CodeFiles.Concat(options.EditorConfig).Concat(options.GlobalConfig).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            input.Append(entry.Key).Append('=').Append(entry.Value).Append('\n');
        }

        foreach (var tree in compilation.SyntaxTrees.Where(t => !t.FilePath.Contains("Sagewright.Generator", StringComparison.Ordinal) && !t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)))
        {
            input.Append(tree.FilePath).Append('\n').Append(tree.GetText()).Append('\n');
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(input.ToString())))[..16];
        Directory.CreateDirectory(Folder);
        var text = string.Join("\n", lines) + "\n";
        var path = Path.Combine(Folder, key + "." + kind + ".txt");
        File.WriteAllText(path + "." + Environment.ProcessId + ".tmp", text);
        File.Move(path + "." + Environment.ProcessId + ".tmp", path, overwrite: true);
    }
}
