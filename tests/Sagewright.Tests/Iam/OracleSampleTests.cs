using Sagewright.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sagewright.Tests.Iam;

/// <summary>Judges every sample's generated IAM output in one simulator run and one reference-data run.</summary>
public sealed class OracleSampleRun
{
    private readonly Lazy<IReadOnlyDictionary<string, (IReadOnlyList<OracleReport> Reports, Exception? Problem)>> _run = new(() =>
    {
        var problems = new Dictionary<string, Exception>(StringComparer.Ordinal);
        var cases = new List<(string Sample, OracleCase Case)>();
        foreach (var sample in Samples.Names)
        {
            try
            {
                cases.AddRange(OracleSample.Load(sample).Select(s => (sample, s.Generated())));
            }
            catch (InvalidOperationException e)
            {
                problems[sample] = e;
            }
        }

        var reports = OracleJudge.Judge(cases.Select(c => c.Case).ToList());
        return Samples.Names.ToDictionary(
            s => s,
            s => ((IReadOnlyList<OracleReport>)reports.Where((_, i) => cases[i].Sample == s).ToList(), problems.GetValueOrDefault(s)),
            StringComparer.Ordinal);
    });

    public IReadOnlyList<OracleReport> For(string sample)
    {
        var (reports, problem) = _run.Value[sample];
        if (problem is not null)
        {
            throw new InvalidOperationException($"{sample}: {problem.Message}", problem);
        }

        Assert.NotEmpty(reports);
        return reports;
    }
}

/// <summary>
/// Sagewright's generated IAM policies, judged by an outside oracle (the offline IAM simulator and AWS's IAM
/// reference data) on requests derived independently from each sample's pipeline definition.
/// </summary>
[Trait("Category", "Slow")]
public class OracleSampleTests(OracleSampleRun run, ITestOutputHelper output) : IClassFixture<OracleSampleRun>
{
    [OracleTheory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Every_request_the_pipeline_makes_is_allowed_for_the_role_that_makes_it(string sample) =>
        Check(sample, FindingKind.NeededDenied);

    [OracleTheory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Every_neighbouring_request_is_denied(string sample) =>
        Check(sample, FindingKind.NeighbourAllowed);

    [OracleTheory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Every_statement_names_real_actions_on_resources_of_their_ARN_formats_and_no_needless_wildcard(string sample) =>
        Check(sample, FindingKind.Statement);

    [OracleTheory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Roles_json_lists_exactly_the_roles_the_definition_runs_with(string sample) =>
        Check(sample, FindingKind.Roles);

    [OracleTheory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void The_oracle_understood_every_probe(string sample) =>
        Check(sample, FindingKind.ProbeError);

    private void Check(string sample, FindingKind kind)
    {
        foreach (var report in run.For(sample))
        {
            output.WriteLine(report.Summary);
            Assert.True(report.Of(kind).IsEmpty, report.Describe(kind));
        }
    }
}
