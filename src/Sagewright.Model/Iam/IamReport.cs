using System.Text;

namespace Sagewright.Model.Iam;

/// <summary>Why each role and statement exists, once, as data: written as <c>iam/report.json</c> and rendered as
/// <c>iam/report.md</c> (<see cref="Markdown"/>), so the two never disagree.</summary>
internal sealed record IamReport(string Pipeline, string Account, string Region, string Partition, IReadOnlyList<string> Notes, IReadOnlyList<IamReportRole> Roles)
{
    /// <summary>The <c>schema</c> of report.json; a change that removes or renames a member gets a new version.</summary>
    public const string Schema = "sagewright.iam-report/1";

    public static IamReport From(string pipeline, BuildSettings settings, IReadOnlyList<RoleBuilder> roles, IEnumerable<string> notes, IReadOnlyList<string> stepNames) =>
        new(pipeline, settings.AccountId ?? string.Empty, settings.Region ?? string.Empty, settings.Partition, notes.ToList(),
            roles.Select(role => new IamReportRole(
                role.Name, role.Kind, role.Arn, role.UsedBy.ToList(), role.PolicyFile, role.TrustFile,
                role.TrustSources.Select(s => new IamReportReason(s, role.TrustWhy.TryGetValue(s, out var why) ? why.ToList() : new List<string>())).ToList(),
                role.ManagedPolicies.ToList(),
                role.Statements.Where(s => s.Actions.Count > 0).Select(s => Statement(s, stepNames)).ToList())).ToList());

    private static IamReportStatement Statement(StatementBuilder statement, IReadOnlyList<string> stepNames)
    {
        var why = statement.Why.Select(w => new IamReportReason(w.Key, w.Value.ToList())).ToList();
        // Every reason names the steps that need the resource as `Step`.
        var steps = stepNames.Where(step => why.Any(w => w.Reasons.Any(r => r.IndexOf("`" + step + "`", StringComparison.Ordinal) >= 0)))
            .OrderBy(s => s, StringComparer.Ordinal).ToList();
        return new IamReportStatement(statement.Sid, statement.Actions.ToList(), statement.Resources.ToList(),
            statement.Conditions.Count == 0 || statement.Unconditional ? null : statement.Conditions,
            why, statement.Notes.ToList(), steps, IamSources.For(statement.Sid));
    }

    public string Json()
    {
        var roles = new JsonArray(Roles.Select(role => (JsonValue)new JsonObject()
            .Add("name", role.Name)
            .Add("arn", role.Arn)
            .Add("kind", role.Kind)
            .Add("policy", role.PolicyFile)
            .Add("trust", role.TrustFile)
            .Add("usedBy", StatementBuilder.Strings(role.UsedBy))
            .Add("managedPolicies", StatementBuilder.Strings(role.ManagedPolicies))
            .Add("trustPolicy", new JsonObject()
                .Add("principal", IamNames.SageMakerPrincipal)
                .Add("sourceAccount", Account)
                .Add("sourceArns", new JsonArray(role.Trust.Select(t => (JsonValue)new JsonObject()
                    .Add("sourceArn", t.Resource)
                    .Add("reasons", StatementBuilder.Strings(t.Reasons)))))
                .Add("source", SourceJson(IamSources.Trust)))
            .Add("statements", new JsonArray(role.Statements.Select(s => (JsonValue)new JsonObject()
                .Add("sid", s.Sid)
                .Add("actions", StatementBuilder.Strings(s.Actions))
                .Add("resources", StatementBuilder.Strings(s.Resources))
                .Add("conditions", s.Conditions is null ? new JsonObject() : StatementBuilder.ConditionJson(s.Conditions))
                .Add("steps", StatementBuilder.Strings(s.Steps))
                .Add("why", new JsonArray(s.Why.Select(w => (JsonValue)new JsonObject()
                    .Add("resource", w.Resource)
                    .Add("reasons", StatementBuilder.Strings(w.Reasons)))))
                .Add("notes", StatementBuilder.Strings(s.Notes))
                .Add("source", s.Source is null ? JsonValue.Null : SourceJson(s.Source)))))));
        return new JsonObject()
            .Add("schema", Schema)
            .Add("pipeline", Pipeline)
            .Add("account", Account)
            .Add("region", Region)
            .Add("partition", Partition)
            .Add("notes", StatementBuilder.Strings(Notes))
            .Add("roles", roles)
            .ToJson() + "\n";
    }

