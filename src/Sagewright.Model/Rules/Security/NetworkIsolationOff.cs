namespace Sagewright.Model.Rules;

/// <summary>SGW204: a distributed training or tuning job whose inter-container traffic is not encrypted, and a step
/// with [Network] whose containers are not network-isolated. The <c>Setting</c> property names the
/// <c>[Network]</c> argument to turn on.</summary>
public sealed class NetworkIsolationOff : PipelineRule
{
    /// <summary>{0} "Step" or "&lt;Kind&gt; step", {1} the step name, {2} how it runs, {3} what to set.</summary>
    public const string Format = "{0} '{1}' runs {2}: set {3}";

    private const string InterContainerEncryption = "EnableInterContainerTrafficEncryption";
    private const string NetworkIsolation = "EnableNetworkIsolation";

    public override string Id => RuleIds.NetworkIsolationOff;

    public override string MessageFormat => Format;

    public override void Check(RuleContext context)
    {
        foreach (var step in context.Steps)
        {
            Check(context, step);
        }
    }

    private void Check(RuleContext context, StepDecl step)
    {
        var network = step.Network;
        if (step.Kind is StepKind.Training or StepKind.Tuning && step.Job.Instance is { } instance && (instance.Count > 1 || instance.CountValue is not null)
            && network?.InterContainerEncryption != true)
        {
            var origin = network is null ? step.Origin.AttributeOnly
                : network.InterContainerEncryption is null ? network.Origin.AttributeOnly
                : network.Origin.WithNamed(InterContainerEncryption);
            var kind = Lower(step.Kind);
            context.Report(Finding(origin, char.ToUpperInvariant(kind[0]) + kind.Substring(1) + " step", step.Name,
                    "on " + (instance.CountValue is { } countValue ? "a number of instances taken from '" + countValue.Text + "' (possibly more than one)" : PipelineCompiler.Int(instance.Count) + " instances")
                        + " without inter-container traffic encryption", "[Network(" + InterContainerEncryption + " = true)]")
                .WithProperty("Setting", InterContainerEncryption));
        }

        if (network is not null && step.Kind is StepKind.Processing or StepKind.Training or StepKind.Tuning or StepKind.Model
            && network.NetworkIsolation != true && step.Body is not ModelBody { NetworkIsolation: true })
        {
            var origin = network.NetworkIsolation is null ? network.Origin.AttributeOnly : network.Origin.WithNamed(NetworkIsolation);
            context.Report(Finding(origin, "Step", step.Name,
                    "without network isolation, so its containers can make network calls" + (network.Subnets is null ? string.Empty : " out of the VPC"),
                    NetworkIsolation + " = true unless the code itself needs the network")
                .WithProperty("Setting", NetworkIsolation));
        }
    }
}
