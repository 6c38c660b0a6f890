using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Iam;

/// <summary>The trust policies, judged by the offline IAM simulator as AWS judges <c>sts:AssumeRole</c> by
/// <c>sagemaker.amazonaws.com</c>: with the <c>aws:SourceArn</c> and <c>aws:SourceAccount</c> SageMaker sends for each
/// kind of role. The values are the ones the developer guide documents
/// (<see href="https://docs.aws.amazon.com/sagemaker/latest/dg/security-confused-deputy-prevention.html">Cross-service
/// confused deputy prevention</see>): for inference (models, and the endpoints and transform jobs that run them) the
/// literal <c>arn:&lt;partition&gt;:sagemaker:&lt;region&gt;:&lt;account&gt;:*</c>.</summary>
public class OracleTrustTests
{
    private const string OtherAccount = "999999999999";

    [OracleTheory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void SageMaker_can_assume_each_role_for_what_it_runs_and_not_for_another_account(string sample)
    {
        var files = Samples.Generate(sample).Files();
        var policies = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var requests = new List<OracleRequest>();
        var expected = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var pipeline in files.Keys.Where(k => k.EndsWith("/pipeline.json", StringComparison.Ordinal)).Select(k => k[..k.IndexOf('/')]))
        {
            var iam = IamFiles.Of(files, pipeline);
            var account = (string)iam.Roles["account"]!;
            var prefix = "arn:" + (string)iam.Roles["partition"]! + ":sagemaker:" + (string)iam.Roles["region"]! + ":";
            foreach (var role in iam.RoleEntries)
            {
                var name = (string)role["name"]!;
                policies[name] = iam.Trust(name);
                var sources = (string)role["kind"]! switch
                {
                    "pipeline" => new[] { "pipeline/" + pipeline.ToLowerInvariant() + "/execution/abcdef123456" },
                    "job" => Kinds(iam, name).Select(kind => kind + "/pipelines-abcdef123456-step-0123456789").ToArray(),
                    "inference" => new[] { "*" },
                    var kind => throw new Xunit.Sdk.XunitException("unknown role kind " + kind),
                };
                foreach (var source in sources)
                {
                    void Probe(string what, string sourceArn, string sourceAccount, bool allowed)
                    {
                        var id = name + " " + what + " " + sourceArn;
                        requests.Add(new OracleRequest(id, "sagemaker.amazonaws.com", [], "sts:AssumeRole", (string)role["arn"]!, account,
                            ImmutableSortedDictionary<string, string>.Empty.Add("aws:SourceArn", sourceArn).Add("aws:SourceAccount", sourceAccount))
                        { ResourcePolicy = name });
                        expected[id] = allowed;
                    }

                    Probe("for", prefix + account + ":" + source, account, allowed: true);
                    Probe("for another account's", prefix + OtherAccount + ":" + source, OtherAccount, allowed: false);
                }
            }
        }

        var decisions = OracleClient.Simulate(policies, requests);
        var wrong = expected.Where(e => decisions[e.Key].IsAllowed != e.Value || decisions[e.Key].Error is not null)
            .Select(e => e.Key + ": expected " + (e.Value ? "Allowed" : "denied") + ", got " + decisions[e.Key]).ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The job kinds a job role runs, from the resource types its trust policy names.</summary>
    private static IEnumerable<string> Kinds(IamFiles iam, string role) =>
        IamFiles.Strings(iam.Trust(role)["Statement"]![0]!["Condition"]!["ArnLike"]!["aws:SourceArn"])
            .Select(arn => arn.Split(':')[5].Split('/')[0]);
}
