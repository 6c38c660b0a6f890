using Sagewright.Model.Iam;

namespace Sagewright.Model.Rules;

/// <summary>SGW206: an AWS managed policy attached (<c>[AttachManagedPolicy]</c>) to the pipeline role or to the role of
/// a job or model step: a warning, and an error for the policies that give a role the run of the account
/// (<see cref="IamNames.IsAdministratorPolicy"/>). A malformed policy ARN is SGW001, and a policy on another step kind
/// SGW014.</summary>
public sealed class ManagedPolicyAttached : PipelineRule
{
    /// <summary>{0} the policy ARN.</summary>
    public const string Format = "'{0}' is an AWS managed policy: it is written for every customer, grants far more than this pipeline needs, and AWS changes it without notice; rely on the generated policy and add what is missing with [Grant]";

    public override string Id => RuleIds.ManagedPolicyAttached;

    public override string MessageFormat => Format;

    public override void Check(RuleContext context)
    {
        var policies = context.Steps.Where(s => IsJob(s) || s.Kind == StepKind.Model).SelectMany(s => s.ManagedPolicies)
            .Concat(context.Pipeline.ManagedPolicies);
        foreach (var policy in policies)
        {
            if (IamNames.IsManagedPolicyArn(policy.Arn) && IamNames.IsAwsManagedPolicy(policy.Arn))
            {
                var finding = Finding(policy.Origin.WithArgument(0), policy.Arn);
                context.Report(IamNames.IsAdministratorPolicy(policy.Arn) ? finding.WithProperty(Pipeline.Finding.SeverityKey, "error") : finding);
            }
        }
    }
}
