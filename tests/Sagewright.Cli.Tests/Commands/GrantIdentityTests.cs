using Sagewright.Cli.Tests.Infrastructure;
using static Sagewright.Cli.Tests.Infrastructure.Policies;

namespace Sagewright.Cli.Tests.Commands;

/// <summary>Grants are compared as structured values, never as joined strings, and the policy Version is compared.</summary>
public sealed class GrantIdentityTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Diff(string oldPolicy, string newPolicy)
    {
        _dir.Write("old.policy.json", oldPolicy);
        _dir.Write("new.policy.json", newPolicy);
        return CliRunner.Run(_dir.Path, "policy", "diff", "old.policy.json", "new.policy.json");
    }

    [Fact]
    public void Two_condition_values_are_not_one_value_that_joins_them()
    {
        // Before, both were the identity "StringNotEquals␟k␟a␟b": "No policy changes".
        var result = Diff(
            Document("""{"Sid": "S", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": ["a", "b"]}}}"""),
            Document("""{"Sid": "S", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "a\u001fb"}}}"""));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("WIDENING: condition loosened: was StringNotEquals aws:PrincipalTag/team in [a, b], now StringNotEquals aws:PrincipalTag/team = a\\u001fb", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_NotAction_is_not_an_action_spelled_with_a_leading_bang()
    {
        // Before, NotAction ["s3:GetObject"] had the key "!s3:getobject", the same as the literal action "!s3:GetObject".
        var result = Diff(
            Document("""{"Sid": "S", "Effect": "Allow", "Action": "!s3:GetObject", "Resource": "*"}"""),
            Document("""{"Sid": "S", "Effect": "Allow", "NotAction": "s3:GetObject", "Resource": "*"}"""));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("+ Allow every action except [s3:GetObject] on * (Sid S)\n    WIDENING: no old Allow grant covers every action except [s3:GetObject]", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Grants_equal_by_value_are_one_grant()
    {
        var a = Grant("""{"Effect": "Allow", "NotAction": ["s3:PutObject", "S3:GetObject"], "Resource": "*"}""");
        var b = Grant("""{"Effect": "Allow", "NotAction": ["s3:getobject", "s3:putobject"], "Resource": "*"}""");
        var literal = Grant("""{"Effect": "Allow", "Action": "!s3:getobject\u001fs3:putobject", "Resource": "*"}""");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, literal);
    }

    private static string Versioned(string? version, string resource) =>
        "{" + (version is null ? "" : $"\"Version\": \"{version}\", ") +
        $$"""
        "Statement": [{"Sid": "Home", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "{{resource}}"}]}
        """;

    [Fact]
    public void A_version_that_turns_on_policy_variables_is_widening()
    {
        var result = Diff(Versioned("2008-10-17", "arn:aws:s3:::home/${aws:username}/*"), Versioned("2012-10-17", "arn:aws:s3:::home/${aws:username}/*"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("""
            old.policy.json -> new.policy.json (modified): 0 added, 0 removed, 1 other change, 1 widening
              ~ Version: Version changed from 2008-10-17 to 2012-10-17
                WIDENING: policy variables such as ${aws:username} now stand for request values (Version 2012-10-17); with Version 2008-10-17 they were literal text

            1 file compared, 1 changed: 0 grants added, 0 removed, 1 other change, 1 widening change.

            """, result.Stdout);
    }

    [Fact]
    public void Other_version_changes_are_reported_without_widening()
    {
        var added = Diff(Versioned(null, "arn:aws:s3:::home/*"), Versioned("2012-10-17", "arn:aws:s3:::home/*"));
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("~ Version: Version changed from (none) to 2012-10-17\n", added.Stdout, StringComparison.Ordinal);

        var off = Diff(Versioned("2012-10-17", "arn:aws:s3:::home/${aws:username}/*"), Versioned("2008-10-17", "arn:aws:s3:::home/${aws:username}/*"));
        Assert.Equal(0, off.ExitCode);
        Assert.Contains("~ Version: Version changed from 2012-10-17 to 2008-10-17\n", off.Stdout, StringComparison.Ordinal);
    }
}
