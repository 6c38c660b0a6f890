using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Sagewright.Tests.Infrastructure;

/// <summary>Checks that a Sagewright diagnostic's arguments (the finding's arguments) fill its descriptor's message
/// format exactly: one argument per placeholder, none left over, and the rendered message is the format with them.
/// A call site that still passes a whole sentence to a descriptor with a real format would fail here.</summary>
public static partial class MessageFormats
{
    private static readonly PropertyInfo ArgumentsProperty = typeof(Diagnostic).GetProperty("Arguments", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("Roslyn's Diagnostic has no Arguments property");

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    /// <summary>How many arguments a message format takes: the highest placeholder index plus one.</summary>
    public static int PlaceholderCount(string format) =>
        Placeholder().Matches(format).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();

    public static IReadOnlyList<object?> Arguments(Diagnostic diagnostic) => (IReadOnlyList<object?>)ArgumentsProperty.GetValue(diagnostic)!;

    public static void AssertFilled(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics.Where(d => d.Id.StartsWith("SGW", StringComparison.Ordinal)))
        {
            var format = diagnostic.Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture);
            var arguments = Arguments(diagnostic);
            Assert.True(PlaceholderCount(format) == arguments.Count,
                $"{diagnostic.Id}: the format '{format}' takes {PlaceholderCount(format)} argument(s), the finding has {arguments.Count}: " + string.Join(" | ", arguments));
            Assert.Equal(string.Format(CultureInfo.InvariantCulture, format, arguments.ToArray()), diagnostic.GetMessage(CultureInfo.InvariantCulture));
        }
    }
}
