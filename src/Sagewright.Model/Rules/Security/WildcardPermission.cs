using Sagewright.Model.Iam;

namespace Sagewright.Model.Rules;

/// <summary>SGW200: a wildcard in the action or a resource of a <c>[Grant]</c> (except <c>iam:PassRole</c> and job
/// creation on every resource, which is SGW205).</summary>
public sealed class WildcardPermission : PipelineRule
{
    /// <summary>{0} "Action" or "Resource", {1} its text, {2} "is" or "contains", {3} "grants" or "covers", {4} "action"
    /// or "resource", {5} which later ones it covers too, {6} what to write instead.</summary>
    public const string Format = "{0} '{1}' {2} a wildcard: it {3} every {4} it matches, including ones {5}; {6}";

    public override string Id => RuleIds.WildcardPermission;

    public override string MessageFormat => Format;

    public override void Check(RuleContext context)
    {
        foreach (var grant in Grants.Of(context))
        {
            var action = grant.Action;
            if (Grants.IsAction(action) && IamNames.HasWildcard(action.Text))
            {
                context.Report(Finding(action.Origin, "Action", action.Text, "is", "grants", "action", "AWS adds later", "list the actions the container calls"));
            }

            foreach (var resource in Grants.WildcardResources(grant))
            {
                if (!Grants.IsPassRoleOnWildcard(grant, resource))
                {
                    context.Report(Finding(resource.Origin, "Resource", resource.Text, "contains", "covers", "resource", "created later", "name the resources the container uses"));
                }
            }
        }
    }
}
