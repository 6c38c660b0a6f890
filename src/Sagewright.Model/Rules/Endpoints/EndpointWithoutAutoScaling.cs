namespace Sagewright.Model.Rules;

/// <summary>SGW106: an instance-based variant without <c>[AutoScaling]</c>: a fixed instance count either wastes money
/// when idle or drops requests under load. Reported at the variant (the <c>[Endpoint]</c> for the default variant).
/// Serverless variants scale by themselves.</summary>
public sealed class EndpointWithoutAutoScaling : EndpointRule
{
    /// <summary>{0} the variant, {1} the endpoint, {2} its instance count.</summary>
    public const string Format = "Variant '{0}' of endpoint '{1}' has no auto-scaling: it stays at {2} instance(s) whatever the load; add [AutoScaling(minCapacity, maxCapacity, targetInvocationsPerInstance)]";

    public override string Id => RuleIds.EndpointWithoutAutoScaling;

    public override string MessageFormat => Format;

    public override void Check(EndpointRuleContext context)
    {
        foreach (var endpoint in context.Endpoints)
        {
            var scaled = new HashSet<string>(endpoint.AutoScaling.Select(s => Endpoints.EndpointModel.ScaledVariant(endpoint, s)?.Name).Where(n => n is not null)!, StringComparer.Ordinal);
            foreach (var variant in context.Variants(endpoint).Where(v => !v.IsServerless && !scaled.Contains(v.Name)))
            {
                context.Report(Finding(variant.Origin.AttributeOnly, variant.Name, endpoint.Name, PipelineCompiler.Int(variant.InitialInstanceCount)));
            }
        }
    }
}
