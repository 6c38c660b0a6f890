namespace Sagewright.Model.Rules;

/// <summary>SGW113: an instance-based variant that starts with one instance (or whose auto-scaling allows one): SageMaker
/// spreads a variant's instances across Availability Zones only when there are two or more, so one instance is a
/// single point of failure (AWS Security Hub SageMaker.4). Reported at the instance count, else the variant.</summary>
public sealed class SingleInstanceVariant : EndpointRule
{
    /// <summary>{0} the variant, {1} the endpoint, {2} where the single instance comes from.</summary>
    public const string Format = "Variant '{0}' of endpoint '{1}' can run on a single instance ({2}): an Availability Zone outage takes it down; use at least 2 instances";

    public override string Id => RuleIds.SingleInstanceVariant;

    public override string MessageFormat => Format;

    public override void Check(EndpointRuleContext context)
    {
        foreach (var endpoint in context.Endpoints)
        {
            foreach (var variant in context.Variants(endpoint).Where(v => !v.IsServerless))
            {
                var scaling = endpoint.AutoScaling.FirstOrDefault(s => Endpoints.EndpointModel.ScaledVariant(endpoint, s)?.Name == variant.Name);
                if (scaling is { MinCapacity: 1 })
                {
                    context.Report(Finding(scaling.Origin.WithArgument(0), variant.Name, endpoint.Name, "its auto-scaling minimum is 1"));
                }
                else if (scaling is null && variant.InitialInstanceCount == 1)
                {
                    context.Report(Finding(variant.Origin.AttributeOnly, variant.Name, endpoint.Name, "its initial instance count is 1"));
                }
            }
        }
    }
}
