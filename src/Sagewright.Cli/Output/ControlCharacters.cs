using System.Globalization;
using System.Text;

namespace Sagewright.Cli.Output;

/// <summary>Keeps text from the input from acting on a terminal or a renderer: control characters (C0 such as
/// line breaks and the escape that starts ANSI sequences, DEL, C1) and the Unicode characters that reorder or
/// break lines (bidirectional overrides and isolates, line and paragraph separators) are shown as escapes
/// (<c>\n</c>, <c>\t</c>, <c>\u001b</c>) instead of being written.</summary>
public static class ControlCharacters
{
    public static string Escape(string text)
    {
        System.ArgumentNullException.ThrowIfNull(text);
        var first = 0;
        while (first < text.Length && !IsUnsafe(text[first]))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsUnsafe(c))
            {
                builder.Append(c);
                continue;
            }

            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }

        return builder.ToString();
    }

    private static bool IsUnsafe(char c) =>
        c < ' ' || c is >= '\u007f' and <= '\u009f'
        || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' or '\u2028' or '\u2029' or '\u200e' or '\u200f' or '\u061c';
}
