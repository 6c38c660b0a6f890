using System.Text.RegularExpressions;

namespace Sagewright.Tests.Infrastructure;

/// <summary>A diagnostic a sample says it should get: rule ID, file (relative to the sample) and 1-based line.</summary>
public sealed record Expectation(string Id, string File, int Line)
{
    public override string ToString() => $"{Id} {File}:{Line}";
}

/// <summary>Reads the expectations a sample writes into its own source: a line that ends with
/// <c>// expect: SGW100</c> (or several IDs, comma-separated) expects those diagnostics on that line; a line
/// that is only <c>// expect-next-line: SGW900</c> expects them on the next line (for a line where a trailing
/// comment would change the meaning, such as a #pragma, whose comment is its justification).</summary>
public static partial class SampleExpectations
{
    [GeneratedRegex(@"//\s*expect(?<next>-next-line)?:\s*(?<ids>SGW\d{3}(?:\s*,\s*SGW\d{3})*)\s*$")]
    private static partial Regex ExpectComment();

    public static IReadOnlyList<Expectation> Read(string sample) =>
        Samples.Sources(sample).SelectMany(source => Read(RelativePath(source.Path), source.Text)).ToList();

    public static IEnumerable<Expectation> Read(string file, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = ExpectComment().Match(lines[i].TrimEnd('\r'));
            if (!match.Success)
            {
                continue;
            }

            var next = match.Groups["next"].Success;
            Assert.False(next && lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) is false,
                $"{file}:{i + 1}: 'expect-next-line' must be on a line of its own");
            foreach (var id in match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries))
            {
                yield return new Expectation(id, file, next ? i + 2 : i + 1);
            }
        }
    }

    /// <summary>The 1-based number of the only line of a sample file that contains <paramref name="text"/>.</summary>
    public static int LineOf(string sample, string file, string text)
    {
        var lines = File.ReadAllLines(Paths.Samples(sample, file));
        var found = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(text, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 1, $"'{text}' is on {found.Count} lines of {file}, not one");
        return found[0] + 1;
    }

    /// <summary>A test project path (<c>/src/project/X.cs</c>) or a file path made relative to the sample.</summary>
    public static string RelativePath(string path) =>
        path.StartsWith(ProjectOptions.ProjectDirectory, StringComparison.Ordinal) ? path[ProjectOptions.ProjectDirectory.Length..] : path;
}
