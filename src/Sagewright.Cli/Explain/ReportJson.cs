using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Sagewright.Cli.Policies;

namespace Sagewright.Cli.Explain;

/// <summary>Reads a role's part of <c>iam/report.json</c> (the reasons as data) into the same
/// <see cref="ReportSection"/> that <c>report.md</c>'s headings give, with the lines report.md shows for it, so the
/// review commands read the JSON where it exists and fall back to report.md for output written before it.</summary>
public static class ReportJson
{
    public const string FileName = "report.json";

    /// <summary>The role's section, or null when report.json has no role of that name. A file that is not a
    /// Sagewright IAM report is an error.</summary>
    public static ReportSection? ReadSection(byte[] bytes, string displayPath, string roleName)
    {
        using var document = JsonInput.Parse(bytes, displayPath);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("roles", out var roles) || roles.ValueKind != JsonValueKind.Array
            || !(String(root, "schema") ?? "").StartsWith("sagewright.iam-report/", StringComparison.Ordinal))
        {
            throw new CliException($"{displayPath}: not a Sagewright IAM report: expected an object with \"schema\": \"sagewright.iam-report/…\" and a \"roles\" array");
        }

        foreach (var role in roles.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object))
        {
            if (!string.Equals(String(role, "name"), roleName, StringComparison.Ordinal))
            {
                continue;
            }

            var kind = String(role, "kind");
            var intro = new List<string>
            {
                "- ARN: `" + String(role, "arn") + "`",
                "- Used by: " + Code(Strings(role, "usedBy")),
                "- Policy: `" + String(role, "policy") + "`; trust policy: `" + String(role, "trust") + "`",
            };
            var managed = Strings(role, "managedPolicies");
            intro.Add("- Managed policies: " + (managed.Count == 0 ? "none" : Code(managed)));

            var statements = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (role.TryGetProperty("statements", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var statement in list.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object))
                {
                    if (String(statement, "sid") is not { } sid)
                    {
                        continue;
                    }

                    statements.TryAdd(sid, StatementLines(statement));
                }
            }

            return new ReportSection(kind is null ? roleName : roleName + " (" + kind + ")", kind, intro, statements);
        }

        return null;
    }

    private static string[] StatementLines(JsonElement statement)
    {
        var lines = new List<string>
        {
            "- Actions: " + Code(Strings(statement, "actions")),
            "- Resources: " + Code(Strings(statement, "resources")),
        };
        var steps = Strings(statement, "steps");
        if (steps.Count > 0)
        {
            lines.Add("- Steps: " + Code(steps));
        }

        lines.Add("- Why:");
        if (statement.TryGetProperty("why", out var why) && why.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in why.EnumerateArray().Where(w => w.ValueKind == JsonValueKind.Object))
            {
                var resource = String(entry, "resource");
                foreach (var reason in Strings(entry, "reasons"))
                {
                    lines.Add("  - `" + resource + "`: " + reason);
                }
            }
        }

        lines.AddRange(Strings(statement, "notes").Select(note => "- Note: " + note));
        if (statement.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object)
        {
            lines.Add("- Source: " + String(source, "title") + " (" + String(source, "url") + ")");
        }

        return lines.ToArray();
    }

    private static string Code(IEnumerable<string> values) => string.Join(", ", values.Select(v => "`" + v + "`"));

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray()
            : [];
}
