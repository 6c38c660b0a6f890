namespace Sagewright.Model.Rules;

/// <summary>SGW207: an endpoint's data capture with no customer managed KMS key: the captured requests and responses
/// (often personal data) are then encrypted with the AWS managed key for S3, which no key policy of yours controls.
/// The endpoint counterpart of SGW203, with its own ID because its message names an endpoint, not a step. Reported at
/// <c>[DataCapture]</c>.</summary>
public sealed class DataCaptureWithoutKmsKey : EndpointRule
{
    /// <summary>{0} the endpoint name.</summary>
    public const string Format = "Data capture of endpoint '{0}' has no customer managed KMS key (SageMaker encrypts the captured requests and responses with the AWS managed key for S3): set KmsKeyId on [DataCapture]";

    public override string Id => RuleIds.DataCaptureWithoutKmsKey;

    public override string MessageFormat => Format;

    public override void Check(EndpointRuleContext context)
    {
        foreach (var endpoint in context.Endpoints)
        {
            if (endpoint.DataCapture is { Enabled: true, KmsKeyId: null } capture)
            {
                context.Report(Finding(capture.Origin.AttributeOnly, endpoint.Name));
            }
        }
    }
}
