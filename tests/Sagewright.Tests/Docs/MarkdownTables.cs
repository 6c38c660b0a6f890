using System.Text.RegularExpressions;

namespace Sagewright.Tests.Docs;

/// <summary>Finds the tables of a Markdown file and what keeps each from rendering as GitHub Flavored Markdown
/// draws it. A table is a run of lines starting with <c>|</c> (outside fenced code), or a header line
/// followed by a separator row. GFM renders it only when its second line is a separator row with as many
/// cells as the header (<c>|---|</c>, optionally with colons), it does not continue a paragraph (a blank line
/// before it), and it does not swallow the next paragraph (a blank line after it). Rows with more cells
/// than the header lose the extra ones, rows with fewer are padded: both are reported. Cells are split
/// as GFM splits them, before inline parsing: a <c>|</c> inside a code span still ends the cell, and only
/// <c>\|</c> does not.</summary>
public static partial class MarkdownTables
{
    [GeneratedRegex(@"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$")]
    private static partial Regex SeparatorRow();

    [GeneratedRegex(@"^\s*(`{3,}|~{3,})")]
    private static partial Regex Fence();

    /// <summary>The problems of every table in the text, each as "line N: what".</summary>
    public static List<string> Problems(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var code = FencedLines(lines);
        var problems = new List<string>();
        for (var i = 0; i < lines.Length;)
        {
            if (code[i] || !IsTableLine(lines, code, i))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < lines.Length && !code[end] && lines[end].Trim().Length > 0 && IsTableLine(lines, code, end))
            {
                end++;
            }

            Check(lines, i, end, problems);
            i = end;
        }

        return problems;
    }

    /// <summary>The cells of a table row as GFM splits it: outer pipes dropped, split on every <c>|</c> that no
    /// backslash escapes (code spans included).</summary>
    public static List<string> Cells(string row)
    {
        var text = row.Trim();
        if (text.StartsWith('|'))
        {
            text = text[1..];
        }

        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var trailingPipe = false;
        for (var i = 0; i < text.Length; i++)
        {
            trailingPipe = false;
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                cell.Append(text, i, 2);
                i++;
            }
            else if (text[i] == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
                trailingPipe = true;
            }
            else
            {
                cell.Append(text[i]);
            }
        }

        if (!trailingPipe || cell.Length > 0)
        {
            cells.Add(cell.ToString().Trim());
        }

        return cells;
    }

    public static bool IsSeparatorRow(string line) => line.Contains('|', StringComparison.Ordinal) && SeparatorRow().IsMatch(line.Trim());

    private static bool IsTableLine(string[] lines, bool[] code, int i) =>
        lines[i].TrimStart().StartsWith('|')
        || IsSeparatorRow(lines[i])
        || (i + 1 < lines.Length && !code[i + 1] && lines[i].Contains('|', StringComparison.Ordinal) && IsSeparatorRow(lines[i + 1]));

    private static void Check(string[] lines, int start, int end, List<string> problems)
    {
        var at = $"line {start + 1}";
        var header = Cells(lines[start]);
        if (end - start < 2 || !IsSeparatorRow(lines[start + 1]))
        {
            problems.Add($"{at}: the table's second line is not a separator row (|---|---|), so it renders as text: {Shorten(lines[start])}");
            return;
        }

        var separator = Cells(lines[start + 1]);
        if (separator.Count != header.Count)
        {
            problems.Add($"{at}: the header has {header.Count} cells and the separator row {separator.Count}, so it renders as text");
        }

        if (start > 0 && lines[start - 1].Trim().Length > 0)
        {
            problems.Add($"{at}: no blank line before the table, so it continues the paragraph above: {Shorten(lines[start - 1])}");
        }

        if (end < lines.Length && lines[end].Trim().Length > 0)
        {
            problems.Add($"line {end + 1}: no blank line after the table, so this line becomes a row: {Shorten(lines[end])}");
        }

        for (var i = start + 2; i < end; i++)
        {
            if (IsSeparatorRow(lines[i]))
            {
                problems.Add($"line {i + 1}: a separator row inside the table renders as a row of dashes");
            }
            else if (Cells(lines[i]) is var cells && cells.Count != header.Count)
            {
                problems.Add($"line {i + 1}: {cells.Count} cells where the header has {header.Count} (a | inside `code` splits a cell unless written \\|): {Shorten(lines[i])}");
            }
        }
    }

    private static bool[] FencedLines(string[] lines)
    {
        var code = new bool[lines.Length];
        string? fence = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Fence().Match(lines[i]);
            if (fence is not null)
            {
                code[i] = true;
                if (match.Success && match.Groups[1].Value[0] == fence[0] && match.Groups[1].Value.Length >= fence.Length
                    && lines[i].Trim().Length == match.Groups[1].Value.Length)
                {
                    fence = null;
                }
            }
            else if (match.Success)
            {
                code[i] = true;
                fence = match.Groups[1].Value;
            }
        }

        return code;
    }

    private static string Shorten(string line) => line.Length <= 80 ? line.Trim() : line.Trim()[..77] + "...";
}
