namespace Sagewright.Model.Rules;

/// <summary>SGW115 (info): a serverless variant without provisioned concurrency: after an idle period, requests wait
/// for a cold start (the troubleshooting guide's cold-start latency). Information only: a serverless endpoint is often
/// chosen because occasional cold starts are acceptable. Reported at the variant.</summary>
public sealed class ServerlessWithoutProvisionedConcurrency : EndpointRule
{
    /// <summary>{0} the variant, {1} the endpoint.</summary>
    public const string Format = "Serverless variant '{0}' of endpoint '{1}' has no provisioned concurrency: requests after an idle period wait for a cold start; set ProvisionedConcurrency where latency matters";

    public override string Id => RuleIds.ServerlessWithoutProvisionedConcurrency;

    public override string MessageFormat => Format;

    public override void Check(EndpointRuleContext context)
    {
        foreach (var endpoint in context.Endpoints)
        {
            foreach (var variant in context.Variants(endpoint).Where(v => v.IsServerless && v.ProvisionedConcurrency is null or 0))
            {
                context.Report(Finding(variant.Origin.AttributeOnly, variant.Name, endpoint.Name));
            }
        }
    }
}
