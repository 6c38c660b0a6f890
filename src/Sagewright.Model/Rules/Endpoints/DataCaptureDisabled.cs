namespace Sagewright.Model.Rules;

/// <summary>SGW103: data capture declared but off (<c>Enabled = false</c>), sampled at 0 %, or capturing neither
/// requests nor responses. Reported at the argument that turns it off. Capturing neither is an error: SageMaker
/// rejects a <c>DataCaptureConfig</c> without capture options.</summary>
public sealed class DataCaptureDisabled : EndpointRule
{
    /// <summary>{0} the endpoint name, {1} what turns capture off.</summary>
    public const string Format = "Data capture of endpoint '{0}' records nothing: {1}; Model Monitor needs captured traffic to detect drift";

    public override string Id => RuleIds.DataCaptureDisabled;

    public override string MessageFormat => Format;

    public override void Check(EndpointRuleContext context)
    {
        foreach (var endpoint in context.Endpoints)
        {
            if (endpoint.DataCapture is not { } capture)
            {
                continue;
            }

            if (!capture.Enabled)
            {
                context.Report(Finding(capture.EnabledOrigin ?? capture.Origin, endpoint.Name, "it is disabled (Enabled = false)"));
            }
            else if (capture.SamplingPercentage == 0)
            {
                context.Report(Finding(capture.SamplingOrigin ?? capture.Origin, endpoint.Name, "it samples 0 % of the requests (SamplingPercentage = 0)"));
            }

            if (!capture.CaptureRequest && !capture.CaptureResponse)
            {
                context.Report(Finding(capture.CaptureResponseOrigin ?? capture.CaptureRequestOrigin ?? capture.Origin, endpoint.Name,
                    "it captures neither requests nor responses (CaptureRequest and CaptureResponse are false), which SageMaker rejects")
                    .WithProperty(Pipeline.Finding.SeverityKey, "error"));
            }
        }
    }
}
