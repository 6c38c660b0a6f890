using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Sagewright.Tests.Iam;

/// <summary>
/// The IAM unit tests assert what a role may and may not do with <see cref="IamFiles.Allows"/>, a small evaluator
/// built on the product's own wildcard matching. This runs those tests again with every answer recorded and asks the
/// offline IAM simulator the same questions in one batch, so each of those assertions rests on AWS's evaluation and
/// not only on ours.
/// </summary>
public class OracleEvaluatorTests(ITestOutputHelper output)
{
    /// <summary>The test classes that ask <see cref="IamFiles.Allows"/>.</summary>
    private static readonly Type[] Classes =
        [typeof(IamDerivationTests), typeof(IamParameterTests), typeof(IamRoleLayoutTests), typeof(IamSampleTests)];

    [OracleFact]
    public void The_IAM_tests_evaluator_answers_every_request_as_the_simulator_does()
    {
        var asked = new List<(string Test, AllowsAnswer Answer)>();
        var failed = new List<string>();
        foreach (var (name, run) in TestCases())
        {
            // A test that fails here fails on its own too; the answers it gave before failing are still compared.
            var answers = new ConcurrentQueue<AllowsAnswer>();
            IamFiles.Answers.Value = answers;
            try
            {
                run();
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                failed.Add($"{name} failed when run here: {e.InnerException.Message}");
            }
            finally
            {
                IamFiles.Answers.Value = null;
            }

            asked.AddRange(answers.Select(a => (name, a)));
        }

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
                policyName = "policy" + policyNames.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                policyNames[text] = policyName;
                policies[policyName] = answer.Policy;
            }

            requests.Add(new OracleRequest(
                i.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    /// <summary>The account field of an ARN, when it has one (S3 ARNs do not).</summary>
    private static string? ResourceAccount(string arn) =>
        arn.Split(':') is { Length: > 5 } parts && parts[4].Length > 0 ? parts[4] : null;

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
