using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Docs;

/// <summary>Every table in docs/ and README.md renders on GitHub: see <see cref="MarkdownTables"/> for the rules.</summary>
public class MarkdownTableTests
{
    public static TheoryData<string> Files()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Paths.RepoRoot, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(Paths.RepoRoot, "README.md"))
            .Select(f => Path.GetRelativePath(Paths.RepoRoot, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        return new TheoryData<string>(files);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_table_renders(string file)
    {
        var problems = MarkdownTables.Problems(File.ReadAllText(Path.Combine(Paths.RepoRoot, file)));
        Assert.True(problems.Count == 0, file + ":\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void The_docs_have_tables_to_check()
    {
        var text = File.ReadAllText(Path.Combine(Paths.RepoRoot, "docs", "rules", "SGW001.md"));
        Assert.Contains("|---|", text, StringComparison.Ordinal);
        Assert.Empty(MarkdownTables.Problems(text));
    }

    [Theory]
    [InlineData("| a | b |", 2)]
    [InlineData("a | b", 2)]
    [InlineData("| a | |", 2)]
    [InlineData("| `x|y` | b |", 3)]        // a pipe in a code span still splits the cell
    [InlineData("| `x\\|y` | b |", 2)]      // unless escaped
    [InlineData("| a \\\\| b |", 2)]        // an escaped backslash does not escape the pipe after it
    [InlineData("| a |", 1)]
    public void Cells_split_as_GFM_splits_them(string row, int count) =>
        Assert.Equal(count, MarkdownTables.Cells(row).Count);

    [Fact]
    public void A_well_formed_table_has_no_problems() =>
        Assert.Empty(MarkdownTables.Problems("Text.\n\n| a | b |\n|---|:-:|\n| 1 | `x\\|y` |\n\nMore text.\n"));

    [Theory]
    [InlineData("Text.\n| a | b |\n|---|---|\n| 1 | 2 |\n", "no blank line before")]
    [InlineData("| a | b |\n| 1 | 2 |\n|---|---|\n", "second line is not a separator")]
    [InlineData("| a | b |\n|---|---|\n| 1 | 2 |\n|---|---|\n", "separator row inside")]
    [InlineData("| a | b |\n|---|---|---|\n", "separator row 3")]
    [InlineData("| a | b |\n|---|---|\n| `x|y` | 2 |\n", "3 cells where the header has 2")]
    [InlineData("| a | b |\n|---|---|\n| 1 |\n", "1 cells where the header has 2")]
    [InlineData("| a | b |\n|---|---|\n| 1 | 2 |\nText.\n", "no blank line after")]
    [InlineData("| a | b |\n|---|---|\n\n| 1 | 2 |\n", "not a separator")]
    public void A_broken_table_is_reported(string markdown, string problem) =>
        Assert.Contains(MarkdownTables.Problems(markdown), p => p.Contains(problem, StringComparison.Ordinal));

    [Fact]
    public void Tables_in_fenced_code_are_not_tables() =>
        Assert.Empty(MarkdownTables.Problems("```text\n| a | b |\n| 1 |\n```\n"));
}
