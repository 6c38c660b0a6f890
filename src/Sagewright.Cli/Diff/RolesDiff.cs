using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Sagewright.Cli.Policies;

namespace Sagewright.Cli.Diff;

/// <summary>One role of <c>roles.json</c>: its name, ARN and kind, its policy and trust files, the steps that use it
/// and the managed policies attached to it.</summary>
public sealed record RoleRecord(
    string Name,
    string? Arn,
    string? Kind,
    string? Policy,
    string? Trust,
    IReadOnlyList<string> UsedBy,
    IReadOnlyList<string> ManagedPolicies);

/// <summary>A <c>roles.json</c> as a Sagewright build writes it beside the policies: the project settings
/// (<c>account</c>, <c>region</c>, <c>partition</c>, <c>pipeline</c>) and the roles.</summary>
public sealed record RolesDocument(IReadOnlyList<(string Name, string Value)> Settings, IReadOnlyList<RoleRecord> Roles)
{
    public const string FileName = "roles.json";

    public static bool IsRolesFileName(string name) => string.Equals(name, FileName, StringComparison.Ordinal);

    public static RolesDocument Read(byte[] bytes, string displayPath)
    {
        using var document = JsonInput.Parse(bytes, displayPath);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("roles", out var roles) || roles.ValueKind != JsonValueKind.Array)
        {
            throw NotRoles(displayPath, $"expected an object with a \"roles\" array; found {JsonInput.Describe(root.ValueKind)}" +
                (root.ValueKind == JsonValueKind.Object ? " without a \"roles\" array" : ""));
        }

        var settings = new List<(string, string)>();
        foreach (var name in (string[])["account", "region", "partition", "pipeline"])
        {
            settings.Add((name, String(root, name, displayPath, "") ?? ""));
        }

        var records = new List<RoleRecord>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var role in roles.EnumerateArray())
        {
            var label = $"roles[{index++}]";
            if (role.ValueKind != JsonValueKind.Object)
            {
                throw NotRoles(displayPath, $"{label} must be an object; found {JsonInput.Describe(role.ValueKind)}");
            }

            var name = String(role, "name", displayPath, label + ": ");
            if (string.IsNullOrEmpty(name))
            {
                throw NotRoles(displayPath, $"{label}: expected a \"name\"");
            }

            if (!names.Add(name))
            {
                throw NotRoles(displayPath, $"{label}: the role \"{name}\" is listed twice");
            }

            records.Add(new RoleRecord(
                name,
                String(role, "arn", displayPath, label + ": "),
                String(role, "kind", displayPath, label + ": "),
                String(role, "policy", displayPath, label + ": "),
                String(role, "trust", displayPath, label + ": "),
                Strings(role, "usedBy", displayPath, label),
                Strings(role, "managedPolicies", displayPath, label)));
        }

        return new RolesDocument(settings, records);
    }

    private static string? String(JsonElement element, string name, string path, string label)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw NotRoles(path, $"{label}\"{name}\" must be a string; found {JsonInput.Describe(value.ValueKind)}");
    }

    private static IReadOnlyList<string> Strings(JsonElement element, string name, string path, string label)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw NotRoles(path, $"{label}: \"{name}\" must be an array of strings");
        }

        return value.EnumerateArray().Select(v => v.GetString()!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    private static CliException NotRoles(string path, string detail) => new($"{path}: not a Sagewright roles file: {detail}");
}

/// <summary>Compares two <c>roles.json</c> files role by role (paired by name). Widening: a managed policy attached
/// (AWS or customer managed: what it allows is not in the diff), a role whose ARN changed (another role, perhaps an
/// existing one, with the permissions it has today), a step that now runs as a role it did not run as before, and a
/// role that takes its trust policy from another file. Everything else is reported without widening.</summary>
public static class RolesDiff
{
    public static IReadOnlyList<DocumentChange> Compare(RolesDocument? before, RolesDocument? after)
    {
        var changes = new List<DocumentChange>();
        var oldRoles = (before?.Roles ?? []).ToDictionary(r => r.Name, StringComparer.Ordinal);
        var newRoles = (after?.Roles ?? []).ToDictionary(r => r.Name, StringComparer.Ordinal);

        if (before is not null && after is not null)
        {
            foreach (var ((name, was), (_, now)) in before.Settings.Zip(after.Settings))
            {
                if (!string.Equals(was, now, StringComparison.Ordinal))
                {
                    changes.Add(new DocumentChange(ChangeKind.Changed, name, was, now, $"{name} changed from {Value(was)} to {Value(now)}", null));
                }
            }
        }

        // The ARNs each step ran as before: a step that now runs as another role gains that role's permissions.
        var oldSteps = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var role in oldRoles.Values)
        {
            foreach (var step in role.UsedBy)
            {
                if (!oldSteps.TryGetValue(step, out var arns))
                {
                    oldSteps.Add(step, arns = new HashSet<string>(StringComparer.Ordinal));
                }

                arns.Add(role.Arn ?? role.Name);
            }
        }

