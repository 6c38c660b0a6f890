using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Sagewright.Tests.Iam;

/// <summary>One request for the simulator: <paramref name="Principal"/> (a role ARN) with the identity policies named
/// in <paramref name="Policies"/> asks for <paramref name="Action"/> on <paramref name="Resource"/>, which belongs to
/// <paramref name="Account"/>.</summary>
public sealed record OracleRequest(
    string Id,
    string Principal,
    ImmutableArray<string> Policies,
    string Action,
    string Resource,
    string Account,
    ImmutableSortedDictionary<string, string> Context)
{
    /// <summary>A resource policy (by name) that alone decides the request: a trust policy, for <c>sts:AssumeRole</c>
    /// by a service principal.</summary>
    public string? ResourcePolicy { get; init; }
}

/// <summary>The simulator's answer. <see cref="Decision"/> is <c>Allowed</c>, <c>ImplicitlyDenied</c>,
/// <c>ExplicitlyDenied</c> or <c>Error</c> (then <see cref="Error"/> says why).</summary>
public sealed record OracleDecision(
    string Id,
    string Decision,
    ImmutableArray<string> AllowedBy,
    string? Explanation,
    ImmutableArray<string> IgnoredContextKeys,
    bool CrossAccount,
    string? Error)
{
    public bool IsAllowed => Decision == "Allowed";

    public bool IsDenied => Decision is "ImplicitlyDenied" or "ExplicitlyDenied";

    public override string ToString() =>
        Decision
        + (AllowedBy.IsEmpty ? "" : (IsAllowed ? " by " : " though the identity policy allows it by ") + string.Join(", ", AllowedBy))
        + (Explanation is null ? "" : " (" + Explanation + ")")
        + (Error is null ? "" : ": " + Error)
        + (IgnoredContextKeys.IsEmpty ? "" : "; context keys that do not apply to the action: " + string.Join(", ", IgnoredContextKeys));
}

/// <summary>A question for the IAM reference data: does <paramref name="Action"/> exist, which of its resource types
/// do <paramref name="Resources"/> match, and are <paramref name="ConditionKeys"/> valid for it.</summary>
public sealed record ActionQuery(string Action, ImmutableArray<string> Resources, ImmutableArray<string> ConditionKeys);

public sealed record ResourceTypeFacts(string Name, string ArnFormat, bool Required);

public sealed record ActionFacts(
    string Action,
    bool Exists,
    bool WildcardOnly,
    ImmutableArray<ResourceTypeFacts> ResourceTypes,
    ImmutableDictionary<string, ImmutableArray<string>> ResourceMatches,
    ImmutableDictionary<string, bool> ConditionKeys)
{
    public bool HasRequiredResourceType => ResourceTypes.Any(t => t.Required);

    public string Formats => ResourceTypes.IsEmpty
        ? "(none: the action accepts only \"*\")"
        : string.Join(", ", ResourceTypes.Select(t => $"{t.Name}: {t.ArnFormat}"));
}

/// <summary>Typed access to the two node entry points. Each call is one node process, so callers batch.</summary>
public static class OracleClient
{
    public static IReadOnlyDictionary<string, OracleDecision> Simulate(
        IReadOnlyDictionary<string, JsonNode> policies, IReadOnlyCollection<OracleRequest> requests)
    {
        var policyObject = new JsonObject();
        foreach (var (name, policy) in policies.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            policyObject[name] = policy.DeepClone();
        }

        var requestArray = new JsonArray();
        foreach (var request in requests)
        {
            var context = new JsonObject();
            foreach (var (key, value) in request.Context)
            {
                context[key] = value;
            }

            requestArray.Add(new JsonObject
            {
                ["id"] = request.Id,
                ["principal"] = request.Principal,
                ["policies"] = new JsonArray(request.Policies.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
                ["action"] = request.Action,
                ["resource"] = request.Resource,
                ["account"] = request.Account,
                ["context"] = context,
            });
            if (request.ResourcePolicy is { } resourcePolicy)
            {
                requestArray[^1]!["resourcePolicy"] = resourcePolicy;
            }
        }

        var output = OracleNode.Run("simulate.mjs", new JsonObject { ["policies"] = policyObject, ["requests"] = requestArray });
        var decisions = new Dictionary<string, OracleDecision>(StringComparer.Ordinal);
        foreach (var result in output["results"]!.AsArray())
        {
            var decision = new OracleDecision(
                (string)result!["id"]!,
                (string)result["decision"]!,
                Strings(result["allowedBy"]),
                (string?)result["explanation"],
                Strings(result["ignoredContextKeys"]),
                (bool?)result["crossAccount"] ?? false,
                (string?)result["error"]);
            decisions[decision.Id] = decision;
        }

        var missing = requests.Where(r => !decisions.ContainsKey(r.Id)).Select(r => r.Id).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("The simulator returned no decision for " + string.Join(", ", missing));
        }

        return decisions;
    }

    public static IReadOnlyDictionary<string, ActionFacts> Describe(IEnumerable<ActionQuery> queries)
    {
        // One query per action, with the union of what was asked about it.
        var merged = queries
            .GroupBy(q => q.Action, StringComparer.Ordinal)
            .Select(g => new ActionQuery(
                g.Key,
                g.SelectMany(q => q.Resources).Distinct(StringComparer.Ordinal).ToImmutableArray(),
                g.SelectMany(q => q.ConditionKeys).Distinct(StringComparer.Ordinal).ToImmutableArray()))
            .ToList();

        var actions = new JsonArray();
        foreach (var query in merged)
        {
            actions.Add(new JsonObject
            {
                ["action"] = query.Action,
                ["resources"] = new JsonArray(query.Resources.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
                ["conditionKeys"] = new JsonArray(query.ConditionKeys.Select(k => (JsonNode)JsonValue.Create(k)!).ToArray()),
            });
        }

        var output = OracleNode.Run("iam-data.mjs", new JsonObject { ["actions"] = actions });
        var facts = new Dictionary<string, ActionFacts>(StringComparer.Ordinal);
        foreach (var result in output["results"]!.AsArray())
        {
            var action = (string)result!["action"]!;
            var types = (result["resourceTypes"]?.AsArray() ?? [])
                .Select(t => new ResourceTypeFacts((string)t!["name"]!, (string)t["arn"]!, (bool)t["required"]!))
                .ToImmutableArray();
            var matches = (result["resources"]?.AsArray() ?? [])
                .ToImmutableDictionary(r => (string)r!["resource"]!, r => Strings(r!["matches"]), StringComparer.Ordinal);
            var keys = (result["conditionKeys"]?.AsArray() ?? [])
                .ToImmutableDictionary(k => (string)k!["key"]!, k => (bool)k!["valid"]!, StringComparer.Ordinal);
            facts[action] = new ActionFacts(action, (bool)result["exists"]!, (bool?)result["wildcardOnly"] ?? false, types, matches, keys);
        }

        return facts;
    }

    private static ImmutableArray<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => (string)n!).ToImmutableArray() : [];
}
