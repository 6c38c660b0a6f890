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

    /// <summary>Does <paramref name="pattern"/> match <paramref name="text"/> (a literal)?</summary>
    public static bool Matches(string pattern, string text, bool ignoreCase = false)
    {
        // A literal text is a pattern without wildcards; literal '*' or '?' in the text are treated as
        // the characters they are by escaping them out of the way: matching is containment of a literal.
        return Contains(pattern, text, ignoreCase, textIsLiteral: true);
    }

    /// <summary>Is every text matched by <paramref name="inner"/> also matched by <paramref name="outer"/>?</summary>
    public static bool Contains(string outer, string inner, bool ignoreCase = false) =>
        Contains(outer, inner, ignoreCase, textIsLiteral: false);

    private static bool Contains(string outer, string inner, bool ignoreCase, bool textIsLiteral)
    {
        var q = Canonical(outer);
        var p = textIsLiteral ? inner : Canonical(inner);
        var n = p.Length;
        var m = q.Length;

        // covered[i, j]: q[j..] matches every text p[i..] matches. Filled from the ends backwards.
        var covered = new bool[n + 1, m + 1];
        covered[n, m] = true;
        for (var j = m - 1; j >= 0; j--)
        {
            for (var i = n; i >= 0; i--)
            {
                bool value;
                if (q[j] == '*')
                {
                    // The outer star absorbs zero or more inner symbols, whatever they are.
                    value = covered[i, j + 1] || (i < n && covered[i + 1, j]);
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
                        value = covered[i + 1, j + 1];
                    }
                    else
                    {
                        value = !innerIsWildcard && Same(p[i], q[j], ignoreCase) && covered[i + 1, j + 1];
                    }
                }

                covered[i, j] = value;
            }
        }

        return covered[0, 0];
    }

    /// <summary>Is there a text both patterns match?</summary>
    public static bool Overlaps(string a, string b, bool ignoreCase = false)
    {
        var p = Canonical(a);
        var q = Canonical(b);
        var n = p.Length;
        var m = q.Length;

        // both[i, j]: some text matches p[i..] and q[j..]. Moves either skip a star (no character) or
        // consume one character on both sides; a star consuming a character stays where it is.
        var both = new bool[n + 1, m + 1];
        both[n, m] = true;
        for (var i = n; i >= 0; i--)
        {
            for (var j = m; j >= 0; j--)
            {
                if (i == n && j == m)
                {
                    continue;
                }

                var value = (i < n && p[i] == '*' && both[i + 1, j]) || (j < m && q[j] == '*' && both[i, j + 1]);
                if (!value && i < n && j < m && !(p[i] == '*' && q[j] == '*'))
                {
                    var compatible = p[i] is '*' or '?' || q[j] is '*' or '?' || Same(p[i], q[j], ignoreCase);
                    var ni = p[i] == '*' ? i : i + 1;
                    var nj = q[j] == '*' ? j : j + 1;
                    value = compatible && both[ni, nj];
                }

                both[i, j] = value;
            }
        }

        return both[0, 0];
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