        foreach (var name in oldRoles.Keys.Union(newRoles.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var hasOld = oldRoles.TryGetValue(name, out var was);
            var hasNew = newRoles.TryGetValue(name, out var now);
            var subject = "role " + name;
            if (!hasNew)
            {
                changes.Add(new DocumentChange(ChangeKind.Removed, subject, Describe(was!), null, "role removed", null));
                continue;
            }

            if (!hasOld)
            {
                changes.Add(new DocumentChange(ChangeKind.Added, subject, null, Describe(now!), "role added: " + Describe(now!), null));
            }
            else
            {
                if (!string.Equals(was!.Arn, now!.Arn, StringComparison.Ordinal))
                {
                    changes.Add(new DocumentChange(ChangeKind.Changed, subject, was.Arn, now.Arn, $"ARN changed to {now.Arn ?? "(none)"}",
                        $"the role is now {now.Arn ?? "(none)"}, was {was.Arn ?? "(none)"}: a role that already exists keeps every permission it has today, which this diff cannot see"));
                }

                if (!string.Equals(was.Kind, now.Kind, StringComparison.Ordinal))
                {
                    changes.Add(new DocumentChange(ChangeKind.Changed, subject, was.Kind, now.Kind, $"kind changed to {now.Kind ?? "(none)"}", null));
                }

                if (!string.Equals(was.Policy, now.Policy, StringComparison.Ordinal))
                {
                    changes.Add(new DocumentChange(ChangeKind.Changed, subject, was.Policy, now.Policy, $"policy file changed to {now.Policy ?? "(none)"}", null));
                }

                if (!string.Equals(was.Trust, now.Trust, StringComparison.Ordinal))
                {
                    changes.Add(new DocumentChange(ChangeKind.Changed, subject, was.Trust, now.Trust, $"trust policy file changed to {now.Trust ?? "(none)"}",
                        $"the role's trust policy is now {now.Trust ?? "(none)"}, was {was.Trust ?? "(none)"}: who may assume the role changed"));
                }
            }

            var oldManaged = hasOld ? was!.ManagedPolicies : [];
            foreach (var policy in now!.ManagedPolicies.Except(oldManaged, StringComparer.Ordinal))
            {
                changes.Add(new DocumentChange(ChangeKind.Added, subject, null, policy, "managed policy attached: " + policy, ManagedReason(policy)));
            }

            foreach (var policy in oldManaged.Except(now.ManagedPolicies, StringComparer.Ordinal))
            {
                changes.Add(new DocumentChange(ChangeKind.Removed, subject, policy, null, "managed policy detached: " + policy, null));
            }

            var oldUsers = hasOld ? was!.UsedBy : [];
            var arn = now.Arn ?? now.Name;
            var joined = now.UsedBy.Except(oldUsers, StringComparer.Ordinal).ToArray();
            var moved = joined.Where(step => oldSteps.TryGetValue(step, out var arns) && !arns.Contains(arn)).ToArray();
            var fresh = joined.Except(moved, StringComparer.Ordinal).Where(step => !oldSteps.TryGetValue(step, out var arns) || !arns.Contains(arn)).ToArray();
            if (moved.Length > 0)
            {
                changes.Add(new DocumentChange(ChangeKind.Added, subject, null, string.Join(", ", moved),
                    $"now runs {Steps(moved)} that ran as other roles before",
                    $"{Steps(moved)} now run as {arn} and gain every permission it has"));
            }

            if (fresh.Length > 0 && hasOld)
            {
                changes.Add(new DocumentChange(ChangeKind.Added, subject, null, string.Join(", ", fresh), $"now also used by new {Steps(fresh)}", null));
            }

            var left = oldUsers.Except(now.UsedBy, StringComparer.Ordinal).ToArray();
            if (left.Length > 0)
            {
                changes.Add(new DocumentChange(ChangeKind.Removed, subject, string.Join(", ", left), null, $"no longer used by {Steps(left)}", null));
            }
        }

        return changes
            .OrderBy(c => c.IsWidening ? 0 : 1)
            .ThenBy(c => c.Kind)
            .ThenBy(c => c.Subject, StringComparer.Ordinal)
            .ThenBy(c => c.Text, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>AWS managed policies live in the <c>aws</c> account of the partition (<c>arn:aws:iam::aws:policy/…</c>).</summary>
    private static string ManagedReason(string policy)
    {
        var fields = policy.Split(':');
        return fields.Length >= 6 && fields[2] == "iam" && fields[4] == "aws"
            ? "an AWS managed policy: it allows whatever AWS puts in it (and AWS changes it over time); none of that is in this diff"
            : "a customer managed policy: what it allows is not in this diff; review the policy itself";
    }

    private static string Value(string value) => value.Length == 0 ? "(none)" : value;

    private static string Steps(IReadOnlyList<string> steps) =>
        (steps.Count == 1 ? "step " : "steps ") + string.Join(", ", steps);

    private static string Describe(RoleRecord role) =>
        string.Join(", ", new[]
        {
            role.Kind is null ? null : "kind " + role.Kind,
            role.Arn is null ? null : "ARN " + role.Arn,
            role.UsedBy.Count == 0 ? null : "used by " + string.Join(", ", role.UsedBy),
            role.ManagedPolicies.Count == 0 ? null : "managed policies " + string.Join(", ", role.ManagedPolicies),
        }.Where(part => part is not null));
}
