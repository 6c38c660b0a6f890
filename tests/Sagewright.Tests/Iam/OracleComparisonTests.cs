using Xunit.Abstractions;

namespace Sagewright.Tests.Iam;

/// <summary>The generated FraudDetection policies and a hand-written guide-style policy, judged on the same probes in
/// one simulator run.</summary>
public sealed class OracleComparisonRun
{
    private readonly Lazy<(OracleReport Generated, OracleReport Handwritten)> _run = new(() =>
    {
        var sample = Assert.Single(OracleSample.Load("FraudDetection"));
        // The same probes for both, the endpoint's included (the hand-written policy serves every role).
        var reports = OracleJudge.Judge([sample.Generated(), sample.Handwritten("FraudDetection-handwritten.policy.json") with { Probes = sample.WithEndpoints }]);
        return (reports[0], reports[1]);
    });

    public OracleReport Generated => _run.Value.Generated;

    public OracleReport Handwritten => _run.Value.Handwritten;
}

/// <summary>
/// What least privilege buys over the policy SageMaker guides show (S3 on the whole bucket, ECR and the model
/// registry on <c>*</c>, logs on <c>arn:aws:logs:*:*:*</c>): on the same requests FraudDetection makes and their
/// neighbours, the generated policies allow everything needed and no neighbour; the hand-written one allows
/// strictly more neighbours.
/// </summary>
[Trait("Category", "Slow")]
public class OracleComparisonTests(OracleComparisonRun run, ITestOutputHelper output) : IClassFixture<OracleComparisonRun>
{
    [OracleFact]
    public void Generated_policies_allow_what_is_needed_and_fewer_neighbours_than_the_handwritten_policy()
    {
        var generated = run.Generated;
        var handwritten = run.Handwritten;
        output.WriteLine($"{"policy",-12} {"allowed-needed",16} {"allowed-neighbours",20}");
        output.WriteLine($"{"generated",-12} {$"{generated.NeededAllowed}/{generated.NeededTotal}",16} {$"{generated.NeighboursAllowed}/{generated.NeighboursTotal}",20}");
        output.WriteLine($"{"hand-written",-12} {$"{handwritten.NeededAllowed}/{handwritten.NeededTotal}",16} {$"{handwritten.NeighboursAllowed}/{handwritten.NeighboursTotal}",20}");
        output.WriteLine("");
        output.WriteLine("Neighbours the hand-written policy allows:");
        foreach (var finding in handwritten.Of(FindingKind.NeighbourAllowed))
        {
            output.WriteLine("  " + finding.Message);
        }

        Assert.True(generated.Of(FindingKind.ProbeError).IsEmpty && handwritten.Of(FindingKind.ProbeError).IsEmpty,
            generated.Describe(FindingKind.ProbeError) + "\n" + handwritten.Describe(FindingKind.ProbeError));
        Assert.Equal(generated.NeededTotal, handwritten.NeededTotal);
        Assert.Equal(generated.NeighboursTotal, handwritten.NeighboursTotal);
        Assert.True(generated.NeededAllowed == generated.NeededTotal, generated.Describe(FindingKind.NeededDenied));
        Assert.True(generated.NeighboursAllowed == 0, generated.Describe(FindingKind.NeighbourAllowed));
        Assert.True(handwritten.NeighboursAllowed > generated.NeighboursAllowed,
            $"the hand-written policy allows {handwritten.NeighboursAllowed} neighbours, the generated ones {generated.NeighboursAllowed}");
    }
}
