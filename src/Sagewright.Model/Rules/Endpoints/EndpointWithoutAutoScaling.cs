namespace Sagewright.Model.Rules;

/// <summary>SGW106: an instance-based variant without <c>[AutoScaling]</c>: a fixed instance count either wastes money
/// when idle or drops requests under load. Reported at the variant (the <c>[Endpoint]</c> for the default variant).
/// Serverless variants scale by themselves. The code fix adds <c>[AutoScaling(count, max(2, 2 × count), 70)]</c>
/// (<c>fix.addAttributes</c>).</summary>
public sealed class EndpointWithoutAutoScaling : EndpointRule
{
    /// <summary>{0} the variant, {1} the endpoint, {2} its instance count.</summary>
    public const string Format = "Variant '{0}' of endpoint '{1}' has no auto-scaling: it stays at {2} instance(s) whatever the load; add [AutoScaling(minCapacity, maxCapacity, targetInvocationsPerInstance)]";

    /// <summary>The target of the code fix's policy: invocations per instance per minute.</summary>
    private const string TargetInvocations = "70";

    public override string Id => RuleIds.EndpointWithoutAutoScaling;

    public override string MessageFormat => Format;

    public override void Check(EndpointRuleContext context)
    {
        foreach (var endpoint in context.Endpoints)
        {
            var scaled = new HashSet<string>(endpoint.AutoScaling.Select(s => Endpoints.EndpointModel.ScaledVariant(endpoint, s)?.Name).Where(n => n is not null)!, StringComparer.Ordinal);
            var several = context.Variants(endpoint).Count(v => !v.IsServerless) > 1;
            foreach (var variant in context.Variants(endpoint).Where(v => !v.IsServerless && !scaled.Contains(v.Name)))
            {
                // The fix: scale between the initial count and twice it (at least 2) on 70 invocations per instance per
                // minute, the target the SageMaker developer guide's auto-scaling example uses; naming the variant
                // when the endpoint has several.
                var min = Math.Max(0, variant.InitialInstanceCount);
                var attribute = "[AutoScaling(" + PipelineCompiler.Int(min) + ", " + PipelineCompiler.Int(Math.Max(2, 2 * min)) + ", " + TargetInvocations
                    + (several ? ", Variant = \"" + variant.Name + "\"" : string.Empty) + ")]";
                context.Report(Finding(variant.Origin.AttributeOnly, variant.Name, endpoint.Name, PipelineCompiler.Int(variant.InitialInstanceCount))
                    .WithProperty("fix.title", "Scale on invocations per instance")
                    .WithProperty("fix.addAttributes", attribute));
            }
        }
    }
}
