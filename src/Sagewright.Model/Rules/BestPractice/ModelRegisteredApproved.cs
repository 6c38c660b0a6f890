namespace Sagewright.Model.Rules;

/// <summary>SGW104: a register-model step that registers the model as Approved. The code fix replaces the status
/// with <c>PendingManualApproval</c> (<c>fix.replace</c>).</summary>
public sealed class ModelRegisteredApproved : PipelineRule
{
    /// <summary>{0} the step name, {1} the model package group.</summary>
    public const string Format = "Register-model step '{0}' registers the model as Approved, so deployments that watch group '{1}' pick it up with no review; register it as PendingManualApproval and approve it after checking its metrics";

    public override string Id => RuleIds.ModelRegisteredApproved;

    public override string MessageFormat => Format;

    public override void Check(RuleContext context)
    {
        foreach (var step in context.Steps)
        {
            if (step.Body is RegisterModelBody { ApprovalStatus: "Approved" } body)
            {
                context.Report(Finding(body.ApprovalOrigin ?? step.Origin.AttributeOnly, step.Name, body.Group.Text)
                    .WithProperty("fix.title", "Register for manual approval")
                    .WithProperty("fix.replace", "ModelApprovalStatus.PendingManualApproval"));
            }
        }
    }
}
