using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Sagewright.Cli.Policies;

public enum TermKind
{
    /// <summary>The statement has no such element (no <c>Resource</c> in a trust policy, no <c>Principal</c>
    /// in an identity policy).</summary>
    None,

    /// <summary>One action, resource or principal pattern.</summary>
    One,

    /// <summary><c>NotAction</c>/<c>NotResource</c>/<c>NotPrincipal</c>: everything except these patterns.</summary>
    Not,
}

/// <summary>The action, resource or principal part of a grant. <see cref="Values"/> are as written (for
/// display); <see cref="Keys"/> are what comparisons use (action names lower-cased invariantly, since IAM
/// compares them case-insensitively; resources and principals as written), sorted ordinally.</summary>
public sealed class Term : IEquatable<Term>
{
    private Term(TermKind kind, IReadOnlyList<string> values, IReadOnlyList<string> keys)
    {
        Kind = kind;
        Values = values;
        Keys = keys;
        Key = kind switch
        {
            TermKind.None => "",
            TermKind.One => keys[0],
            _ => "!" + string.Join("\u001f", keys),
        };
    }

    public static Term None { get; } = new(TermKind.None, [], []);

    public TermKind Kind { get; }

    public IReadOnlyList<string> Values { get; }

    public IReadOnlyList<string> Keys { get; }

    /// <summary>One string that identifies the term (used in the grant's identity and for ordering).</summary>
    public string Key { get; }

    /// <summary>The single pattern of a <see cref="TermKind.One"/> term, as written.</summary>
    public string Pattern => Kind == TermKind.One ? Values[0] : throw new InvalidOperationException("Only a single-pattern term has a pattern.");

    public static Term One(string value, bool ignoreCase) => new(TermKind.One, [value], [Normalize(value, ignoreCase)]);

    public static Term Not(IEnumerable<string> values, bool ignoreCase)
    {
        // Keep the first spelling of each distinct key, ordered by key.
        var byKey = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            byKey.TryAdd(Normalize(value, ignoreCase), value);
        }

        return new(TermKind.Not, byKey.Values.ToArray(), byKey.Keys.ToArray());
    }

    private static string Normalize(string value, bool ignoreCase) => ignoreCase ? value.ToLowerInvariant() : value;

    public bool Equals(Term? other) => other is not null && Kind == other.Kind && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Term);

    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Key));

    public override string ToString() => Kind switch
    {
        TermKind.None => "(none)",
        TermKind.One => Values[0],
        _ => "not [" + string.Join(", ", Values) + "]",
    };
}

/// <summary>One condition of a grant with its values as a set (sorted ordinally, duplicates removed).
/// Condition keys are compared case-insensitively, as IAM does; operators and values as written
/// (except <c>Bool</c>/<c>Null</c> values, which are lower-cased).</summary>
public sealed record GrantCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    public string NormalizedKey { get; } = Key.ToLowerInvariant();

    public string Identity { get; } = Operator + "\u001f" + Key.ToLowerInvariant() + "\u001f" + string.Join("\u001f", Values);

    public override string ToString() => Values.Count == 1
        ? $"{Operator} {Key} = {Values[0]}"
        : $"{Operator} {Key} in [{string.Join(", ", Values)}]";

    public static GrantCondition From(Condition condition)
    {
        var baseOperator = ConditionOperator.Parse(condition.Operator).Base;
        var lower = baseOperator is "Bool" or "Null";
        var values = condition.Values
            .Select(v => lower ? v.ToLowerInvariant() : v)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return new GrantCondition(condition.Operator, condition.Key, values);
    }

    public bool Equals(GrantCondition? other) => other is not null && string.Equals(Identity, other.Identity, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Identity);
}

