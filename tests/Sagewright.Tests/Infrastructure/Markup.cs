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
    /// marked diagnostics are reported (ID and span), nothing else, and nothing threw.
    /// "Exactly" covers every error-severity rule, every ID marked in the source and the IDs in
    /// <paramref name="alsoCheck"/> (for sources that must not trigger a rule). Other best-practice and security
    /// findings (SGW1xx, SGW2xx warnings and infos, such as the required tags of SGW109) are left to the tests of
    /// those rules, so that a snippet about one rule need not satisfy all the others; the samples are checked for
    /// every diagnostic.</summary>
    public static IReadOnlyList<Diagnostic> Verify(string markup, ProjectOptions? options = null, params string[] alsoCheck)
    {
        var (source, expected) = Parse(markup);
        var compilation = TestProject.Compilation(source);
        var compileErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(compileErrors.Count == 0, "The test source does not compile:\n" + string.Join("\n", compileErrors));
        var checkedIds = new HashSet<string>(expected.Select(e => e.Id).Concat(alsoCheck), StringComparer.Ordinal);
        var diagnostics = TestProject.Analyze(TestProject.Generate(compilation, options).Compilation, options)
            .Where(d => IsChecked(d.Id, checkedIds))
            .ToList();
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
        return diagnostics;
    }

    /// <summary>Whether <see cref="Verify"/> compares diagnostics with this ID: errors always, other rules when asked.</summary>
    internal static bool IsChecked(string id, ISet<string> requested) =>
        requested.Contains(id) || Sagewright.Model.Validation.DiagnosticCatalog.IsError(id);
}
