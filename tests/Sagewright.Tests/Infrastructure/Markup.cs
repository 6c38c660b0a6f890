using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Sagewright.Tests.Infrastructure;

/// <summary>Source with expected diagnostics marked inline: <c>{|SGW005:"s3:/bad"|}</c> says SGW005 must be
/// reported on exactly that span.</summary>
public static class Markup
{
    public static (string Source, List<(string Id, TextSpan Span)> Expected) Parse(string markup)
    {
        var source = new StringBuilder();
        var expected = new List<(string, TextSpan)>();
        var open = new Stack<(string Id, int Start)>();
        var i = 0;
        while (i < markup.Length)
        {
            if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                var colon = markup.IndexOf(':', i);
                open.Push((markup.Substring(i + 2, colon - i - 2), source.Length));
                i = colon + 1;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}')
            {
                var (id, start) = open.Pop();
                expected.Add((id, TextSpan.FromBounds(start, source.Length)));
                i += 2;
            }
            else
            {
                source.Append(markup[i]);
                i++;
            }
        }

        Assert.Empty(open);
        return (source.ToString(), expected);
    }

    /// <summary>Compiles the marked-up source with the generator and analyzer and asserts that exactly the
    /// marked diagnostics are reported (ID and span), nothing else, and nothing threw. Info diagnostics (advice
    /// such as SGW203) and best-practice warnings (SGW1xx, such as SGW107 on an untagged test image) count only for
    /// the IDs the markup marks or <paramref name="alsoCheck"/> lists (for sources that must not trigger a rule):
    /// each such rule's own tests check it, and the other tests need not satisfy every rule. Errors, and other
    /// warnings, always count. The samples are checked for every diagnostic.</summary>
    public static IReadOnlyList<Diagnostic> Verify(string markup, ProjectOptions? options = null, params string[] alsoCheck)
    {
        var (source, expected) = Parse(markup);
        var compilation = TestProject.Compilation(source);
        var compileErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(compileErrors.Count == 0, "The test source does not compile:\n" + string.Join("\n", compileErrors));
        var diagnostics = Relevant(TestProject.Analyze(TestProject.Generate(compilation, options).Compilation, options), expected.Select(e => e.Id).Concat(alsoCheck));
        var actual = diagnostics
            .Select(d => $"{d.Id} {d.Location.SourceSpan} '{source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)}'")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
        var wanted = expected
            .Select(e => $"{e.Id} {e.Span} '{source.Substring(e.Span.Start, e.Span.Length)}'")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
        Assert.True(wanted.SequenceEqual(actual),
            "Expected:\n  " + string.Join("\n  ", wanted) + "\nActual:\n  " + string.Join("\n  ", diagnostics.Select(d => $"{d.Id} {d.Location.SourceSpan} '{source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)}': {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")));
        MessageFormats.AssertFilled(diagnostics);
        return diagnostics;
    }

    /// <summary>The diagnostics a markup test compares: errors, warnings other than best-practice ones, and any
    /// diagnostic whose ID is marked.</summary>
    public static IReadOnlyList<Diagnostic> Relevant(IEnumerable<Diagnostic> diagnostics, IEnumerable<string> markedIds)
    {
        var marked = new HashSet<string>(markedIds, StringComparer.Ordinal);
        return diagnostics.Where(d => marked.Contains(d.Id) || (d.Severity > DiagnosticSeverity.Info && !IsBestPracticeWarning(d))).ToList();
    }

    /// <summary>A best-practice (SGW1xx) finding below error severity.</summary>
    private static bool IsBestPracticeWarning(Diagnostic diagnostic) =>
        diagnostic.Id.StartsWith("SGW1", StringComparison.Ordinal) && diagnostic.Severity < DiagnosticSeverity.Error;

    /// <summary>Warnings and errors only: what a build without the info rules' settings reports.</summary>
    public static IReadOnlyList<Diagnostic> WarningsAndErrors(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity > DiagnosticSeverity.Info).ToList();
}
