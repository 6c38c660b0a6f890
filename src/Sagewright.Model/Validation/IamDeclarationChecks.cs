using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Sagewright.Model.Compilation;
using Sagewright.Model.Graph;
using Sagewright.Model.Iam;
using Sagewright.Model.Json;
using Sagewright.Model.Pipeline;
using Sagewright.Model.Validation;

namespace Sagewright.Model.Validation;

/// <summary>Checks of the IAM attributes: [Grant] (SGW001, SGW200, SGW205), [AttachManagedPolicy] (SGW206), [Within]
/// (SGW005) and roles shared by jobs and models (SGW202).</summary>
internal sealed class IamDeclarationChecks : CompilerPass
{
    public IamDeclarationChecks(PipelineCompilation compilation)
        : base(compilation)
    {
    }

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
        ReportSharedTrainingInferenceRoles();
    }

    /// <summary>SGW001 for a malformed action or ARN, SGW200 for a wildcard, SGW205 for iam:PassRole or SageMaker job
    /// creation on every resource.</summary>
    private void CheckGrant(GrantDecl grant)
    {
        var action = grant.Action;
        var actionOk = false;
        if (!action.IsLiteral)
        {
            Report(RuleIds.ValueNotInSource, action.Origin, "The action", "a reference", "write it as text, for example \"dynamodb:GetItem\"");
        }
        else if (!IamNames.IsAction(action.Text))
        {
            Report(RuleIds.InvalidName, action.Origin, "'" + action.Text + "' is not an IAM action: write service:Action, for example dynamodb:GetItem");
        }
        else
        {
            actionOk = true;
            if (IamNames.HasWildcard(action.Text))
            {
                Report(RuleIds.WildcardPermission, action.Origin,
                    "Action '" + action.Text + "' is a wildcard: it grants every action it matches, including ones AWS adds later; list the actions the container calls");
            }
        }

        if (grant.Resources.IsEmpty)
        {
            Report(RuleIds.RequiredSettingMissing, grant.Origin.AttributeOnly, "[Grant] needs the ARNs of the resources it applies to, after the action");
            return;
        }

        var passRole = actionOk && IamNames.Matches(action.Text, "iam:PassRole", ignoreCase: true);
        var startsJobs = actionOk && IamNames.JobCreationActions.Any(a => IamNames.Matches(action.Text, a, ignoreCase: true));
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
                continue;
            }

            if (!IamNames.HasWildcard(resource.Text))
            {
                continue;
            }

            if ((passRole || startsJobs) && CoversEveryResource(resource.Text))
            {
                Report(RuleIds.PassRoleOnWildcard, resource.Origin, passRole
                    ? "'" + action.Text + "' on '" + resource.Text + "' lets the container pass any role to any service it can call, a path to every permission in the account; list the role ARNs it passes"
                    : "'" + action.Text + "' on '" + resource.Text + "' lets the container start SageMaker jobs with any name, as any role it can pass; name the jobs it starts");
            }
            else
            {
                Report(RuleIds.WildcardPermission, resource.Origin,
                    "Resource '" + resource.Text + "' contains a wildcard: it covers every resource it matches, including ones created later; name the resources the container uses");
            }
        }
    }

    /// <summary>True for <c>*</c> and for an ARN whose resource part is a bare wildcard (<c>role/*</c>, <c>training-job/*</c>, <c>*</c>).</summary>
    private static bool CoversEveryResource(string resource)
    {
        if (resource == "*")
        {
            return true;
        }

        if (IamNames.ArnFields(resource) is not { } fields)
        {
            return true; // arn:* and the like
        }

        var name = fields[5];
        if (name == "*")
        {
            return true;
        }

        var slash = name.IndexOf('/');
        return slash > 0 && name.Substring(slash + 1) == "*" && !IamNames.HasWildcard(name.Substring(0, slash));
    }

    private void CheckManagedPolicy(ManagedPolicyDecl policy)
    {
        var origin = policy.Origin.WithArgument(0);
        if (!IamNames.IsManagedPolicyArn(policy.Arn))
        {
            Report(RuleIds.InvalidName, origin, "'" + policy.Arn + "' is not a managed policy ARN (arn:aws:iam::<account or aws>:policy/<name>)");
        }
        else if (IamNames.IsAwsManagedPolicy(policy.Arn))
        {
            Report(RuleIds.ManagedPolicyAttached, origin, "'" + policy.Arn + "' is an AWS managed policy: it is written for every customer, grants far more than this pipeline needs, and AWS changes it without notice; "
                + "rely on the generated policy and add what is missing with [Grant]");
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

    /// <summary>SGW202 where a role that runs jobs also runs a model, at the argument that made it so.</summary>
    private void ReportSharedTrainingInferenceRoles()
    {
        var reported = new HashSet<Origin>();
        if (Roles.Layout == RoleAssignment.Merged)
        {
            reported.Add(Pipeline.Roles!.Origin);
        }

        foreach (var group in Steps.Where(s => IsJob(s) || s.Kind == StepKind.Model).GroupBy(s => Index.RoleArns[s.TypeName], StringComparer.Ordinal))
        {
            var job = group.FirstOrDefault(IsJob);
            var models = group.Where(s => s.Kind == StepKind.Model).ToList();
            if (job is null || models.Count == 0)
            {
                continue;
            }

            foreach (var model in models)
            {
                var origin = Index.RoleOrigins[model.TypeName] ?? group.Where(IsJob).Select(s => Index.RoleOrigins[s.TypeName]).FirstOrDefault(o => o is not null);
                if (origin is null || !reported.Add(origin))
                {
                    continue;
                }

                Report(RuleIds.SharedTrainingInferenceRole, origin,
                    "Role '" + IamNames.RoleNameOf(group.Key) + "' runs the " + job.Kind.DisplayName() + " job of step '" + job.Name + "' and the model of step '" + model.Name
                    + "': code that trains or processes data could act with the identity that serves the model, and the model could write where the job writes; give the model a role of its own");
            }
        }
    }
}
