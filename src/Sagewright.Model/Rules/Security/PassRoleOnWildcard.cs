namespace Sagewright.Model.Rules;

/// <summary>SGW205: <c>iam:PassRole</c>, or an action that starts SageMaker jobs, granted (<c>[Grant]</c>) on every
/// resource: <c>*</c>, or an ARN whose resource part is a bare wildcard.</summary>
public sealed class PassRoleOnWildcard : PipelineRule
{
    /// <summary>{0} the action, {1} the resource, {2} what the grant lets the container do, {3} what to write instead.</summary>
    public const string Format = "'{0}' on '{1}' lets the container {2}; {3}";

    public override string Id => RuleIds.PassRoleOnWildcard;

    public override string MessageFormat => Format;

    public override void Check(RuleContext context)
    {
        foreach (var grant in Grants.Of(context))
        {
            foreach (var resource in Grants.WildcardResources(grant))
            {
                if (!Grants.IsPassRoleOnWildcard(grant, resource))
                {
                    continue;
                }

                context.Report(Grants.PassesRoles(grant.Action)
                    ? Finding(resource.Origin, grant.Action.Text, resource.Text, "pass any role to any service it can call, a path to every permission in the account", "list the role ARNs it passes")
                    : Finding(resource.Origin, grant.Action.Text, resource.Text, "start SageMaker jobs with any name, as any role it can pass", "name the jobs it starts"));
            }
        }
    }
}
