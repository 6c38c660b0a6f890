using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Iam;

/// <summary>iam/report.json: the reasons as data, one entry per role and per statement of the written policies, each
/// with its steps, its reasons and the source of its rule; report.md says the same.</summary>
public partial class IamReportJsonTests
{
    private static IEnumerable<IamFiles> Pipelines(string sample)
    {
        var files = Samples.Generate(sample).Files();
        return files.Keys.Where(k => k.EndsWith("/pipeline.json", StringComparison.Ordinal)).Select(k => IamFiles.Of(files, k[..k.IndexOf('/')])).ToList();
    }

    private static JsonNode Report(IamFiles iam) => JsonNode.Parse(iam.All[iam.Pipeline + "/iam/report.json"])!;

    private static string[] Strings(JsonNode? node) => IamFiles.Strings(node);

    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Report_json_has_the_schema_and_a_role_entry_per_role_of_roles_json(string sample)
    {
        foreach (var iam in Pipelines(sample))
        {
            var report = Report(iam);
            Assert.Equal("sagewright.iam-report/1", (string?)report["schema"]);
            Assert.Equal(iam.Pipeline, (string?)report["pipeline"]);
            foreach (var key in new[] { "account", "region", "partition" })
            {
                Assert.Equal((string?)iam.Roles[key], (string?)report[key]);
            }

            var roles = report["roles"]!.AsArray().Select(r => r!).ToList();
            Assert.Equal(iam.RoleNames, roles.Select(r => (string)r["name"]!));
            foreach (var (entry, role) in iam.RoleEntries.Zip(roles))
            {
                foreach (var key in new[] { "arn", "kind", "policy", "trust" })
                {
                    Assert.Equal((string?)entry[key], (string?)role[key]);
                }

                Assert.Equal(Strings(entry["usedBy"]), Strings(role["usedBy"]));
                var trust = iam.Trust((string)role["name"]!);
                var sourceArns = Strings(trust["Statement"]![0]!["Condition"]?["ArnLike"]?["aws:SourceArn"]);
                Assert.Equal(sourceArns, role["trustPolicy"]!["sourceArns"]!.AsArray().Select(s => (string)s!["sourceArn"]!));
                Assert.StartsWith("https://docs.aws.amazon.com/", (string)role["trustPolicy"]!["source"]!["url"]!, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Every_statement_of_every_policy_is_in_report_json_with_its_reasons_steps_and_source(string sample)
    {
        foreach (var iam in Pipelines(sample))
        {
            var steps = IamFiles.AllSteps(iam.Definition["Steps"]!.AsArray()).Select(s => (string)s["Name"]!).ToHashSet(StringComparer.Ordinal);
            foreach (var role in Report(iam)["roles"]!.AsArray().Select(r => r!))
            {
                var name = (string)role["name"]!;
                var statements = role["statements"]!.AsArray().Select(s => s!).ToList();
                Assert.Equal(iam.Statements(name).Select(s => (string)s["Sid"]!), statements.Select(s => (string)s["sid"]!));
                foreach (var statement in statements)
                {
                    var sid = (string)statement["sid"]!;
                    var policy = iam.RequiredStatement(name, sid);
                    Assert.Equal(Strings(policy["Action"]), Strings(statement["actions"]));
                    Assert.Equal(Strings(policy["Resource"]), Strings(statement["resources"]));
                    Assert.Equal((policy["Condition"] ?? new JsonObject()).ToJsonString(), statement["conditions"]!.ToJsonString());

                    var why = statement["why"]!.AsArray().Select(w => w!).ToList();
                    Assert.Equal(Strings(policy["Resource"]), why.Select(w => (string)w["resource"]!));
                    Assert.All(why, w => Assert.NotEmpty(Strings(w["reasons"])));

                    var needing = Strings(statement["steps"]);
                    var endpoints = Strings(role["usedBy"]).Where(u => u.StartsWith("endpoints/", StringComparison.Ordinal)).Select(u => u["endpoints/".Length..]).ToList();
                    if (endpoints.Count > 0)
                    {
                        // An endpoint's role: what needs each grant is the endpoint, which every reason names (a step is named
                        // only where the grant comes from it, such as the registered model's image).
                        Assert.All(why, w => Assert.Contains(Strings(w["reasons"]), r => endpoints.Any(e => r.Contains("endpoint `" + e + "`", StringComparison.Ordinal))));
                    }
                    else if (sid.StartsWith("SageMakerExperiment", StringComparison.Ordinal) && sid != "SageMakerExperimentTrialComponents")
                    {
                        // Experiment tracking is the pipeline's, not a step's: no step is named.
                        Assert.Empty(needing);
                    }
                    else
                    {
                        Assert.NotEmpty(needing);
                    }

                    Assert.All(needing, s => Assert.Contains(s, steps));
                    Assert.All(needing, s => Assert.Contains(why, w => Strings(w["reasons"]).Any(r => r.Contains("`" + s + "`", StringComparison.Ordinal))));

                    var source = statement["source"];
                    Assert.True(source is JsonObject, $"{name} {sid}: no source");
                    Assert.False(string.IsNullOrWhiteSpace((string?)source!["title"]), $"{name} {sid}: a source without a title");
                    Assert.Matches(SourceUrl(), (string)source["url"]!);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Report_md_gives_each_reason_of_report_json_under_its_role_and_statement(string sample)
    {
        foreach (var iam in Pipelines(sample))
        {
            var md = iam.Report;
            foreach (var role in Report(iam)["roles"]!.AsArray().Select(r => r!))
            {
                var section = md[md.IndexOf($"\n## {(string)role["name"]!} ({(string)role["kind"]!})\n", StringComparison.Ordinal)..];
                foreach (var statement in role["statements"]!.AsArray().Select(s => s!))
                {
                    var sub = section[section.IndexOf($"\n### {(string)statement["sid"]!}\n", StringComparison.Ordinal)..];
                    foreach (var why in statement["why"]!.AsArray())
                    {
                        foreach (var reason in Strings(why!["reasons"]))
                        {
                            Assert.Contains($"  - `{(string)why["resource"]!}`: {reason}\n", sub, StringComparison.Ordinal);
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Docs_iam_md_cites_every_source_report_json_gives(string sample)
    {
        var docs = File.ReadAllText(Path.Combine(Paths.RepoRoot, "docs", "iam.md"));
        var sources = docs[docs.IndexOf("\n## Sources\n", StringComparison.Ordinal)..];
        foreach (var iam in Pipelines(sample))
        {
            foreach (var role in Report(iam)["roles"]!.AsArray().Select(r => r!))
            {
                var urls = role["statements"]!.AsArray().Select(s => (string?)s!["source"]?["url"]).Append((string?)role["trustPolicy"]!["source"]!["url"]);
                foreach (var url in urls.OfType<string>().Where(u => u.StartsWith("https://", StringComparison.Ordinal)))
                {
                    Assert.Contains("(" + url + ")", sources, StringComparison.Ordinal);
                }
            }
        }
    }

    [GeneratedRegex("^(https://docs\\.aws\\.amazon\\.com/[^ ]+|docs/iam\\.md#[a-z-]+)$")]
    private static partial Regex SourceUrl();
}
