using Sagewright.Model.Endpoints;

namespace Sagewright.Model.Rules;

/// <summary>A best-practice or security rule about an <c>[Endpoint]</c>: like <see cref="PipelineRule"/>, one class
/// and one file per ID, listed in <see cref="EndpointRuleSet"/>, with its message format as a public constant.</summary>
public abstract class EndpointRule
{
    public abstract string Id { get; }

    public abstract string MessageFormat { get; }

    public abstract void Check(EndpointRuleContext context);

    protected Finding Finding(Origin origin, params string[] arguments) => new(Id, origin, arguments);
}

/// <summary>What the endpoint rules read: the pipeline's graph (its endpoints and steps) and the finding sink.</summary>
public sealed class EndpointRuleContext
{
    private readonly Action<Finding> _report;

    public EndpointRuleContext(PipelineGraph graph, Action<Finding> report)
    {
        Graph = graph;
        _report = report;
    }

    public PipelineGraph Graph { get; }

    public IEnumerable<EndpointDecl> Endpoints => Graph.Endpoints;

    /// <summary>The declared variants, or the default <c>AllTraffic</c> variant.</summary>
    public IReadOnlyList<VariantDecl> Variants(EndpointDecl endpoint) => EndpointModel.Variants(endpoint);

    public void Report(Finding finding) => _report(finding);
}

/// <summary>Every endpoint rule, in ID order.</summary>
public static class EndpointRuleSet
{
    public static IReadOnlyList<EndpointRule> All { get; } = new EndpointRule[]
    {
        new EndpointWithoutDataCapture(),
        new DataCaptureDisabled(),
        new EndpointWithoutAutoScaling(),
        new SingleInstanceVariant(),
        new ScalingAgainstAvailability(),
        new ServerlessWithoutProvisionedConcurrency(),
        new DataCaptureWithoutKmsKey(),
    };

    public static void Run(EndpointRuleContext context)
    {
        foreach (var rule in All)
        {
            rule.Check(context);
        }
    }
}
