namespace Sagewright.Model.Rules;

/// <summary>SGW102: an endpoint without <c>[DataCapture]</c>: Model Monitor has nothing to compare with the training
/// baseline. Reported at the <c>[Endpoint]</c> attribute. The code fix adds <c>[DataCapture]</c> sampling 100 % to
/// <c>s3://&lt;artifact bucket&gt;/data-capture/&lt;endpoint&gt;/</c> (<c>fix.addAttributes</c>).</summary>
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
            // The fix: capture everything, under a prefix of the endpoint's own in the artifact bucket.
            var destination = "s3://" + context.Graph.Bucket + "/data-capture/" + endpoint.Name + "/";
            context.Report(Finding(endpoint.Origin.AttributeOnly, endpoint.Name)
                .WithProperty("fix.title", "Capture all requests and responses")
                .WithProperty("fix.addAttributes", "[DataCapture(" + Literal(destination) + ", SamplingPercentage = 100)]"));
        }
    }

    /// <summary>A C# string literal (the bucket and endpoint names need no escapes, but a literal is a literal).</summary>
    private static string Literal(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
