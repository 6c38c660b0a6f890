namespace Sagewright.Model.Rules;

/// <summary>SGW114: auto-scaling that works against availability: a minimum capacity of 0 (an instance-based variant
/// cannot serve from zero instances: requests fail until it scales out), or a scale-in cooldown shorter than the
/// scale-out cooldown (capacity is removed faster than it is added, so the variant oscillates and cold-starts
/// instances under bursty load). Reported at the minimum, or at the scale-in cooldown.</summary>
public sealed class ScalingAgainstAvailability : EndpointRule
{
    /// <summary>{0} the variant, {1} the endpoint, {2} the problem.</summary>
    public const string Format = "Auto-scaling of variant '{0}' of endpoint '{1}' {2}";

    public override string Id => RuleIds.ScalingAgainstAvailability;

    public override string MessageFormat => Format;

    public override void Check(EndpointRuleContext context)
    {
        foreach (var endpoint in context.Endpoints)
        {
            foreach (var scaling in endpoint.AutoScaling)
            {
                if (Endpoints.EndpointModel.ScaledVariant(endpoint, scaling) is not { IsServerless: false } variant)
                {
                    continue;
                }

                if (scaling.MinCapacity == 0)
                {
                    context.Report(Finding(scaling.Origin.WithArgument(0), variant.Name, endpoint.Name,
                        "can scale in to 0 instances: requests fail until it scales out again; use a minimum of at least 1 (2 for Availability Zone redundancy)"));
                }

                if (scaling.ScaleInCooldownSeconds < scaling.ScaleOutCooldownSeconds)
                {
                    context.Report(Finding(scaling.ScaleInOrigin ?? scaling.Origin, variant.Name, endpoint.Name,
                        "scales in faster than it scales out (ScaleInCooldownSeconds " + PipelineCompiler.Int(scaling.ScaleInCooldownSeconds) + " < ScaleOutCooldownSeconds "
                        + PipelineCompiler.Int(scaling.ScaleOutCooldownSeconds) + "): capacity is removed before the load is known to have dropped; make the scale-in cooldown at least the scale-out cooldown"));
                }
            }
        }
    }
}
