using System.Text.RegularExpressions;
using Sagewright.Cli.Output;
using Sagewright.Cli.Tests.Infrastructure;

namespace Sagewright.Cli.Tests.Commands;

/// <summary>Colour only on an interactive terminal, never with NO_COLOR or TERM=dumb, never in markdown
/// or JSON; and colour never changes the words.</summary>
public sealed partial class ColorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public ColorTests() => Scenario.Write(_dir);

    public void Dispose() => _dir.Dispose();

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Sgr();

    private CliRunner.Result Run(bool terminal, string? noColor, string? term, params string[] args) =>
        CliRunner.Run(new CliEnvironment(_dir.Path, terminal, noColor, term), args);

    [Fact]
    public void A_terminal_gets_colour_with_the_same_words()
    {
        var plain = Run(false, null, null, "policy", "diff", "old", "new");
        var colored = Run(true, null, "xterm-256color", "policy", "diff", "old", "new");

        Assert.Contains("\u001b[", colored.Stdout, StringComparison.Ordinal);
        Assert.Equal(plain.Stdout, Sgr().Replace(colored.Stdout, ""));
        Assert.Equal(plain.ExitCode, colored.ExitCode);

        var explainPlain = Run(false, null, null, "policy", "explain", "new/FraudDetection-job.policy.json");
        var explainColored = Run(true, null, null, "policy", "explain", "new/FraudDetection-job.policy.json");
        Assert.Contains("\u001b[", explainColored.Stdout, StringComparison.Ordinal);
        Assert.Equal(explainPlain.Stdout, Sgr().Replace(explainColored.Stdout, ""));
    }

    [Theory]
    [InlineData(false, null, null)]          // redirected
    [InlineData(true, "1", null)]            // NO_COLOR set
    [InlineData(true, "yes", "xterm")]
    [InlineData(true, null, "dumb")]         // TERM=dumb
    public void No_colour_when_not_wanted(bool terminal, string? noColor, string? term)
    {
        var result = Run(terminal, noColor, term, "policy", "diff", "old", "new");
        Assert.DoesNotContain("\u001b", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void An_empty_NO_COLOR_does_not_turn_colour_off()
    {
        // no-color.org: "when present and not an empty string".
        Assert.True(new CliEnvironment(".", true, "", null).UseColor);
        Assert.False(new CliEnvironment(".", true, "0", null).UseColor);
    }

    [Theory]
    [InlineData("markdown")]
    [InlineData("json")]
    public void Markdown_and_json_are_never_coloured(string format)
    {
        var result = Run(true, null, "xterm", "policy", "diff", "old", "new", "--format", format);
        Assert.DoesNotContain("\u001b", result.Stdout, StringComparison.Ordinal);
    }
}
