using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sagewright.Tests.Iam;

/// <summary>What to judge: the probes derived from one pipeline definition, against one set of policies.</summary>
public sealed record OracleCase(string Name, ProbeSet Probes, OraclePolicies Policies)
{
    /// <summary>Check every statement against the IAM reference data (off for a hand-written comparison policy).</summary>
    public bool CheckStatements { get; init; } = true;
}

public enum FindingKind
{
    /// <summary>A request the pipeline makes at run time is not allowed.</summary>
    NeededDenied,

    /// <summary>A neighbouring request no role needs is allowed.</summary>
    NeighbourAllowed,

    /// <summary>A statement the IAM reference data rejects, or one wider than least privilege allows.</summary>
    Statement,

    /// <summary>roles.json does not match the roles the definition uses.</summary>
    Roles,

    /// <summary>The simulator could not judge a probe (a malformed probe is an oracle bug, reported as such).</summary>
    ProbeError,
}

public sealed record Finding(FindingKind Kind, string Message)
{
    public override string ToString() => $"[{Kind}] {Message}";
}

public sealed record ProbeResult(Probe Probe, OracleDecision Decision);

public sealed record OracleReport(OracleCase Case, ImmutableArray<ProbeResult> Results, ImmutableArray<Finding> Findings)
{
    public int NeededTotal => Results.Count(r => r.Probe.Expect == Expect.Allowed);

    public int NeededAllowed => Results.Count(r => r.Probe.Expect == Expect.Allowed && r.Decision.IsAllowed);

    public int NeighboursTotal => Results.Count(r => r.Probe.Expect == Expect.Denied);

    public int NeighboursAllowed => Results.Count(r => r.Probe.Expect == Expect.Denied && r.Decision.IsAllowed);

    public ImmutableArray<Finding> Of(FindingKind kind) => Findings.Where(f => f.Kind == kind).ToImmutableArray();

    public string Describe(FindingKind kind)
    {
        var findings = Of(kind);
        return findings.IsEmpty
            ? $"{Case.Name}: no {kind} findings"
            : $"{Case.Name}: {findings.Length} {kind} finding(s):\n  " + string.Join("\n  ", findings.Select(f => f.Message));
    }

    public string Summary =>
        $"{Case.Name}: needed allowed {NeededAllowed}/{NeededTotal}, neighbours allowed {NeighboursAllowed}/{NeighboursTotal}"
        + (Case.Probes.Notes.IsEmpty ? "" : "\n  not probed: " + string.Join("\n  not probed: ", Case.Probes.Notes));
}

/// <summary>Runs the simulator over every case's probes (one node process for all of them) and checks every
/// statement against the IAM reference data (one more).</summary>
public static class OracleJudge
{
    private static readonly Regex SidPattern = new("^[A-Za-z0-9]+$", RegexOptions.CultureInvariant);