/// <summary>The normalised unit the diff compares: one effect, one action (or a NotAction set), one
/// resource (or a NotResource set, or none), one principal (or a NotPrincipal set, or none) and the
/// statement's whole condition set. A statement with n actions and m resources is n×m grants; the same
/// grant written in two statements is one grant that remembers both Sids.</summary>
public sealed class Grant
{
    public Grant(Effect effect, Term action, Term resource, Term principal, IReadOnlyList<GrantCondition> conditions, IReadOnlyList<string> sids)
    {
        Effect = effect;
        Action = action;
        Resource = resource;
        Principal = principal;
        Conditions = conditions.OrderBy(c => c.NormalizedKey, StringComparer.Ordinal).ThenBy(c => c.Identity, StringComparer.Ordinal).ToArray();
        Sids = sids;
        ConditionKey = string.Join("\u001e", Conditions.Select(c => c.Identity));
        Identity = string.Join("\u001d", effect == Effect.Allow ? "Allow" : "Deny", action.Key, resource.Key, principal.Key, ConditionKey);
        SortKey = string.Join("\u001d", action.Key, resource.Key, principal.Key, effect == Effect.Allow ? "Allow" : "Deny", ConditionKey);
    }

    public Effect Effect { get; }

    public Term Action { get; }

    public Term Resource { get; }

    public Term Principal { get; }

    public IReadOnlyList<GrantCondition> Conditions { get; }

    /// <summary>The Sids of the statements that grant it (ordinal order; empty when none has a Sid).</summary>
    public IReadOnlyList<string> Sids { get; }

    public string ConditionKey { get; }

    /// <summary>What makes two grants the same grant.</summary>
    public string Identity { get; }

    /// <summary>Ordering used in every output: action, resource, principal, effect, conditions.</summary>
    public string SortKey { get; }

    public Grant WithSids(IReadOnlyList<string> sids) => new(Effect, Action, Resource, Principal, Conditions, sids);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Effect == Effect.Allow ? "Allow " : "Deny ");
        text.Append(Action.Kind == TermKind.Not ? "every action except [" + string.Join(", ", Action.Values) + "]" : Action.ToString());
        if (Resource.Kind != TermKind.None)
        {
            text.Append(" on ").Append(Resource.Kind == TermKind.Not ? "every resource except [" + string.Join(", ", Resource.Values) + "]" : Resource.ToString());
        }

        if (Principal.Kind != TermKind.None)
        {
            text.Append(" for ").Append(Principal.Kind == TermKind.Not ? "every principal except [" + string.Join(", ", Principal.Values) + "]" : Principal.ToString());
        }

        if (Conditions.Count > 0)
        {
            text.Append(" when ").Append(string.Join(" and ", Conditions));
        }

        return text.ToString();
    }
}

/// <summary>Turns policy statements into grants.</summary>
public static class GrantNormalizer
{
    public static IReadOnlyList<Grant> Normalize(PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var grants = new Dictionary<string, (Grant Grant, SortedSet<string> Sids)>(StringComparer.Ordinal);
        foreach (var statement in policy.Statements)
        {
            var conditions = statement.Conditions.Select(GrantCondition.From).ToArray();
            foreach (var action in Terms(statement.Actions, ignoreCase: true))
            {
                foreach (var resource in Terms(statement.Resources, ignoreCase: false))
                {
                    foreach (var principal in Terms(statement.Principals, ignoreCase: false))
                    {
                        var grant = new Grant(statement.Effect, action, resource, principal, conditions, []);
                        if (!grants.TryGetValue(grant.Identity, out var entry))
                        {
                            entry = (grant, new SortedSet<string>(StringComparer.Ordinal));
                            grants.Add(grant.Identity, entry);
                        }

                        if (statement.Sid is { Length: > 0 } sid)
                        {
                            entry.Sids.Add(sid);
                        }
                    }
                }
            }
        }

        return grants.Values
            .Select(e => e.Grant.WithSids(e.Sids.ToArray()))
            .OrderBy(g => g.SortKey, StringComparer.Ordinal)
            .ToArray();
    }

    private static IEnumerable<Term> Terms(StatementList? list, bool ignoreCase)
    {
        if (list is null)
        {
            return [Term.None];
        }

        if (list.Negated)
        {
            return [Term.Not(list.Values, ignoreCase)];
        }

        // Distinct by comparison key, keeping the first spelling.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var terms = new List<Term>();
        foreach (var value in list.Values)
        {
            var term = Term.One(value, ignoreCase);
            if (seen.Add(term.Key))
            {
                terms.Add(term);
            }
        }

        return terms;
    }
}
