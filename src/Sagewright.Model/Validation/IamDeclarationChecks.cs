using Sagewright.Model.Iam;

namespace Sagewright.Model.Validation;

/// <summary>Checks of the IAM attributes that make them unusable: [Grant] (SGW001, SGW009, SGW011),
/// [AttachManagedPolicy] (SGW001) and [Within] (SGW005). What is allowed but unwise (wildcards, AWS managed policies,
/// roles shared by jobs and models) is the security rules' (Rules/Security).</summary>
internal sealed class IamDeclarationChecks(PipelineCompilation compilation) : CompilerPass(compilation)
{
    public void Run()
    {
        foreach (var step in Steps.Where(s => IsJob(s) || s.Kind == StepKind.Model))
        {
            foreach (var grant in step.Grants)
            {
                CheckGrant(grant);
            }

            foreach (var policy in step.ManagedPolicies)
            {
                CheckManagedPolicy(policy);
            }
        }

        foreach (var policy in Pipeline.ManagedPolicies)
        {
            CheckManagedPolicy(policy);
        }

        CheckWithin();
    }

    /// <summary>SGW001 for a malformed action or ARN, SGW009 for one that is not text, SGW011 for a grant without
    /// resources. Wildcards are the rules' (Rules/Security: SGW200 WildcardPermission, SGW205 PassRoleOnWildcard).</summary>
    private void CheckGrant(GrantDecl grant)
    {
        var action = grant.Action;
        if (!action.IsLiteral)
        {
            Report(RuleIds.ValueNotInSource, action.Origin, "The action", "a reference", "write it as text, for example \"dynamodb:GetItem\"");
        }
        else if (!IamNames.IsAction(action.Text))
        {
            Report(RuleIds.InvalidName, action.Origin, "'" + action.Text + "' is not an IAM action: write service:Action, for example dynamodb:GetItem");
        }

        if (grant.Resources.IsEmpty)
        {
            Report(RuleIds.RequiredSettingMissing, grant.Origin.AttributeOnly, "[Grant] needs the ARNs of the resources it applies to, after the action");
            return;
        }

        foreach (var resource in grant.Resources)
        {
            if (!resource.IsLiteral)
            {
                Report(RuleIds.ValueNotInSource, resource.Origin, "Resource ARNs", "references", "the IAM policies are derived from them");
                continue;
            }

            if (resource.Text != "*" && !resource.Text.StartsWith("arn:", StringComparison.Ordinal))
            {
                Report(RuleIds.InvalidName, resource.Origin, "'" + resource.Text + "' is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)");
            }
        }
    }

    private void CheckManagedPolicy(ManagedPolicyDecl policy)
    {
        var origin = policy.Origin.WithArgument(0);
        if (!IamNames.IsManagedPolicyArn(policy.Arn))
        {
            Report(RuleIds.InvalidName, origin, "'" + policy.Arn + "' is not a managed policy ARN (arn:aws:iam::<account or aws>:policy/<name>)");
        }
    }

    /// <summary>SGW005 for a [Within] that is not an S3 URI.</summary>
    private void CheckWithin()
    {
        var withins = Pipeline.Expressions.Concat(Steps.SelectMany(s => s.Expressions)).Select(e => e.Within)
            .Concat(Steps.Select(s => s.Body).OfType<ExternalStepBody>().SelectMany(b => b.OutputParameters).Select(o => o.Within));
        foreach (var within in withins)
        {
            if (within is { IsLiteral: true } && S3Uris.Check(within.Text) is { } problem)
            {
                Report(RuleIds.MalformedS3Uri, within.Origin, within.Text, problem);
            }
            else if (within is { IsLiteral: false })
            {
                Report(RuleIds.ValueNotInSource, within.Origin, "The [Within] location", "a reference", "write an S3 URI, s3://<bucket>/<prefix>/");
            }
        }
    }

}