    public static IReadOnlyList<OracleReport> Judge(IReadOnlyList<OracleCase> cases)
    {
        var requests = new List<OracleRequest>();
        var policies = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var findings = cases.Select(_ => new List<Finding>()).ToList();
        var probesById = new Dictionary<string, (int Case, Probe Probe)>(StringComparer.Ordinal);

        for (var c = 0; c < cases.Count; c++)
        {
            var @case = cases[c];
            var missingRoles = new SortedSet<string>(StringComparer.Ordinal);
            var probes = @case.Probes.All.ToList();
            for (var p = 0; p < probes.Count; p++)
            {
                var probe = probes[p];
                var role = @case.Policies.ForArn(probe.Role);
                if (role is null)
                {
                    missingRoles.Add(probe.Role);
                    continue;
                }

                var policyKey = $"{@case.Name}/{role.Name}";
                policies[policyKey] = role.Policy;
                var id = $"{c}:{p}";
                probesById[id] = (c, probe);
                requests.Add(new OracleRequest(id, probe.Role, [policyKey], probe.Action, probe.Resource, probe.Account, probe.Context));
            }

            foreach (var missing in missingRoles)
            {
                var steps = @case.Probes.RoleSteps.GetValueOrDefault(missing, []);
                findings[c].Add(new Finding(FindingKind.Roles,
                    $"the definition uses role {missing} (steps {string.Join(", ", steps)}), but roles.json does not list it"));
            }

            if (@case.Policies.SharedBy is null)
            {
                RolesMatchTheDefinition(@case, findings[c]);
            }
        }

        var decisions = requests.Count == 0 ? new Dictionary<string, OracleDecision>() : OracleClient.Simulate(policies, requests);
        var results = cases.Select(_ => new List<ProbeResult>()).ToList();
        foreach (var (id, (c, probe)) in probesById.OrderBy(p => p.Value.Case).ThenBy(p => int.Parse(p.Key[(p.Key.IndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture)))
        {
            var decision = decisions[id];
            results[c].Add(new ProbeResult(probe, decision));
            if (decision.Error is not null || decision.Decision == "Error")
            {
                findings[c].Add(new Finding(FindingKind.ProbeError, $"{probe}: the simulator could not judge it: {decision.Error}"));
            }
            else if (!decision.IgnoredContextKeys.IsEmpty)
            {
                findings[c].Add(new Finding(FindingKind.ProbeError, $"{probe}: context keys {string.Join(", ", decision.IgnoredContextKeys)} do not apply to the action (an oracle bug)"));
            }

            if (probe.Expect == Expect.Allowed && !decision.IsAllowed && decision.Decision != "Error")
            {
                findings[c].Add(new Finding(FindingKind.NeededDenied, $"{probe} → {decision}"));
            }
            else if (probe.Expect == Expect.Denied && decision.IsAllowed)
            {
                findings[c].Add(new Finding(FindingKind.NeighbourAllowed, $"{probe} → {decision}"));
            }
        }

        CheckStatements(cases, findings);

        return cases.Select((@case, c) => new OracleReport(@case, results[c].ToImmutableArray(), findings[c].ToImmutableArray())).ToList();
    }

    private static void RolesMatchTheDefinition(OracleCase @case, List<Finding> findings)
    {
        var used = @case.Probes.RoleSteps.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var role in @case.Policies.Roles)
        {
            if (!used.Contains(role.Arn))
            {
                findings.Add(new Finding(FindingKind.Roles, $"roles.json lists {role.Name} ({role.Arn}), but no step of the definition runs with it"));
            }
        }

        var pipelineRole = @case.Policies.Roles.FirstOrDefault(r => r.Arn == @case.Probes.PipelineRole);
        if (pipelineRole is not null && pipelineRole.Kind != "pipeline")
        {
            findings.Add(new Finding(FindingKind.Roles, $"{pipelineRole.Name} is create-pipeline.json's RoleArn, but roles.json gives it kind '{pipelineRole.Kind}'"));
        }
    }

    private sealed record Statement(int Case, OracleRole Role, string? Sid, JsonObject Node, ImmutableArray<string> Actions, ImmutableArray<string> Resources, ImmutableArray<string> ConditionKeys)
    {
        public string Where => $"{Role.PolicyFile} statement {Sid ?? "(no Sid)"}";
    }

    private static void CheckStatements(IReadOnlyList<OracleCase> cases, List<List<Finding>> findings)
    {
        var statements = new List<Statement>();
        for (var c = 0; c < cases.Count; c++)
        {
            if (!cases[c].CheckStatements)
            {
                continue;
            }

            foreach (var role in cases[c].Policies.Roles)
            {
                var sids = new HashSet<string>(StringComparer.Ordinal);
                if ((string?)role.Policy["Version"] != "2012-10-17")
                {
                    findings[c].Add(new Finding(FindingKind.Statement, $"{role.PolicyFile}: Version is not 2012-10-17"));
                }

                foreach (var node in role.Policy["Statement"]?.AsArray() ?? [])
                {
                    var statement = node!.AsObject();
                    var sid = (string?)statement["Sid"];
                    var parsed = new Statement(c, role, sid, statement, Strings(statement["Action"]), Strings(statement["Resource"]),
                        (statement["Condition"] as JsonObject ?? []).SelectMany(op => (op.Value as JsonObject ?? []).Select(k => k.Key)).Distinct(StringComparer.Ordinal).ToImmutableArray());
                    statements.Add(parsed);
                    if (sid is null || !SidPattern.IsMatch(sid))
                    {
                        findings[c].Add(new Finding(FindingKind.Statement, $"{parsed.Where}: every statement needs a Sid of letters and digits"));
                    }
                    else if (!sids.Add(sid))
                    {
                        findings[c].Add(new Finding(FindingKind.Statement, $"{parsed.Where}: the Sid is used twice in the policy"));
                    }

                    foreach (var widening in new[] { "NotAction", "NotResource", "NotPrincipal" }.Where(statement.ContainsKey))
                    {
                        findings[c].Add(new Finding(FindingKind.Statement, $"{parsed.Where}: {widening} grants everything it does not name"));
                    }
                }
            }
        }

        if (statements.Count == 0)
        {
            return;
        }

        var facts = OracleClient.Describe(statements.SelectMany(s => s.Actions.Select(a => new ActionQuery(a, s.Resources, s.ConditionKeys))));

        // Actions a role makes on "*" at run time (PutMetricData names no resource): "*" is what they need.
        var wildcardNeeds = cases.Select(c => c.Probes.Needed.Where(p => p.Resource == "*").Select(p => (p.Role, p.Action)).ToHashSet()).ToList();

        foreach (var s in statements)
        {
            var report = findings[s.Case];
            foreach (var action in s.Actions)
            {
                if (action.Contains('*') || action.Contains('?'))
                {
                    report.Add(new Finding(FindingKind.Statement, $"{s.Where}: action {action} is a wildcard; name each operation"));
                    continue;
                }

                var fact = facts[action];
                if (!fact.Exists)
                {
                    report.Add(new Finding(FindingKind.Statement, $"{s.Where}: action {action} does not exist in the IAM reference data"));
                    continue;
                }

                foreach (var resource in s.Resources)
                {
                    if (resource == "*")
                    {
                        var needsStar = fact.WildcardOnly
                            || (!fact.HasRequiredResourceType && wildcardNeeds[s.Case].Contains((s.Role.Arn, action)))
                            || cases[s.Case].Probes.Unscoped.Contains((s.Role.Arn, action));
                        if (!needsStar)
                        {
                            report.Add(new Finding(FindingKind.Statement,
                                $"{s.Where}: {action} on \"*\", but the action takes resources ({fact.Formats}); name them"));
                        }
                        else if (s.Sid is not null && !s.Sid.Contains("Wildcard", StringComparison.OrdinalIgnoreCase) && !s.Sid.Contains("ResourceLevel", StringComparison.OrdinalIgnoreCase))
                        {
                            report.Add(new Finding(FindingKind.Statement,
                                $"{s.Where}: the resource is \"*\" (which {action} needs), but the Sid does not say so (end it in RequiresWildcard)"));
                        }

                        continue;
                    }

                    var segments = resource.Split(':');
                    if (segments.Length >= 5 && segments[1..5].Any(seg => seg.Contains('*') || seg.Contains('?')))
                    {
                        report.Add(new Finding(FindingKind.Statement,
                            $"{s.Where}: {resource} has a wildcard in its partition, service, region or account"));
                    }

                    if (fact.ResourceMatches.GetValueOrDefault(resource, []).IsEmpty)
                    {
                        report.Add(new Finding(FindingKind.Statement,
                            $"{s.Where}: {resource} matches none of {action}'s ARN formats ({fact.Formats})"));
                    }
                }

                foreach (var key in s.ConditionKeys)
                {
                    if (!fact.ConditionKeys.GetValueOrDefault(key))
                    {
                        report.Add(new Finding(FindingKind.Statement,
                            $"{s.Where}: condition key {key} is not defined for {action} in the IAM reference data"));
                    }
                }
            }
        }
    }

    private static ImmutableArray<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(n => (string)n!).ToImmutableArray(),
        JsonValue value => [(string)value!],
        _ => [],
    };
}
