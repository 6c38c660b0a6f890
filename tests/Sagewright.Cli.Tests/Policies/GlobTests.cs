using Sagewright.Cli.Policies;

namespace Sagewright.Cli.Tests.Policies;

public class GlobTests
{
    [Theory]
    // A prefix glob covers longer prefixes under it, never a sibling that merely shares characters.
    [InlineData("bucket/raw-data/*", "bucket/raw-data/2024/*", true)]
    [InlineData("bucket/raw-data/*", "bucket/raw-data/file.csv", true)]
    [InlineData("bucket/raw-data/*", "bucket/raw-data-old/*", false)]
    [InlineData("bucket/raw-data/*", "bucket/raw-data-old/file.csv", false)]
    [InlineData("bucket/raw-data*", "bucket/raw-data-old/*", true)]
    // The inner pattern's own star is unbounded: a literal tail cannot cover it.
    [InlineData("bucket/raw-data/file.csv", "bucket/raw-data/*", false)]
    // '*' alone covers everything, including other patterns and the empty string.
    [InlineData("*", "arn:aws:s3:::bucket/raw-data/*", true)]
    [InlineData("*", "*", true)]
    [InlineData("*", "", true)]
    [InlineData("**", "a?b*c", true)]
    // '?' is exactly one character.
    [InlineData("file-?.csv", "file-1.csv", true)]
    [InlineData("file-?.csv", "file-10.csv", false)]
    [InlineData("file-?.csv", "file-.csv", false)]
    [InlineData("file-?.csv", "file-?.csv", true)]
    [InlineData("file-?.csv", "file-*.csv", false)]
    [InlineData("file-*.csv", "file-?.csv", true)]
    [InlineData("file-??", "file-?", false)]
    // Runs of wildcards are compared in canonical form: "*?" and "?*" are the same language.
    [InlineData("a*?", "a?*", true)]
    [InlineData("a?*", "a*?", true)]
    [InlineData("a*?", "a*", false)]
    public void Containment(string outer, string inner, bool expected)
    {
        Assert.Equal(expected, Glob.Contains(outer, inner));
    }

    [Fact]
    public void Containment_is_case_sensitive_unless_asked()
    {
        Assert.False(Glob.Contains("s3:Get*", "s3:getobject"));
        Assert.True(Glob.Contains("s3:Get*", "s3:getobject", ignoreCase: true));
    }

    [Theory]
    [InlineData("s3:Get*", "s3:*Object", true)]    // s3:GetObject
    [InlineData("s3:Get*", "s3:Put*", false)]
    [InlineData("a?c", "ab*", true)]
    [InlineData("a?c", "abcd", false)]
    [InlineData("*", "", true)]
    [InlineData("x*", "", false)]
    [InlineData("bucket/raw-data/*", "bucket/raw-data-old/*", false)]
    [InlineData("bucket/*/x", "bucket/a/*", true)]
    public void Overlap(string a, string b, bool expected)
    {
        Assert.Equal(expected, Glob.Overlaps(a, b));
        Assert.Equal(expected, Glob.Overlaps(b, a));
    }

    [Theory]
    [InlineData("a*b?c**", "a*b?c*")]
    [InlineData("*?*?", "??*")]
    [InlineData("plain", "plain")]
    public void Canonical_form(string pattern, string canonical)
    {
        Assert.Equal(canonical, Glob.Canonical(pattern));
    }

    [Fact]
    public void Matching_treats_the_text_as_literal()
    {
        Assert.True(Glob.Matches("raw/*", "raw/2024/file"));
        Assert.True(Glob.Matches("raw/*", "raw/*"));
        Assert.False(Glob.Matches("raw/?", "raw/10"));
    }

    [Fact]
    public void Long_patterns_take_memory_linear_in_their_length()
    {
        // Wildcards all along: the table is needed. A table of both would be 1.5 MB of bools per comparison.
        var outer = "arn:aws:s3:::b/" + string.Concat(Enumerable.Repeat("a*", 500));
        var inner = "arn:aws:s3:::b/" + string.Concat(Enumerable.Repeat("aa?", 500));
        var contains = Glob.Contains(outer, inner);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var overlaps = Glob.Overlaps(outer, inner);
        var reverse = Glob.Contains(inner, outer);
        var again = Glob.Contains(outer, inner);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(contains && overlaps && !reverse && again);
        Assert.True(allocated < 200_000, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Patterns_over_the_cap_are_never_proved_contained()
    {
        var huge = "arn:aws:s3:::b/" + new string('a', 100_000) + "*";
        var other = "arn:aws:s3:::b/" + new string('a', 99_999) + "*";
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.False(Glob.Contains(other, huge));
        Assert.True(Glob.Overlaps(other, huge));
        Assert.True(Glob.Contains("*", huge));
        Assert.False(Glob.Matches(huge, huge[..^1] + "x"));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 2_000_000);
    }
}
