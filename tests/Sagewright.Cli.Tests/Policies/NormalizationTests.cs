using Sagewright.Cli.Policies;
using static Sagewright.Cli.Tests.Infrastructure.Policies;

namespace Sagewright.Cli.Tests.Policies;

public class NormalizationTests
{
    private static string[] Texts(string json) => Grants(json).Select(g => g.ToString()).ToArray();

    [Fact]
    public void Each_action_and_resource_pair_is_one_grant_in_sorted_order()
    {
        var grants = Texts(Document("""{"Sid": "Io", "Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": ["arn:aws:s3:::b/out/*", "arn:aws:s3:::b/in/*"]}"""));
        Assert.Equal(
        [
            "Allow s3:GetObject on arn:aws:s3:::b/in/*",
            "Allow s3:GetObject on arn:aws:s3:::b/out/*",
            "Allow s3:PutObject on arn:aws:s3:::b/in/*",
            "Allow s3:PutObject on arn:aws:s3:::b/out/*",
        ], grants);
    }

    [Fact]
    public void Strings_and_one_element_arrays_are_the_same_grant()
    {
        var scalar = Grants(Document("""{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"""));
        var array = Grants(Document("""{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::b/*"]}"""));
        Assert.Equal(scalar, array);
    }

    [Fact]
    public void A_single_statement_object_is_accepted()
    {
        var grants = Grants("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}""");
        Assert.Equal("Allow s3:GetObject on *", Assert.Single(grants).ToString());
    }

    [Fact]
    public void Action_names_compare_case_insensitively_resources_do_not()
    {
        var a = Grant("""{"Effect": "Allow", "Action": "S3:GetObject", "Resource": "arn:aws:s3:::b/*"}""");
        var b = Grant("""{"Effect": "Allow", "Action": "s3:getobject", "Resource": "arn:aws:s3:::b/*"}""");
        var c = Grant("""{"Effect": "Allow", "Action": "s3:getobject", "Resource": "arn:aws:s3:::B/*"}""");
        Assert.Equal(a, b);
        Assert.NotEqual(b, c);
        Assert.Equal("S3:GetObject", a.Action.Pattern); // shown as written
    }

    [Fact]
    public void Duplicate_actions_in_one_statement_are_one_grant()
    {
        Assert.Single(Grants(Document("""{"Effect": "Allow", "Action": ["s3:GetObject", "S3:GETOBJECT"], "Resource": "*"}""")));
    }

    [Fact]
    public void Condition_values_are_a_set_whatever_their_order_or_json_type()
    {
        var a = Grant("""{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": ["b/*", "a/*", "a/*"]}, "NumericLessThanEquals": {"s3:max-keys": 10}, "Bool": {"aws:SecureTransport": true}}}""");
        var b = Grant("""{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "True"}, "NumericLessThanEquals": {"s3:max-keys": "10"}, "StringLike": {"s3:prefix": ["a/*", "b/*"]}}}""");
        Assert.Equal(a, b);
        Assert.Equal(
            // Conditions are ordered by key (case-insensitive), whatever order the JSON had.
            "Allow s3:ListBucket on * when Bool aws:SecureTransport = true and NumericLessThanEquals s3:max-keys = 10 and StringLike s3:prefix in [a/*, b/*]",
            a.ToString());
    }

    [Fact]
    public void A_grant_written_in_two_statements_is_one_grant_with_both_sids()
    {
        var grant = Assert.Single(Grants(Document(
            """{"Sid": "Second", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}""",
            """{"Sid": "First", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}""")));
        Assert.Equal(["First", "Second"], grant.Sids);
    }

    [Fact]
    public void Deny_statements_become_deny_grants_distinct_from_allow()
    {
        var grants = Grants(Document(
            """{"Effect": "Allow", "Action": "s3:DeleteObject", "Resource": "*"}""",
            """{"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}"""));
        Assert.Equal([Effect.Allow, Effect.Deny], grants.Select(g => g.Effect));
    }

    [Fact]
    public void Not_forms_stay_one_grant_with_their_whole_set()
    {
        var grant = Grant("""{"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "NotResource": ["arn:aws:s3:::b/*"]}""");
        Assert.Equal(TermKind.Not, grant.Action.Kind);
        Assert.Equal(["iam:*", "sts:*"], grant.Action.Values);
        Assert.Equal("Deny every action except [iam:*, sts:*] on every resource except [arn:aws:s3:::b/*]", grant.ToString());
    }

    [Fact]
    public void Trust_policy_principals_expand_per_principal()
    {
        var grants = Texts(Document("""{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": ["sagemaker.amazonaws.com", "lambda.amazonaws.com"], "AWS": "arn:aws:iam::111122223333:root"}, "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}"""));
        Assert.Equal(
        [
            "Allow sts:AssumeRole for AWS:arn:aws:iam::111122223333:root when StringEquals aws:SourceAccount = 111122223333",
            "Allow sts:AssumeRole for Service:lambda.amazonaws.com when StringEquals aws:SourceAccount = 111122223333",
            "Allow sts:AssumeRole for Service:sagemaker.amazonaws.com when StringEquals aws:SourceAccount = 111122223333",
        ], grants);
    }
}
