namespace Sagewright.Model.Rules;

/// <summary>SGW102: an endpoint without <c>[DataCapture]</c>: Model Monitor has nothing to compare with the training
/// baseline. Reported at the <c>[Endpoint]</c> attribute.</summary>
public sealed class EndpointWithoutDataCapture : EndpointRule
{
    /// <summary>{0} the endpoint name.</summary>
    public const string Format = "Endpoint '{0}' has no data capture: its requests and responses are not recorded, so SageMaker Model Monitor cannot detect drift; add [DataCapture(\"s3://<bucket>/<prefix>\")]";

    public override string Id => RuleIds.EndpointWithoutDataCapture;

    public override string MessageFormat => Format;

    public override void Check(EndpointRuleContext context)
    {
        foreach (var endpoint in context.Endpoints.Where(e => e.DataCapture is null))
        {
            context.Report(Finding(endpoint.Origin.AttributeOnly, endpoint.Name));
        }
    }
}
