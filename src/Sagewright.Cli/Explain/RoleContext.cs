using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Sagewright.Cli.Policies;
using Sagewright.Cli.Sources;

namespace Sagewright.Cli.Explain;

/// <summary>The role's section of <c>report.md</c>: the lines under <c>## RoleName (kind)</c> before the
/// first statement, and each <c>### Sid</c> subsection's lines.</summary>
public sealed record ReportSection(string Heading, string? Kind, IReadOnlyList<string> Intro, IReadOnlyDictionary<string, IReadOnlyList<string>> Statements)
{
    /// <summary>The reasons the <c>### Sid</c> subsection gives for <paramref name="resource"/>: its "Why" bullets,
    /// written <c>- `resource`: reason</c> (at any indent). Empty when the subsection is missing or gives none.</summary>
    public IReadOnlyList<string> ReasonsFor(string sid, string resource)
    {
        ArgumentNullException.ThrowIfNull(sid);
        ArgumentNullException.ThrowIfNull(resource);
        if (!Statements.TryGetValue(sid, out var lines))
        {
            return [];
        }

        var start = "- `" + resource + "`:";
        return lines
            .Select(line => line.TrimStart())
            .Where(line => line.StartsWith(start, StringComparison.Ordinal))
            .Select(line => line[start.Length..].Trim())
            .Where(reason => reason.Length > 0)
            .ToArray();
    }
}

/// <summary>The role's entry in <c>roles.json</c>.</summary>
public sealed record RoleEntry(string Name, string? Kind, string? Arn, IReadOnlyList<string> UsedBy, IReadOnlyList<string> ManagedPolicies);

/// <summary>What sits beside a policy file: <c>report.json</c> (or, for older output, <c>report.md</c>) and
/// <c>roles.json</c> (all optional), read for the role the file name names.</summary>
public sealed record RoleContext(string RoleName, bool HasReport, ReportSection? Report, bool HasRoles, RoleEntry? Role)
{
    public const string PolicySuffix = ".policy.json";

    /// <summary>The file the reasons were read from: <c>report.json</c>, or <c>report.md</c> for older output.</summary>
    public string ReportFile { get; init; } = "report.md";
    public const string TrustSuffix = ".trust.json";

    /// <summary>The role name is the file name without <c>.policy.json</c> (or <c>.trust.json</c>).</summary>
    public static string RoleNameOf(string fileName)
    {
        if (fileName.EndsWith(PolicySuffix, StringComparison.Ordinal))
        {
            return fileName[..^PolicySuffix.Length];
        }

        if (fileName.EndsWith(TrustSuffix, StringComparison.Ordinal))
        {
            return fileName[..^TrustSuffix.Length];
        }

        return fileName.EndsWith(".json", StringComparison.Ordinal) ? fileName[..^".json".Length] : fileName;
    }

    public static RoleContext Load(string policyPath, string displayPath)
    {
        var directory = Path.GetDirectoryName(policyPath) ?? ".";
        var fileName = Path.GetFileName(policyPath);
        var roleName = RoleNameOf(fileName);

        // report.json holds the reasons as data; report.md's headings are read only for output written before it.
        var jsonPath = Path.Combine(directory, ReportJson.FileName);
        var reportPath = Path.Combine(directory, "report.md");
        var hasJson = File.Exists(jsonPath);
        var hasReport = hasJson || File.Exists(reportPath);
        var report = hasJson
            ? ReportJson.ReadSection(PolicySource.ReadFile(jsonPath, Sibling(displayPath, ReportJson.FileName)), Sibling(displayPath, ReportJson.FileName), roleName)
            : hasReport
                ? ReadReport(Encoding.UTF8.GetString(PolicySource.ReadFile(reportPath, Sibling(displayPath, "report.md"))), roleName)
                : null;

        var rolesPath = Path.Combine(directory, "roles.json");
        var hasRoles = File.Exists(rolesPath);
        var role = hasRoles
            ? ReadRole(PolicySource.ReadFile(rolesPath, Sibling(displayPath, "roles.json")), Sibling(displayPath, "roles.json"), roleName, fileName)
            : null;
        return new RoleContext(roleName, hasReport, report, hasRoles, role) { ReportFile = hasJson ? ReportJson.FileName : "report.md" };
    }