    private static JsonObject SourceJson(IamSource source) =>
        new JsonObject().Add("rule", source.Rule).Add("title", source.Title).Add("url", source.Url);

    /// <summary>report.md: a section per role and a subsection per statement, with the reasons of each resource.</summary>
    public string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append("# IAM report: ").Append(Pipeline).Append("\n\n");
        sb.Append("Derived by Sagewright from the declarations of pipeline `").Append(Pipeline).Append("` for account `")
            .Append(Account).Append("`, region `").Append(Region).Append("`, partition `").Append(Partition).Append("`. ")
            .Append("Each statement lists the steps and the declared inputs and outputs that need it. Do not edit: change the pipeline and build.\n");
        foreach (var note in Notes)
        {
            sb.Append("\n> ").Append(note).Append('\n');
        }

        foreach (var role in Roles)
        {
            sb.Append("\n## ").Append(role.Name).Append(" (").Append(role.Kind).Append(")\n\n");
            sb.Append("- ARN: `").Append(role.Arn).Append("`\n");
            sb.Append("- Used by: ").Append(Code(role.UsedBy)).Append('\n');
            sb.Append("- Policy: `").Append(role.PolicyFile).Append("`; trust policy: `").Append(role.TrustFile).Append("`\n");
            sb.Append("- Trust: `").Append(IamNames.SageMakerPrincipal).Append("` may assume it when `aws:SourceAccount` is `").Append(Account).Append('`');
            if (role.Trust.Count > 0)
            {
                sb.Append(" and `aws:SourceArn` is like ").Append(Code(role.Trust.Select(t => t.Resource))).Append(" (confused-deputy protection)");
            }

            sb.Append('\n');
            foreach (var source in role.Trust.Where(t => t.Reasons.Count > 0))
            {
                sb.Append("  - `").Append(source.Resource).Append("`: ").Append(string.Join("; ", source.Reasons)).Append('\n');
            }

            sb.Append("- Managed policies: ").Append(role.ManagedPolicies.Count == 0 ? "none" : Code(role.ManagedPolicies)).Append('\n');
            foreach (var statement in role.Statements)
            {
                sb.Append("\n### ").Append(statement.Sid).Append("\n\n");
                sb.Append("- Actions: ").Append(Code(statement.Actions)).Append('\n');
                sb.Append("- Resources: ").Append(Code(statement.Resources)).Append('\n');
                sb.Append("- Conditions: ");
                if (statement.Conditions is null)
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
                    foreach (var reason in resource.Reasons)
                    {
                        sb.Append("  - `").Append(resource.Resource).Append("`: ").Append(reason).Append('\n');
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

internal sealed record IamReportRole(
    string Name,
    string Kind,
    string Arn,
    IReadOnlyList<string> UsedBy,
    string PolicyFile,
    string TrustFile,
    IReadOnlyList<IamReportReason> Trust,
    IReadOnlyList<string> ManagedPolicies,
    IReadOnlyList<IamReportStatement> Statements);

/// <param name="Resource">A resource of the statement (or, for a trust policy, an <c>aws:SourceArn</c> pattern).</param>
internal sealed record IamReportReason(string Resource, IReadOnlyList<string> Reasons);

/// <param name="Conditions">Operator → key → values, as in the policy; null when the statement has none.</param>
/// <param name="Steps">The steps whose declarations need the statement (named in its reasons).</param>
internal sealed record IamReportStatement(
    string Sid,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Resources,
    SortedDictionary<string, SortedDictionary<string, SortedSet<string>>>? Conditions,
    IReadOnlyList<IamReportReason> Why,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Steps,
    IamSource? Source);
