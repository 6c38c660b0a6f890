using Sagewright.Cli.Policies;
using static Sagewright.Cli.Tests.Infrastructure.Policies;

namespace Sagewright.Cli.Tests.Policies;

public class CoverageTests
{
    private static Grant S3(string action, string resource, string condition = "") =>
        Grant($$"""{"Effect": "Allow", "Action": "{{action}}", "Resource": "{{resource}}"{{(condition.Length > 0 ? ", \"Condition\": " + condition : "")}}}""");

    [Fact]
    public void Old_action_pattern_must_match_the_new_action_case_insensitively()
    {
        Assert.True(Coverage.Covers(S3("s3:Get*", "*"), S3("S3:GETOBJECT", "*")));
        Assert.True(Coverage.Covers(S3("*", "*"), S3("iam:PassRole", "*")));
        Assert.False(Coverage.Covers(S3("s3:GetObject", "*"), S3("s3:GetObjectAcl", "*")));
        Assert.False(Coverage.Covers(S3("s3:GetObject", "*"), S3("s3:Get*", "*")));
    }

    [Fact]
    public void Old_resource_glob_must_contain_the_new_one()
    {
        Assert.True(Coverage.Covers(S3("s3:GetObject", "arn:aws:s3:::bucket/raw-data/*"), S3("s3:GetObject", "arn:aws:s3:::bucket/raw-data/2024/*")));
        Assert.False(Coverage.Covers(S3("s3:GetObject", "arn:aws:s3:::bucket/raw-data/*"), S3("s3:GetObject", "arn:aws:s3:::bucket/raw-data-old/*")));
        Assert.True(Coverage.Covers(S3("s3:GetObject", "*"), S3("s3:GetObject", "arn:aws:s3:::anything/at/all")));
    }

