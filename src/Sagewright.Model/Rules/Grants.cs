using Sagewright.Model.Iam;

namespace Sagewright.Model.Rules;

/// <summary>What the rules about <c>[Grant]</c> share (SGW200, SGW205): which grants they read, and which resources
/// are wildcards. A malformed action or resource is SGW001/SGW009 (checked where the roles are resolved) and is not
/// judged here.</summary>
internal static class Grants
{
    /// <summary>The grants of the steps that run a job or a model (a grant elsewhere is SGW014).</summary>
    public static IEnumerable<GrantDecl> Of(RuleContext context) =>
        context.Steps.Where(s => s.Kind is StepKind.Processing or StepKind.Training or StepKind.Tuning or StepKind.Model).SelectMany(s => s.Grants);

    /// <summary>Whether the action is a well-formed IAM action written in source.</summary>
    public static bool IsAction(ValueSource action) => action.IsLiteral && IamNames.IsAction(action.Text);

    /// <summary>The well-formed resource ARNs (or <c>*</c>) of a grant that contain a wildcard.</summary>
    public static IEnumerable<ValueSource> WildcardResources(GrantDecl grant) =>
        grant.Resources.Where(r => r.IsLiteral && (r.Text == "*" || r.Text.StartsWith("arn:", StringComparison.Ordinal)) && IamNames.HasWildcard(r.Text));

    /// <summary>True for <c>iam:PassRole</c> (or a wildcard that matches it).</summary>
    public static bool PassesRoles(ValueSource action) => IsAction(action) && IamNames.Matches(action.Text, "iam:PassRole", ignoreCase: true);

    /// <summary>True for an action that starts SageMaker jobs (or a wildcard that matches one).</summary>
    public static bool StartsJobs(ValueSource action) =>
        IsAction(action) && IamNames.JobCreationActions.Any(a => IamNames.Matches(action.Text, a, ignoreCase: true));

    /// <summary>Whether a wildcard resource of the grant is SGW205's (pass-role or job creation on every resource) rather than SGW200's.</summary>
    public static bool IsPassRoleOnWildcard(GrantDecl grant, ValueSource resource) =>
        (PassesRoles(grant.Action) || StartsJobs(grant.Action)) && CoversEveryResource(resource.Text);

    /// <summary>True for <c>*</c> and for an ARN whose resource part is a bare wildcard (<c>role/*</c>, <c>training-job/*</c>, <c>*</c>).</summary>
    public static bool CoversEveryResource(string resource)
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
}
