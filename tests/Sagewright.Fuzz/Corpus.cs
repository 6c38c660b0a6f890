using System.Text.RegularExpressions;

namespace Sagewright.Fuzz;

/// <summary>One fuzz input: C# files, each with its path.</summary>
public sealed record FuzzInput(string Origin, IReadOnlyList<(string Path, string Text)> Files);

/// <summary>The seed inputs: each sample project (all its files), and every raw-string C# snippet of the tests that
/// declares a pipeline or a step (markup removed; snippets that use the tests' <c>Demo</c> pipeline get it).</summary>
public static class Corpus
{
    public const string ProjectDirectory = "/src/project/";

    /// <summary>The tests' shared pipeline (Src.Demo in Sagewright.Tests), for snippets that only declare steps.</summary>
    public const string DemoHeader = Sagewright.Tests.Infrastructure.DemoSource.Text;

    private static readonly Regex RawString = new("(?<dollar>\\$*)\"\"\"[ \\t]*\\r?\\n(?<body>.*?)\\r?\\n(?<indent>[ \\t]*)\"\"\"", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    private static readonly Regex MarkupOpen = new("\\{\\|[A-Za-z0-9]+:", RegexOptions.CultureInvariant);

    public static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Compiler.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    public static List<FuzzInput> Load(string root)
    {
        var inputs = new List<FuzzInput>();
        var samples = Path.Combine(root, "samples");
        if (Directory.Exists(samples))
        {
            foreach (var directory in Directory.GetDirectories(samples).OrderBy(d => d, StringComparer.Ordinal))
            {
                var files = Directory.GetFiles(directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal)
                    .Select(f => (ProjectDirectory + Path.GetFileName(f), File.ReadAllText(f)))
                    .ToList();
                if (files.Count > 0)
                {
                    inputs.Add(new FuzzInput("samples/" + Path.GetFileName(directory), files));
                }
            }
        }

        var tests = Path.Combine(root, "tests", "Sagewright.Tests");
        if (Directory.Exists(tests))
        {
            foreach (var file in Directory.GetFiles(tests, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal))
            {
                var index = 0;
                foreach (var snippet in Snippets(File.ReadAllText(file)))
                {
                    inputs.Add(new FuzzInput(Path.GetRelativePath(root, file).Replace('\\', '/') + "#" + index++, new[] { (ProjectDirectory + "File0.cs", snippet) }));
                }
            }
        }

        return inputs;
    }

    /// <summary>The C# snippets in a test file's raw string literals.</summary>
    public static IEnumerable<string> Snippets(string testSource)
    {
        foreach (Match match in RawString.Matches(testSource))
        {
            if (match.Groups["dollar"].Length > 0)
            {
                continue; // interpolated: holes the test fills in
            }

            var indent = match.Groups["indent"].Value;
            var lines = match.Groups["body"].Value.Split('\n')
                .Select(l => l.TrimEnd('\r'))
                .Select(l => l.StartsWith(indent, StringComparison.Ordinal) ? l.Substring(indent.Length) : l.TrimStart());
            var text = MarkupOpen.Replace(string.Join("\n", lines), string.Empty).Replace("|}", string.Empty, StringComparison.Ordinal);
            if (!text.Contains("Step(", StringComparison.Ordinal) && !text.Contains("[Pipeline(", StringComparison.Ordinal))
            {
                continue;
            }

            if (!text.Contains("[Pipeline(", StringComparison.Ordinal) && text.Contains("typeof(Demo)", StringComparison.Ordinal))
            {
                text = DemoHeader + text;
            }
            else if (!text.Contains("using Sagewright;", StringComparison.Ordinal))
            {
                text = "using Sagewright;\n\n" + text;
            }

            yield return text + "\n";
        }
    }
}
