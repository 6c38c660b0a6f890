namespace Sagewright.Model.Iam;

/// <summary>Writes <c>&lt;Pipeline&gt;/iam/</c>: roles.json, a policy and a trust policy per role, report.json (the
/// reasons as data) and report.md rendered from it (the format is in the IAM output contract).</summary>
internal static class IamWriter
{
    /// <param name="derived">Each role with its policy document (<see cref="RoleBuilder.PolicyJson"/>, made once by the
    /// deriver, which checks its size).</param>
    /// <param name="stepNames">The pipeline's steps, to name the ones each statement serves in report.json.</param>
    public static IEnumerable<OutputFile> Files(string pipeline, BuildSettings settings, IReadOnlyList<(RoleBuilder Role, string Policy)> derived, IEnumerable<string> notes, IReadOnlyList<string> stepNames)
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

        var report = IamReport.From(pipeline, settings, roles, notes, stepNames);
        yield return new OutputFile(folder + "report.json", report.Json());
        yield return new OutputFile(folder + "report.md", report.Markdown());
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
}
