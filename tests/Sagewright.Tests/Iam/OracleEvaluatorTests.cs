using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Sagewright.Tests.Iam;

/// <summary>One run of the IAM unit tests with recording on: every <see cref="IamFiles.Allows"/> answer they got and
/// every <see cref="IamFiles"/> they generated, by test.</summary>
public sealed class IamTestsRecording
{
    /// <summary>The test classes that generate IAM files and ask <see cref="IamFiles.Allows"/>.</summary>
    private static readonly Type[] Classes =
        [typeof(IamDerivationTests), typeof(IamParameterTests), typeof(IamRoleLayoutTests), typeof(IamSampleTests)];

    private readonly Lazy<Recorded> _recorded = new(Record);

    internal sealed record Recorded(
        IReadOnlyList<(string Test, AllowsAnswer Answer)> Answers,
        IReadOnlyList<(string Test, IamFiles Files)> Generated,
        IReadOnlyList<string> Failures);

    internal Recorded Value => _recorded.Value;

    private static Recorded Record()
    {
        var asked = new List<(string, AllowsAnswer)>();
        var generated = new List<(string, IamFiles)>();
        var failures = new List<string>();
        foreach (var (name, run) in TestCases())
        {
            // A test that fails here fails on its own too; what it recorded before failing is still judged.
            var answers = new ConcurrentQueue<AllowsAnswer>();
            var files = new ConcurrentQueue<IamFiles>();
            IamFiles.Answers.Value = answers;
            IamFiles.Generated.Value = files;
            try
            {
                run();
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                failures.Add($"{name} failed when run here: {e.InnerException.Message}");
            }
            finally
            {
                IamFiles.Answers.Value = null;
                IamFiles.Generated.Value = null;
            }

            asked.AddRange(answers.Select(a => (name, a)));
            generated.AddRange(files.Select(f => (name, f)));
        }

        return new Recorded(asked, generated, failures);
    }

    /// <summary>Every test of <see cref="Classes"/> that xunit would run, with its data rows.</summary>
    private static IEnumerable<(string Name, Action Run)> TestCases()
    {
        foreach (var type in Classes)
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance).OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                if (method.GetCustomAttribute<FactAttribute>() is not { Skip: null } fact)
                {
                    continue;
                }

                var rows = fact is TheoryAttribute
                    ? method.GetCustomAttributes<DataAttribute>().SelectMany(d => d.GetData(method)).ToList()
                    : [[]];
                Assert.NotEmpty(rows);
                foreach (var row in rows)
                {
                    var name = $"{type.Name}.{method.Name}" + (row.Length == 0 ? "" : "(" + string.Join(", ", row) + ")");
                    yield return (name, () => method.Invoke(Activator.CreateInstance(type), row));
                }
            }
        }
    }
}

/// <summary>
/// The IAM unit tests assert what a role may and may not do with <see cref="IamFiles.Allows"/>, a small evaluator
/// built on the product's own wildcard matching, on pipelines written for one derivation rule each. This runs those
/// tests again with recording on and hands what they saw to the outside oracle: the offline IAM simulator answers
/// the same questions, and every pipeline they generated is judged as the samples are (<see cref="OracleSampleTests"/>).
/// </summary>
[Trait("Category", "Slow")]
public class OracleEvaluatorTests(IamTestsRecording recording, ITestOutputHelper output) : IClassFixture<IamTestsRecording>
{
    [OracleFact]
    public void The_IAM_tests_evaluator_answers_every_request_as_the_simulator_does()
    {
        var asked = recording.Value.Answers;
        Assert.True(asked.Count >= 80, $"Only {asked.Count} Allows answers were recorded; the IAM tests ask more than that.");

        // Each distinct policy once, named by its first appearance.
        var policies = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var policyNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var requests = new List<OracleRequest>();
        foreach (var (answer, i) in asked.Select((a, i) => (a.Answer, i)))
        {
            var text = answer.Policy.ToJsonString();
            if (!policyNames.TryGetValue(text, out var policyName))
            {
                policyName = "policy" + policyNames.Count.ToString(CultureInfo.InvariantCulture);
                policyNames[text] = policyName;
                policies[policyName] = answer.Policy;
            }

            requests.Add(new OracleRequest(
                i.ToString(CultureInfo.InvariantCulture),
                answer.RoleArn,
                [policyName],
                answer.Action,
                answer.Resource,
                ResourceAccount(answer.Resource) ?? answer.RoleArn.Split(':')[4],
                answer.Context.ToImmutableSortedDictionary(StringComparer.Ordinal)));
        }

        var decisions = OracleClient.Simulate(policies, requests);
        var disagreements = asked
            .Select((a, i) => (a.Test, a.Answer, Decision: decisions[requests[i].Id]))
            .Where(d => d.Decision.Decision == "Error" || d.Decision.IsAllowed != d.Answer.Allowed)
            .Select(d => $"{d.Test}: {d.Answer.RoleArn} {d.Answer.Action} on {d.Answer.Resource}"
                + (d.Answer.Context.Count == 0 ? "" : " with " + string.Join(", ", d.Answer.Context.Select(c => c.Key + "=" + c.Value)))
                + $": the test evaluator says {(d.Answer.Allowed ? "allowed" : "denied")}, the simulator {d.Decision}")
            .ToList();
        output.WriteLine($"{asked.Count} answers from {asked.Select(a => a.Test).Distinct().Count()} tests, {policies.Count} distinct policies.");
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.True(recording.Value.Failures.Count == 0, string.Join("\n", recording.Value.Failures));
    }

    [OracleFact]
    public void Every_pipeline_the_IAM_tests_generate_passes_the_oracle_as_the_samples_do()
    {
        var generated = recording.Value.Generated;
        Assert.True(generated.Count >= 40, $"Only {generated.Count} pipelines were recorded; the IAM tests generate more than that.");
        var cases = generated.Select((g, i) =>
        {
            var environment = new OracleEnvironment(
                g.Files.Pipeline, (string)g.Files.Roles["account"]!, (string)g.Files.Roles["region"]!, (string?)g.Files.Roles["partition"] ?? "aws");
            return new OracleCase(
                $"{g.Test} #{i.ToString(CultureInfo.InvariantCulture)}",
                OracleProbes.Derive(g.Files.Definition, g.Files.CreatePipeline, environment, g.Files.All),
                OraclePolicies.FromFiles(g.Files.All, g.Files.Pipeline));
        }).ToList();

        var reports = OracleJudge.Judge(cases);
        foreach (var report in reports)
        {
            output.WriteLine(report.Summary);
        }

        var findings = reports.Where(r => !r.Findings.IsEmpty)
            .Select(r => $"{r.Case.Name}:\n  " + string.Join("\n  ", r.Findings))
            .ToList();
        Assert.True(findings.Count == 0, string.Join("\n", findings));
        Assert.True(recording.Value.Failures.Count == 0, string.Join("\n", recording.Value.Failures));
    }

    /// <summary>The account field of an ARN, when it has one (S3 ARNs do not).</summary>
    private static string? ResourceAccount(string arn) =>
        arn.Split(':') is { Length: > 5 } parts && parts[4].Length > 0 ? parts[4] : null;
}
