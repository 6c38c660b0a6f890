using System;
using System.Text;

namespace Sagewright.Cli.Output;

/// <summary>Escaping for GitHub-flavoured markdown, including inside table cells. Every string that comes from
/// the input (paths, Sids, actions, resources, condition values, role names) goes through <see cref="Code"/> or
/// <see cref="Text"/>, so none can end a table row, start a quote, an alert, a heading or an HTML comment.</summary>
public static class Markdown
{
    /// <summary>A code span that survives a table cell: control characters (line breaks included) shown as
    /// escapes such as <c>\n</c>, pipes escaped, and a fence longer than any run of backticks inside.</summary>
    public static string Code(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = ControlCharacters.Escape(text);
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

    /// <summary>Plain text with every character markdown would interpret escaped; control characters (line
    /// breaks included) are shown as escapes such as <c>\n</c>, so the text stays on its line.</summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = ControlCharacters.Escape(text);
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
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