    /// <summary>"dir/report.md" for a policy shown as "dir/x.policy.json".</summary>
    public static string Sibling(string displayPath, string name)
    {
        var slash = Math.Max(displayPath.LastIndexOf('/'), displayPath.LastIndexOf(Path.DirectorySeparatorChar));
        return slash < 0 ? name : displayPath[..(slash + 1)] + name;
    }

    /// <summary>Finds <c>## RoleName (kind)</c> (or a bare <c>## RoleName</c>) and its <c>### Sid</c>
    /// subsections; the section ends at the next <c>#</c> or <c>##</c> heading. Lines inside fenced code
    /// blocks are never taken for headings.</summary>
    public static ReportSection? ReadReport(string text, string roleName)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        string? heading = null;
        string? kind = null;
        var intro = new List<string>();
        var statements = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        var inFence = false;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            var isFence = line.TrimStart().StartsWith("```", StringComparison.Ordinal) || line.TrimStart().StartsWith("~~~", StringComparison.Ordinal);
            var isHeading = !inFence && line.StartsWith('#');
            if (isFence)
            {
                inFence = !inFence;
            }

            if (heading is null)
            {
                if (isHeading && line.StartsWith("## ", StringComparison.Ordinal))
                {
                    var title = line[3..].Trim();
                    if (string.Equals(title, roleName, StringComparison.Ordinal))
                    {
                        heading = title;
                    }
                    else if (title.StartsWith(roleName + " (", StringComparison.Ordinal) && title.EndsWith(')'))
                    {
                        heading = title;
                        kind = title[(roleName.Length + 2)..^1];
                    }
                }

                continue;
            }

            if (isHeading && (line.StartsWith("# ", StringComparison.Ordinal) || line.StartsWith("## ", StringComparison.Ordinal)))
            {
                break;
            }

            if (isHeading && line.StartsWith("### ", StringComparison.Ordinal))
            {
                current = [];
                statements.TryAdd(line[4..].Trim(), current);
                continue;
            }

            (current ?? intro).Add(line);
        }

        if (heading is null)
        {
            return null;
        }

        return new ReportSection(
            heading,
            kind,
            Trim(intro),
            statements.ToDictionary(p => p.Key, p => Trim(p.Value), StringComparer.Ordinal));
    }

    private static IReadOnlyList<string> Trim(IReadOnlyList<string> lines)
    {
        var start = 0;
        var end = lines.Count;
        while (start < end && lines[start].Length == 0)
        {
            start++;
        }

        while (end > start && lines[end - 1].Length == 0)
        {
            end--;
        }

        return lines.Skip(start).Take(end - start).ToArray();
    }

    /// <summary>The entry of <c>roles.json</c> whose <c>policy</c> is this file, or whose <c>name</c> is the role.</summary>
    public static RoleEntry? ReadRole(byte[] bytes, string displayPath, string roleName, string fileName)
    {
        using var document = JsonInput.Parse(bytes, displayPath);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("roles", out var roles) || roles.ValueKind != JsonValueKind.Array)
        {
            throw new CliException($"{displayPath}: not a Sagewright roles file: expected an object with a \"roles\" array; found {JsonInput.Describe(root.ValueKind)}" +
                (root.ValueKind == JsonValueKind.Object ? " without a \"roles\" array" : ""));
        }

        foreach (var role in roles.EnumerateArray())
        {
            if (role.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var name = String(role, "name");
            var policy = String(role, "policy");
            if (string.Equals(policy, fileName, StringComparison.Ordinal) || string.Equals(String(role, "trust"), fileName, StringComparison.Ordinal)
                || string.Equals(name, roleName, StringComparison.Ordinal))
            {
                return new RoleEntry(name ?? roleName, String(role, "kind"), String(role, "arn"), Strings(role, "usedBy"), Strings(role, "managedPolicies"));
            }
        }

        return null;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray()
            : [];
}
