using System;

namespace Sagewright.Cli.Policies;

/// <summary>IAM wildcard patterns: <c>*</c> matches any run of characters (also none), <c>?</c> exactly
/// one. Answers three questions about patterns: does a pattern match a text, does every text one pattern
/// matches also match another (containment), and can some text match both (overlap). Containment is
/// decided symbol by symbol on canonical forms, so an answer of "contained" is always right; in rare
/// exotic shapes it may answer "not contained" for patterns that are, which makes the diff report a
/// widening it could have proved safe, never miss one.</summary>
public static class Glob
{
    public static bool HasWildcard(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>True when the pattern matches every text (<c>*</c>, <c>**</c>).</summary>
    public static bool IsMatchAll(string pattern) => pattern.Length > 0 && pattern.AsSpan().IndexOfAnyExcept('*') < 0;

    /// <summary>Collapses every run of wildcards to its '?'s followed by at most one '*'
    /// (<c>*?</c> and <c>?*</c> match the same texts; <c>**</c> is <c>*</c>).</summary>
    public static string Canonical(string pattern)
    {
        if (!HasWildcard(pattern))
        {
            return pattern;
        }

        var builder = new System.Text.StringBuilder(pattern.Length);
        var i = 0;
        while (i < pattern.Length)
        {
            if (pattern[i] is '*' or '?')
            {
                var questions = 0;
                var star = false;
                while (i < pattern.Length && pattern[i] is '*' or '?')
                {
                    if (pattern[i] == '?')
                    {
                        questions++;
                    }
                    else
                    {
                        star = true;
                    }

                    i++;
                }

                builder.Append('?', questions);
                if (star)
                {
                    builder.Append('*');
                }
            }
            else
            {
                builder.Append(pattern[i++]);
            }
        }

        return builder.ToString();
    }

    /// <summary>The longest pattern or text (in characters) the comparisons look at. IAM limits an ARN to 2,048
    /// characters; a longer one is never proved to be contained in another (or proved not to overlap it), so a change
    /// to it is reported as widening. Each comparison takes memory linear in the lengths, never a table of both.</summary>
    public const int MaxLength = 4096;

    /// <summary>Does <paramref name="pattern"/> match <paramref name="text"/> (a literal)?</summary>
    public static bool Matches(string pattern, string text, bool ignoreCase = false)
    {
        // A literal text is a pattern without wildcards; literal '*' or '?' in the text are treated as
        // the characters they are: matching is containment of a literal.
        return Contains(pattern, text, ignoreCase, textIsLiteral: true);
    }

    /// <summary>Is every text matched by <paramref name="inner"/> also matched by <paramref name="outer"/>?</summary>
    public static bool Contains(string outer, string inner, bool ignoreCase = false) =>
        Contains(outer, inner, ignoreCase, textIsLiteral: false);

    private static bool Contains(string outer, string inner, bool ignoreCase, bool textIsLiteral)
    {
        ArgumentNullException.ThrowIfNull(outer);
        ArgumentNullException.ThrowIfNull(inner);
        if (IsMatchAll(outer))
        {
            return true;
        }

        if (!HasWildcard(outer))
        {
            // A literal contains only itself (a pattern with a wildcard is never equal to it).
            return string.Equals(outer, inner, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
                && (textIsLiteral || !HasWildcard(inner));
        }

        if (outer.Length > MaxLength || inner.Length > MaxLength)
        {
            return false;
        }

        var q = Canonical(outer).AsSpan();
        var p = (textIsLiteral ? inner : Canonical(inner)).AsSpan();

        // The outer pattern's literal start and end must be the inner one's literal start and end; only what lies
        // between needs the table.
        var head = q.IndexOfAny('*', '?');
        var tail = q.Length - 1 - q.LastIndexOfAny('*', '?');
        if (p.Length < head + tail
            || !Same(p[..head], q[..head], ignoreCase) || !Same(p[^tail..], q[^tail..], ignoreCase)
            || (!textIsLiteral && (p[..head].IndexOfAny('*', '?') >= 0 || p[^tail..].IndexOfAny('*', '?') >= 0)))
        {
            return false;
        }

        p = p[head..^tail];
        q = q[head..^tail];
        var n = p.Length;
        var m = q.Length;

        // covered[i] for column j: q[j..] matches every text p[i..] matches. Columns are filled from the end
        // backwards, keeping only column j + 1 (next) and column j (current).
        var next = new bool[n + 1];
        var current = new bool[n + 1];
        next[n] = true;
        for (var j = m - 1; j >= 0; j--)
        {
            for (var i = n; i >= 0; i--)
            {
                bool value;
                if (q[j] == '*')
                {
                    // The outer star absorbs zero or more inner symbols, whatever they are.
                    value = next[i] || (i < n && current[i + 1]);
                }
                else if (i == n)
                {
                    value = false;
                }
                else
                {
                    var innerIsWildcard = !textIsLiteral && p[i] is '*' or '?';
                    var innerIsStar = !textIsLiteral && p[i] == '*';
                    if (innerIsStar)
                    {
                        // A single outer symbol cannot cover an unbounded run.
                        value = false;
                    }
                    else if (q[j] == '?')
                    {
                        value = next[i + 1];
                    }
                    else
                    {
                        value = !innerIsWildcard && Same(p[i], q[j], ignoreCase) && next[i + 1];
                    }
                }

                current[i] = value;
            }

            (next, current) = (current, next);
        }

        return next[0];
    }

    /// <summary>Is there a text both patterns match? Patterns longer than <see cref="MaxLength"/> are assumed to
    /// overlap (the answer that never hides a widening).</summary>
    public static bool Overlaps(string a, string b, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length > MaxLength || b.Length > MaxLength)
        {
            return true;
        }

        var p = Canonical(a).AsSpan();
        var q = Canonical(b).AsSpan();

        // Where neither has a wildcard, the literal starts and ends must agree; only what lies between needs the table.
        while (p.Length > 0 && q.Length > 0 && p[0] is not ('*' or '?') && q[0] is not ('*' or '?'))
        {
            if (!Same(p[0], q[0], ignoreCase))
            {
                return false;
            }

            p = p[1..];
            q = q[1..];
        }

        while (p.Length > 0 && q.Length > 0 && p[^1] is not ('*' or '?') && q[^1] is not ('*' or '?'))
        {
            if (!Same(p[^1], q[^1], ignoreCase))
            {
                return false;
            }

            p = p[..^1];
            q = q[..^1];
        }

        var n = p.Length;
        var m = q.Length;

        // both[i][j]: some text matches p[i..] and q[j..]. Moves either skip a star (no character) or consume one
        // character on both sides; a star consuming a character stays where it is. Rows are filled from the end
        // backwards, keeping only row i + 1 (below) and row i (current).
        var below = new bool[m + 1];
        var current = new bool[m + 1];
        for (var i = n; i >= 0; i--)
        {
            for (var j = m; j >= 0; j--)
            {
                if (i == n && j == m)
                {
                    current[j] = true;
                    continue;
                }

                var value = (i < n && p[i] == '*' && below[j]) || (j < m && q[j] == '*' && current[j + 1]);
                if (!value && i < n && j < m && !(p[i] == '*' && q[j] == '*'))
                {
                    var compatible = p[i] is '*' or '?' || q[j] is '*' or '?' || Same(p[i], q[j], ignoreCase);

                    // Consuming one character: a star stays (same row or column), anything else moves on.
                    value = compatible && (p[i] == '*' ? current[j + 1] : q[j] == '*' ? below[j] : below[j + 1]);
                }

                current[j] = value;
            }

            (below, current) = (current, below);
        }

        return below[0];
    }

    private static bool Same(ReadOnlySpan<char> a, ReadOnlySpan<char> b, bool ignoreCase) =>
        ignoreCase ? a.Equals(b, StringComparison.OrdinalIgnoreCase) : a.SequenceEqual(b);

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