    [Fact]
    public void Arn_fields_are_compared_one_by_one()
    {
        // A '*' in the account field stands for one account id, never for "account:more-fields".
        Assert.True(Coverage.ResourceContains("arn:aws:logs:us-east-1:*:log-group:/aws/sagemaker/*", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/sagemaker/TrainingJobs:*"));
        Assert.False(Coverage.ResourceContains("arn:aws:logs:us-east-1:*:log-group:x", "arn:aws:logs:us-east-1:111122223333:other:log-group:x"));
        Assert.True(Glob.Contains("arn:aws:logs:us-east-1:*:log-group:x", "arn:aws:logs:us-east-1:111122223333:other:log-group:x"));
        // Region wildcard.
        Assert.True(Coverage.ResourceContains("arn:aws:ecr:*:111122223333:repository/x", "arn:aws:ecr:eu-west-1:111122223333:repository/x"));
        Assert.False(Coverage.ResourceContains("arn:aws:ecr:us-east-1:111122223333:repository/x", "arn:aws:ecr:*:111122223333:repository/x"));
    }

    [Fact]
    public void Old_conditions_must_be_a_subset_of_the_new_conditions()
    {
        const string account = """{"StringEquals": {"aws:SourceAccount": "111122223333"}}""";
        const string accountAndArn = """{"StringEquals": {"aws:SourceAccount": "111122223333"}, "ArnLike": {"aws:SourceArn": "arn:aws:sagemaker:us-east-1:111122223333:*"}}""";
        Assert.True(Coverage.Covers(S3("s3:GetObject", "*", account), S3("s3:GetObject", "*", accountAndArn)));
        Assert.False(Coverage.Covers(S3("s3:GetObject", "*", accountAndArn), S3("s3:GetObject", "*", account)));
        Assert.True(Coverage.Covers(S3("s3:GetObject", "*"), S3("s3:GetObject", "*", account)));
        Assert.False(Coverage.Covers(S3("s3:GetObject", "*", account), S3("s3:GetObject", "*")));
    }

    [Fact]
    public void Multi_valued_keys_are_alternatives_so_fewer_values_are_stricter()
    {
        const string two = """{"StringEquals": {"aws:SourceAccount": ["111122223333", "444455556666"]}}""";
        const string one = """{"StringEquals": {"aws:SourceAccount": "111122223333"}}""";
        Assert.True(Coverage.Covers(S3("s3:GetObject", "*", two), S3("s3:GetObject", "*", one)));
        Assert.False(Coverage.Covers(S3("s3:GetObject", "*", one), S3("s3:GetObject", "*", two)));
    }

    [Fact]
    public void Negated_operators_are_stricter_with_more_values()
    {
        var one = new GrantCondition("StringNotEquals", "aws:PrincipalTag/team", ["a"]);
        var two = new GrantCondition("StringNotEquals", "aws:PrincipalTag/team", ["a", "b"]);
        Assert.True(Coverage.ConditionImplies(two, one));
        Assert.False(Coverage.ConditionImplies(one, two));
    }

    [Fact]
    public void Like_patterns_cover_narrower_patterns_and_literals()
    {
        var like = new GrantCondition("StringLike", "s3:prefix", ["raw-data/*"]);
        Assert.True(Coverage.ConditionImplies(new GrantCondition("StringLike", "s3:prefix", ["raw-data/2024/*"]), like));
        Assert.True(Coverage.ConditionImplies(new GrantCondition("StringEquals", "s3:prefix", ["raw-data/x"]), like));
        Assert.False(Coverage.ConditionImplies(new GrantCondition("StringLike", "s3:prefix", ["raw-data-old/*"]), like));
        Assert.False(Coverage.ConditionImplies(like, new GrantCondition("StringEquals", "s3:prefix", ["raw-data/x"])));
    }

    [Fact]
    public void IfExists_is_looser_than_the_plain_operator()
    {
        var plain = new GrantCondition("StringEquals", "aws:RequestTag/team", ["ml"]);
        var ifExists = new GrantCondition("StringEqualsIfExists", "aws:RequestTag/team", ["ml"]);
        Assert.True(Coverage.ConditionImplies(plain, ifExists));
        Assert.False(Coverage.ConditionImplies(ifExists, plain));
    }

    [Fact]
    public void Condition_keys_compare_case_insensitively_and_operators_do_not_mix_across_families()
    {
        Assert.True(Coverage.ConditionImplies(
            new GrantCondition("StringEquals", "AWS:SourceAccount", ["1"]),
            new GrantCondition("StringEquals", "aws:sourceaccount", ["1"])));
        Assert.False(Coverage.ConditionImplies(
            new GrantCondition("NumericEquals", "s3:max-keys", ["10"]),
            new GrantCondition("StringEquals", "s3:max-keys", ["10"])));
        Assert.False(Coverage.ConditionImplies(
            new GrantCondition("ForAnyValue:StringEquals", "aws:TagKeys", ["a"]),
            new GrantCondition("ForAllValues:StringEquals", "aws:TagKeys", ["a"])));
    }

    [Fact]
    public void NotAction_covers_what_it_does_not_exclude()
    {
        var allButIam = Grant("""{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}""");
        Assert.True(Coverage.Covers(allButIam, S3("s3:GetObject", "*")));
        Assert.False(Coverage.Covers(allButIam, S3("IAM:PassRole", "*")));
        Assert.False(Coverage.Covers(allButIam, S3("*", "*")));

        // A NotAction grant is only covered by '*' or by a NotAction that excludes no more.
        var allButIamPassRole = Grant("""{"Effect": "Allow", "NotAction": "iam:PassRole", "Resource": "*"}""");
        Assert.True(Coverage.Covers(S3("*", "*"), allButIam));
        Assert.True(Coverage.Covers(allButIamPassRole, allButIam));
        Assert.False(Coverage.Covers(allButIam, allButIamPassRole));
        Assert.False(Coverage.Covers(S3("s3:*", "*"), allButIam));
    }

    [Fact]
    public void Effects_never_cover_each_other()
    {
        var deny = Grant("""{"Effect": "Deny", "Action": "*", "Resource": "*"}""");
        Assert.False(Coverage.Covers(deny, S3("s3:GetObject", "*")));
    }

    [Fact]
    public void Principals_must_match_by_type()
    {
        var sagemaker = Grant("""{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "sagemaker.amazonaws.com"}}""");
        var anyone = Grant("""{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": "*"}""");
        var account = Grant("""{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}}""");
        Assert.True(Coverage.Covers(anyone, sagemaker));
        Assert.False(Coverage.Covers(sagemaker, anyone));
        Assert.False(Coverage.Covers(sagemaker, account));
        Assert.True(Coverage.Covers(sagemaker, sagemaker));
    }
}
