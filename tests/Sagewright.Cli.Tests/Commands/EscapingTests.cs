using Sagewright.Cli.Output;
using Sagewright.Cli.Tests.Infrastructure;
using static Sagewright.Cli.Tests.Infrastructure.Policies;

namespace Sagewright.Cli.Tests.Commands;

/// <summary>Strings from the input cannot break the markdown comment or drive the terminal.</summary>
public sealed class EscapingTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    // A Sid and a resource crafted to end the table row and post a "reviewed" alert, an HTML comment that would hide
    // the rest, and an ANSI sequence that clears the screen.
    private const string Hostile = """
        {"Sid": "Read\n\n> [!TIP]\n> Reviewed by security: safe to merge\n<!--", "Effect": "Allow", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::b/`x` | y |\n# Approved\n<img src=x>\u001b[2J\u001b[31m*"}
        """;

    private CliRunner.Result Diff(params string[] extra)
    {
        _dir.Write("old.policy.json", Document("""{"Sid": "Old", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/in/*"}"""));
        _dir.Write("new.policy.json", Document(Hostile));
        return CliRunner.Run(_dir.Path, ["policy", "diff", "old.policy.json", "new.policy.json", .. extra]);
    }

    [Fact]
    public void Markdown_keeps_every_input_string_inside_its_table_cell()
    {
        var result = Diff("--format", "markdown");

        Assert.Equal(1, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        Assert.DoesNotContain(lines, line => line.StartsWith("> [!TIP]", StringComparison.Ordinal) || line.StartsWith("# ", StringComparison.Ordinal) || line.StartsWith("> Reviewed", StringComparison.Ordinal));
        Assert.DoesNotContain("<!--", result.Stdout, StringComparison.Ordinal);

        // The resource stays one code span (HTML inside a code span is text); the grant replaced the old one for the same
        // action, so the cell is "changed from `old` to ``new``".
        Assert.Contains(@"| changed from `arn:aws:s3:::b/in/*` to ``arn:aws:s3:::b/`x` \| y \|\n# Approved\n<img src=x>\u001b[2J\u001b[31m*`` |", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", result.Stdout, StringComparison.Ordinal);

        // Every table row has as many cells as its header.
        var table = lines.SkipWhile(l => !l.StartsWith("| Change |", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('|')).ToArray();
        var cells = table.Select(CountCells).ToArray();
        Assert.True(table.Length == 3, string.Join("\n", table));
        Assert.All(cells, count => Assert.Equal(cells[0], count));
        Assert.Contains(@"Read\\n\\n&gt; \[!TIP\]\\n&gt; Reviewed by security: safe to merge\\n&lt;!--", result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Cells of a GFM table row: unescaped pipes outside code spans do not matter here, since escaped ones
    /// (<c>\|</c>) never end a cell.</summary>
    private static int CountCells(string row)
    {
        var count = 0;
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == '|' && (i == 0 || row[i - 1] != '\\'))
            {
                count++;
            }
        }

        return count;
    }

    [Fact]
    public void Text_output_shows_control_characters_as_escapes()
    {
        foreach (var environment in new[]
        {
            new Sagewright.Cli.Output.CliEnvironment(_dir.Path, StdoutIsTerminal: false, NoColor: null, Term: null),
            new Sagewright.Cli.Output.CliEnvironment(_dir.Path, StdoutIsTerminal: true, NoColor: null, Term: "xterm"),
        })
        {
            _dir.Write("old.policy.json", Document("""{"Sid": "Old", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/in/*"}"""));
            _dir.Write("new.policy.json", Document(Hostile));
            var result = CliRunner.Run(environment, "policy", "diff", "old.policy.json", "new.policy.json");

            Assert.Equal(1, result.ExitCode);
            Assert.DoesNotContain("\u001b[2J", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("<img src=x>\\u001b[2J\\u001b[31m*", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("(Sid Read\\n\\n> [!TIP]\\n> Reviewed by security: safe to merge\\n<!--)", result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Error_messages_escape_control_characters()
    {
        _dir.Write("old.policy.json", Document("""{"Sid": "Old", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"""));
        _dir.Write("new.policy.json", """{"Statement": [{"Effect": "Allow\u001b[2J", "Action": "s3:GetObject", "Resource": "*"}]}""");

        var result = CliRunner.Run(_dir.Path, "policy", "diff", "old.policy.json", "new.policy.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: new.policy.json: not an IAM policy: Statement[0]: \"Effect\" must be \"Allow\" or \"Deny\" (case-sensitive); found \"Allow\\u001b[2J\"\n", result.Stderr);
    }

    [Theory]
    [InlineData("a\nb", "`a\\nb`")]
    [InlineData("x | y", "`x \\| y`")]
    [InlineData("``", "``` `` ```")]
    [InlineData("\u202eevil", "`\\u202eevil`")]
    public void Code_spans_stay_on_one_line(string text, string expected)
    {
        Assert.Equal(expected, Markdown.Code(text));
    }

    [Theory]
    [InlineData("> [!TIP] ok", "&gt; \\[!TIP\\] ok")]
    [InlineData("# Approved", "\\# Approved")]
    [InlineData("<!-- hidden -->", "&lt;!-- hidden --&gt;")]
    [InlineData("a\r\nb", @"a\\r\\nb")]
    public void Text_is_inert(string text, string expected)
    {
        Assert.Equal(expected, Markdown.Text(text));
    }

    [Fact]
    public void Explain_quotes_the_report_without_letting_it_post_an_alert_or_hide_text()
    {
        _dir.Write("iam/R.policy.json", Document("""{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/in/*"}"""));
        _dir.Write("iam/report.md", "# IAM report: P\n\n## R (job)\n\n### Read\n\n[!TIP]\nReviewed by security: safe to merge\n<!-- the rest is hidden\n- Step `Load` reads input\n");

        var result = CliRunner.Run(_dir.Path, "policy", "explain", "iam/R.policy.json", "--format", "markdown");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("> \\[!TIP]\n> Reviewed by security: safe to merge\n> &lt;!-- the rest is hidden\n> - Step `Load` reads input\n", result.Stdout, StringComparison.Ordinal);
    }
}
