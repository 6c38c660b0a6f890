using Sagewright.Cli.Policies;
using static Sagewright.Cli.Tests.Infrastructure.Policies;

namespace Sagewright.Cli.Tests.Policies;

/// <summary>The index only narrows the grants compared: every grant that covers another is among its candidates.</summary>
public class CoverageIndexTests
{
    private static readonly string[] Actions = ["s3:GetObject", "s3:Get*", "s3:*", "*", "S3:GETOBJECT", "s3:G?tObject", "iam:PassRole", "*:GetObject"];

    private static readonly string[] Resources =
    [
        "*", "arn:aws:s3:::b/*", "arn:aws:s3:::b/in/*", "arn:aws:s3:::b/in/2024/*", "arn:aws:s3:::b/in", "arn:aws:s3:::b?in/*",
        "arn:aws:s3:::*/in/*", "arn:*:s3:::b/in/*", "arn:aws:logs:*:111122223333:log-group:/aws/*", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/x",
        "not-an-arn*", "",
    ];

    private static IEnumerable<Grant> All()
    {
        foreach (var action in Actions)
        {
            foreach (var resource in Resources)
            {
                yield return Grant($$"""{"Effect": "Allow", "Action": "{{action}}", "Resource": "{{resource}}"}""");
            }
        }

        yield return Grant("""{"Effect": "Allow", "NotAction": "s3:DeleteObject", "Resource": "arn:aws:s3:::b/*"}""");
        yield return Grant("""{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"}""");
        yield return Grant("""{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "sagemaker.amazonaws.com"}}""");
        yield return Grant("""{"Effect": "Allow", "Action": "sts:*", "Principal": "*"}""");
    }

    [Fact]
    public void Every_covering_grant_is_a_candidate()
    {
        var grants = All().ToArray();
        var index = new CoverageIndex(grants);
        var checkedPairs = 0;
        foreach (var inner in grants)
        {
            var candidates = index.Candidates(inner).ToHashSet(ReferenceEqualityComparer.Instance);
            var actionCandidates = index.ActionCandidates(inner).ToHashSet(ReferenceEqualityComparer.Instance);
            foreach (var outer in grants)
            {
                if (Coverage.Covers(outer, inner))
                {
                    checkedPairs++;
                    Assert.True(candidates.Contains(outer), $"{outer} covers {inner} but is not a candidate");
                }

                if (Coverage.ActionCovers(outer.Action, inner.Action))
                {
                    Assert.True(actionCandidates.Contains(outer), $"{outer} covers the action of {inner} but is not a candidate");
                }
            }
        }

        Assert.True(checkedPairs > grants.Length, "the grants should cover each other in many ways");
    }

    [Fact]
    public void Candidates_skip_grants_that_cannot_cover()
    {
        var grants = Enumerable.Range(0, 500)
            .Select(i => Grant($$"""{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/team-{{i}}/*"}"""))
            .ToArray();
        var index = new CoverageIndex(grants);

        var candidates = index.Candidates(Grant("""{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/team-7/2024/*"}""")).ToArray();

        Assert.Equal(["Allow s3:GetObject on arn:aws:s3:::b/team-7/*"], candidates.Select(g => g.ToString()));
    }
}
