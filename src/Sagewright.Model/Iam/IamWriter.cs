using System.Text;

namespace Sagewright.Model.Iam;

/// <summary>Writes <c>&lt;Pipeline&gt;/iam/</c>: roles.json, a policy and a trust policy per role, and report.md
/// (the format is in the IAM output contract).</summary>
internal static class IamWriter
{
    /// <param name="derived">Each role with its policy document (<see cref="RoleBuilder.PolicyJson"/>, made once by the
    /// deriver, which checks its size).</param>
    public static IEnumerable<OutputFile> Files(string pipeline, BuildSettings settings, IReadOnlyList<(RoleBuilder Role, string Policy)> derived, IEnumerable<string> notes)
    {
        var folder = pipeline + "/iam/";
        var account = settings.AccountId ?? string.Empty;
        var roles = derived.Select(d => d.Role).ToList();
        yield return new OutputFile(folder + "roles.json", RolesJson(pipeline, settings, roles));
        foreach (var (role, policy) in derived)
        {
            yield return new OutputFile(folder + role.PolicyFile, policy);
            yield return new OutputFile(folder + role.TrustFile, role.TrustJson(account));
        }

        yield return new OutputFile(folder + "report.md", Report(pipeline, settings, roles, notes));
    }

    private static string RolesJson(string pipeline, BuildSettings settings, IReadOnlyList<RoleBuilder> roles) =>
        new JsonObject()
            .Add("account", settings.AccountId ?? string.Empty)
            .Add("region", settings.Region ?? string.Empty)
            .Add("partition", settings.Partition)
            .Add("pipeline", pipeline)
            .Add("roles", new JsonArray(roles.Select(r => (JsonValue)new JsonObject()
                .Add("name", r.Name)
                .Add("arn", r.Arn)
                .Add("kind", r.Kind)
                .Add("policy", r.PolicyFile)
                .Add("trust", r.TrustFile)
                .Add("usedBy", StatementBuilder.Strings(r.UsedBy))
                .Add("managedPolicies", StatementBuilder.Strings(r.ManagedPolicies)))))
            .ToJson() + "\n";

    private static string Report(string pipeline, BuildSettings settings, IReadOnlyList<RoleBuilder> roles, IEnumerable<string> notes)
    {
        var sb = new StringBuilder();
        sb.Append("# IAM report: ").Append(pipeline).Append("\n\n");
        sb.Append("Derived by Sagewright from the declarations of pipeline `").Append(pipeline).Append("` for account `")
            .Append(settings.AccountId).Append("`, region `").Append(settings.Region).Append("`, partition `").Append(settings.Partition).Append("`. ")
            .Append("Each statement lists the steps and the declared inputs and outputs that need it. Do not edit: change the pipeline and build.\n");
        foreach (var note in notes)
        {
            sb.Append("\n> ").Append(note).Append('\n');
        }

        foreach (var role in roles)
        {
            sb.Append("\n## ").Append(role.Name).Append(" (").Append(role.Kind).Append(")\n\n");
            sb.Append("- ARN: `").Append(role.Arn).Append("`\n");
            sb.Append("- Used by: ").Append(Code(role.UsedBy)).Append('\n');
            sb.Append("- Policy: `").Append(role.PolicyFile).Append("`; trust policy: `").Append(role.TrustFile).Append("`\n");
            sb.Append("- Trust: `").Append(IamNames.SageMakerPrincipal).Append("` may assume it when `aws:SourceAccount` is `").Append(settings.AccountId).Append('`');
            if (role.TrustSources.Count > 0)
            {
                sb.Append(" and `aws:SourceArn` is like ").Append(Code(role.TrustSources)).Append(" (confused-deputy protection)");
            }

            sb.Append('\n');
            foreach (var source in role.TrustWhy)
            {
                sb.Append("  - `").Append(source.Key).Append("`: ").Append(string.Join("; ", source.Value)).Append('\n');
            }

            sb.Append("- Managed policies: ").Append(role.ManagedPolicies.Count == 0 ? "none" : Code(role.ManagedPolicies)).Append('\n');
            foreach (var statement in role.Statements.Where(s => s.Actions.Count > 0))
            {
                sb.Append("\n### ").Append(statement.Sid).Append("\n\n");
                sb.Append("- Actions: ").Append(Code(statement.Actions)).Append('\n');
                sb.Append("- Resources: ").Append(Code(statement.Resources)).Append('\n');
                sb.Append("- Conditions: ");
                if (statement.Conditions.Count == 0 || statement.Unconditional)
                {
                    sb.Append("none\n");
                }
                else
                {
                    sb.Append(string.Join("; ", statement.Conditions.SelectMany(op => op.Value.Select(key =>
                        "`" + op.Key + "` `" + key.Key + "` " + (key.Value.Count == 1 ? "= " : "in ") + Code(key.Value))))).Append('\n');
                }

                sb.Append("- Why:\n");
                foreach (var resource in statement.Why)
                {
                    foreach (var reason in resource.Value)
                    {
                        sb.Append("  - `").Append(resource.Key).Append("`: ").Append(reason).Append('\n');
                    }
                }

                foreach (var note in statement.Notes)
                {
                    sb.Append("- Note: ").Append(note).Append('\n');
                }
            }
        }

        return sb.ToString();
    }

    private static string Code(IEnumerable<string> values) => string.Join(", ", values.Select(v => "`" + v + "`"));
}
