using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Iam;

/// <summary>The IAM output contract, checked on every sample: the files, their shape and order, and that the
/// definition runs every step as a role whose policy was written.</summary>
public class IamSampleTests
{
    private static IEnumerable<IamFiles> Pipelines(string sample)
    {
        var files = Samples.Generate(sample).Files();
        var pipelines = files.Keys.Where(k => k.EndsWith("/pipeline.json", StringComparison.Ordinal)).Select(k => k[..k.IndexOf('/')]).ToList();
        Assert.NotEmpty(pipelines);
        return pipelines.Select(p => IamFiles.Of(files, p)).ToList();
    }

    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Definition_role_ARNs_are_exactly_the_roles_of_roles_json(string sample)
    {
        foreach (var iam in Pipelines(sample))
        {
            var roles = iam.RoleEntries.Select(r => (string)r["arn"]!).Order(StringComparer.Ordinal).ToList();
            var used = iam.DefinitionRoleArns();
            Assert.Equal(roles, used.Values.Concat(iam.EndpointRoles.Values).Distinct().Order(StringComparer.Ordinal));
            foreach (var (endpoint, arn) in iam.EndpointRoles)
            {
                Assert.Contains(endpoint, IamFiles.Strings(iam.RoleEntries.Single(r => (string)r["arn"]! == arn)["usedBy"]));
            }

            Assert.Equal((string)iam.RoleEntries.First()["arn"]!, used["(pipeline)"]);
            foreach (var (step, arn) in used.Where(u => u.Key != "(pipeline)"))
            {
                var role = iam.RoleEntries.Single(r => (string)r["arn"]! == arn);
                Assert.Contains(step, IamFiles.Strings(role["usedBy"]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Roles_json_follows_the_contract(string sample)
    {
        foreach (var iam in Pipelines(sample))
        {
            var options = Samples.Options(sample);
            Assert.Equal(["account", "region", "partition", "pipeline", "roles"], iam.Roles.AsObject().Select(p => p.Key));
            Assert.Equal(options.AccountId, (string)iam.Roles["account"]!);
            Assert.Equal(options.Region, (string)iam.Roles["region"]!);
            Assert.Equal(options.Partition ?? "aws", (string)iam.Roles["partition"]!);
            Assert.Equal(iam.Pipeline, (string)iam.Roles["pipeline"]!);

            var roles = iam.RoleEntries.ToList();
            Assert.Equal("pipeline", (string)roles[0]["kind"]!);
            Assert.Single(roles, r => (string)r["kind"]! == "pipeline");
            Assert.Equal(roles.Skip(1).Select(r => (string)r["name"]!).Order(StringComparer.Ordinal), roles.Skip(1).Select(r => (string)r["name"]!));
            var steps = IamFiles.AllSteps(iam.Definition["Steps"]!.AsArray()).Select(s => (string)s["Name"]!).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(steps.Order(StringComparer.Ordinal), IamFiles.Strings(roles[0]["usedBy"]));
            steps.UnionWith(iam.EndpointRoles.Keys); // an endpoint's inference role is used by endpoints/<name>
            foreach (var role in roles)
            {
                Assert.Equal(["name", "arn", "kind", "policy", "trust", "usedBy", "managedPolicies"], role.AsObject().Select(p => p.Key));
                var name = (string)role["name"]!;
                Assert.InRange(name.Length, 1, 64);
                Assert.EndsWith(":role/" + name, (string)role["arn"]!, StringComparison.Ordinal);
                Assert.Contains((string)role["kind"]!, new[] { "pipeline", "job", "inference" });
                Assert.Equal(name + ".policy.json", (string)role["policy"]!);
                Assert.Equal(name + ".trust.json", (string)role["trust"]!);
                Assert.True(iam.All.ContainsKey(iam.Pipeline + "/iam/" + name + ".policy.json"));
                Assert.True(iam.All.ContainsKey(iam.Pipeline + "/iam/" + name + ".trust.json"));
                var usedBy = IamFiles.Strings(role["usedBy"]);
                Assert.NotEmpty(usedBy);
                Assert.Equal(usedBy.Order(StringComparer.Ordinal), usedBy);
                Assert.All(usedBy, s => Assert.Contains(s, steps));
                Assert.Empty(IamFiles.Strings(role["managedPolicies"]));
            }

            // roles.json, report.json, report.md and a policy and a trust policy per role.
            Assert.Equal(roles.Count * 2 + 3, iam.All.Keys.Count(k => k.StartsWith(iam.Pipeline + "/iam/", StringComparison.Ordinal)));
        }
    }

    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Policies_are_sorted_have_unique_Sids_and_use_wildcard_resources_only_where_the_Sid_says_so(string sample)
    {
        foreach (var iam in Pipelines(sample))
        {
            foreach (var role in iam.RoleNames)
            {
                var policy = iam.Policy(role);
                Assert.Equal("2012-10-17", (string)policy["Version"]!);
                var statements = iam.Statements(role).ToList();
                Assert.NotEmpty(statements);
                var sids = statements.Select(s => (string)s["Sid"]!).ToList();
                Assert.Equal(sids.Distinct(StringComparer.Ordinal).Count(), sids.Count);
                Assert.Equal(sids.Order(StringComparer.Ordinal), sids);
                foreach (var statement in statements)
                {
                    var sid = (string)statement["Sid"]!;
                    Assert.Matches("^[A-Za-z0-9]+$", sid);
                    Assert.Equal("Allow", (string)statement["Effect"]!);
                    Assert.IsType<JsonArray>(statement["Action"]);
                    Assert.IsType<JsonArray>(statement["Resource"]);
                    var actions = IamFiles.Strings(statement["Action"]);
                    var resources = IamFiles.Strings(statement["Resource"]);
                    Assert.NotEmpty(actions);
                    Assert.NotEmpty(resources);
                    Assert.Equal(actions.Distinct().Order(StringComparer.Ordinal), actions);
                    Assert.Equal(resources.Distinct().Order(StringComparer.Ordinal), resources);
                    Assert.All(actions, a => Assert.Matches("^[a-z0-9-]+:[A-Za-z0-9]+$", a));
                    if (resources.Contains("*"))
                    {
                        Assert.Equal(["*"], resources);
                        Assert.EndsWith("RequiresWildcard", sid, StringComparison.Ordinal);
                    }

                    if (statement["Condition"] is { } condition)
                    {
                        Assert.NotEmpty(condition.AsObject());
                        Assert.Equal(condition.AsObject().Select(c => c.Key).Order(StringComparer.Ordinal), condition.AsObject().Select(c => c.Key));
                    }

                    Assert.Contains("\n### " + sid + "\n", iam.Report, StringComparison.Ordinal);
                }

                Assert.Contains("\n## " + role + " (" + (string)iam.Role(role)["kind"]! + ")\n", iam.Report, StringComparison.Ordinal);
            }

            Assert.StartsWith("# IAM report: " + iam.Pipeline + "\n", iam.Report, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Trust_policies_protect_against_the_confused_deputy(string sample)
    {
        foreach (var iam in Pipelines(sample))
        {
            var account = (string)iam.Roles["account"]!;
            foreach (var role in iam.RoleEntries)
            {
                var trust = iam.Trust((string)role["name"]!);
                var statement = Assert.Single(trust["Statement"]!.AsArray())!;
                Assert.Equal("sagemaker.amazonaws.com", (string)statement["Principal"]!["Service"]!);
                Assert.Equal(["sts:AssumeRole"], IamFiles.Strings(statement["Action"]));
                Assert.Equal([account], IamFiles.Strings(statement["Condition"]!["StringEquals"]!["aws:SourceAccount"]));
                var sources = IamFiles.Strings(statement["Condition"]!["ArnLike"]!["aws:SourceArn"]);
                Assert.NotEmpty(sources);
                Assert.All(sources, s => Assert.StartsWith("arn:" + (string)iam.Roles["partition"]! + ":sagemaker:" + (string)iam.Roles["region"]! + ":" + account + ":", s, StringComparison.Ordinal));
                if ((string)role["kind"]! == "inference")
                {
                    // The developer guide's form for inference: SageMaker sends exactly this, "*" included.
                    Assert.Equal(["arn:" + (string)iam.Roles["partition"]! + ":sagemaker:" + (string)iam.Roles["region"]! + ":" + account + ":*"], sources);
                }
                else
                {
                    Assert.All(sources, s => Assert.DoesNotMatch(":\\*$", s));
                }
            }
        }
    }

    [Fact]
    public void FraudDetection_job_role_reads_the_raw_data_prefix_but_not_its_neighbour()
    {
        var iam = Pipelines("FraudDetection").Single();
        Assert.True(iam.Allows("FraudDetection-job", "s3:GetObject", "arn:aws:s3:::my-bucket/raw-data/2024/part-00000.csv"));
        Assert.False(iam.Allows("FraudDetection-job", "s3:GetObject", "arn:aws:s3:::my-bucket/raw-data-old/part-00000.csv"));
        Assert.True(iam.Allows("FraudDetection-job", "s3:ListBucket", "arn:aws:s3:::my-bucket", ("s3:prefix", "raw-data/")));
        Assert.False(iam.Allows("FraudDetection-job", "s3:ListBucket", "arn:aws:s3:::my-bucket", ("s3:prefix", "raw-data-old/")));
        Assert.True(iam.Allows("FraudDetection-pipeline", "sagemaker:CreateModelPackage", "arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-detection/1",
            ("sagemaker:ModelApprovalStatus", "PendingManualApproval")));
        Assert.False(iam.Allows("FraudDetection-pipeline", "sagemaker:CreateModelPackage", "arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-detection/1",
            ("sagemaker:ModelApprovalStatus", "Approved")));
    }

    [Fact]
    public void FeatureRefresh_reads_the_lambda_chosen_partition_within_its_declared_prefix()
    {
        var iam = Pipelines("FeatureRefresh").Single();
        Assert.Contains("arn:aws:s3:::contoso-data-lake/events/customer_activity/*", iam.Resources("FeatureRefresh-job", "S3ReadInputs"));
        Assert.False(iam.Allows("FeatureRefresh-job", "s3:GetObject", "arn:aws:s3:::contoso-data-lake/events/other_table/part-00000.parquet"));
    }

    // ---- determinism -------------------------------------------------------------------------------------

    public static TheoryData<string> Cultures => new() { "tr-TR", "de-DE" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void IAM_files_are_identical_under_other_cultures_and_across_runs(string culture)
    {
        foreach (var sample in Samples.Names)
        {
            var invariant = CultureScope.Run(CultureInfo.InvariantCulture, () => IamOnly(Samples.Generate(sample).Files()));
            var other = CultureScope.Run(new CultureInfo(culture), () => IamOnly(Samples.Generate(sample).Files()));
            var again = CultureScope.Run(new CultureInfo(culture), () => IamOnly(Samples.Generate(sample).Files()));
            Assert.NotEmpty(invariant);
            Assert.Equal(invariant, other);
            Assert.Equal(other, again);
            Assert.All(invariant.Values, content => Assert.DoesNotContain('\r', content));
        }
    }

    [Fact]
    public void IAM_files_do_not_depend_on_the_order_of_the_source_files()
    {
        var sources = Samples.Sources("ChurnTuning");
        var text = sources.Single().Text;
        // One file per top-level declaration, in reverse order.
        var header = text[..(text.IndexOf("namespace Contoso.Churn;", StringComparison.Ordinal) + "namespace Contoso.Churn;".Length)] + "\n\n";
        var body = text[header.Trim().Length..];
        var parts = Regex.Split(body, "\n(?=\\[(?:Pipeline|ProcessingStep|TuningStep|ConditionStep|RegisterModelStep|CreateModelStep|TransformStep|FailStep)\\()")
            .Where(p => p.Trim().Length > 0).ToArray();
        Assert.True(parts.Length >= 8, "expected the sample to hold a pipeline and seven steps");
        var split = parts.Reverse().Select((p, i) => ($"/src/project/Part{i}.cs", header + p + "\n")).ToArray();
        var forward = IamOnly(Samples.Generate("ChurnTuning").Files());
        var backward = IamOnly(TestProject.Generate(TestProject.Compilation(split), Samples.Options("ChurnTuning")).Files());
        Assert.Equal(forward, backward);
    }

    private static SortedDictionary<string, string> IamOnly(SortedDictionary<string, string> files) =>
        new(files.Where(f => f.Key.Contains("/iam/", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value), StringComparer.Ordinal);
}
