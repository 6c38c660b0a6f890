using System;
using System.Text;

namespace Sagewright.Cli.Output;

/// <summary>Escaping for GitHub-flavoured markdown, including inside table cells.</summary>
public static class Markdown
{
    /// <summary>A code span that survives a table cell: pipes escaped, and a fence longer than any run
    /// of backticks inside.</summary>
    public static string Code(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var body = text.Replace("|", "\\|", StringComparison.Ordinal);
        var pad = body.StartsWith('`') || body.EndsWith('`') ? " " : "";
        return fence + pad + body + pad + fence;
    }

    /// <summary>Plain text with every character markdown would interpret escaped.</summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '#' or '~':
                    builder.Append('\\').Append(c);
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '&':
                    builder.Append("&amp;");
                    break;
                case '\n' or '\r':
                    builder.Append(' ');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
