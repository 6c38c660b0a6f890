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
    }

    public static Term None { get; } = new(TermKind.None, [], []);

    public TermKind Kind { get; }

    public IReadOnlyList<string> Values { get; }

    public IReadOnlyList<string> Keys { get; }

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

    /// <summary>Terms are equal when their kind and their comparison keys are: a <c>NotAction</c> of one action
    /// is never the same as an action spelled with a leading <c>!</c>.</summary>
    public bool Equals(Term? other) => other is not null && Kind == other.Kind && Ordinal.SequenceEqual(Keys, other.Keys);

    public override bool Equals(object? obj) => Equals(obj as Term);

    public override int GetHashCode() => HashCode.Combine(Kind, Ordinal.SequenceHash(Keys));

    /// <summary>The order of every output: no term, then <c>Not</c> terms, then single patterns, each by their keys.</summary>
    public static int Compare(Term a, Term b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var kind = Rank(a.Kind).CompareTo(Rank(b.Kind));
        return kind != 0 ? kind : Ordinal.SequenceCompare(a.Keys, b.Keys);
    }

    private static int Rank(TermKind kind) => kind switch
    {
        TermKind.None => 0,
        TermKind.Not => 1,
        _ => 2,
    };

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

    /// <summary>Compared as values: operator, key (case-insensitively) and the value set, never as one joined string.</summary>
    public bool Equals(GrantCondition? other) => other is not null
        && string.Equals(Operator, other.Operator, StringComparison.Ordinal)
        && string.Equals(NormalizedKey, other.NormalizedKey, StringComparison.Ordinal)
        && Ordinal.SequenceEqual(Values, other.Values);

    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Operator), StringComparer.Ordinal.GetHashCode(NormalizedKey), Ordinal.SequenceHash(Values));

    /// <summary>By key, operator, then values.</summary>
    public static int Compare(GrantCondition a, GrantCondition b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var key = string.CompareOrdinal(a.NormalizedKey, b.NormalizedKey);
        if (key != 0)
        {
            return key;
        }

        var op = string.CompareOrdinal(a.Operator, b.Operator);
        return op != 0 ? op : Ordinal.SequenceCompare(a.Values, b.Values);
    }
}

/// <summary>The normalised unit the diff compares: one effect, one action (or a NotAction set), one
/// resource (or a NotResource set, or none), one principal (or a NotPrincipal set, or none) and the
/// statement's whole condition set. A statement with n actions and m resources is n×m grants; the same
/// grant written in two statements is one grant that remembers both Sids.</summary>
public sealed class Grant : IEquatable<Grant>
{
    public Grant(Effect effect, Term action, Term resource, Term principal, IReadOnlyList<GrantCondition> conditions, IReadOnlyList<string> sids)
    {
        Effect = effect;
        Action = action;
        Resource = resource;
        Principal = principal;
        var sorted = conditions.ToArray();
        Array.Sort(sorted, GrantCondition.Compare);
        Conditions = sorted;
        Sids = sids;
        _hash = HashCode.Combine(effect, action, resource, principal, Conditions.Aggregate(0, (hash, condition) => HashCode.Combine(hash, condition)));
    }

    private readonly int _hash;

    public Effect Effect { get; }

    public Term Action { get; }

    public Term Resource { get; }

    public Term Principal { get; }

    public IReadOnlyList<GrantCondition> Conditions { get; }

    /// <summary>The Sids of the statements that grant it (ordinal order; empty when none has a Sid).</summary>
    public IReadOnlyList<string> Sids { get; }

    /// <summary>What makes two grants the same grant: effect, action, resource, principal and conditions, compared as
    /// values (the Sids are not part of it).</summary>
    public bool Equals(Grant? other) => other is not null
        && Effect == other.Effect
        && Action.Equals(other.Action)
        && Resource.Equals(other.Resource)
        && Principal.Equals(other.Principal)
        && Conditions.SequenceEqual(other.Conditions);

    public override bool Equals(object? obj) => Equals(obj as Grant);

    public override int GetHashCode() => _hash;

    /// <summary>Ordering used in every output: action, resource, principal, effect, conditions.</summary>
    public static int Compare(Grant a, Grant b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var order = Term.Compare(a.Action, b.Action);
        order = order != 0 ? order : Term.Compare(a.Resource, b.Resource);
        order = order != 0 ? order : Term.Compare(a.Principal, b.Principal);
        order = order != 0 ? order : a.Effect.CompareTo(b.Effect);
        for (var i = 0; order == 0 && i < Math.Min(a.Conditions.Count, b.Conditions.Count); i++)
        {
            order = GrantCondition.Compare(a.Conditions[i], b.Conditions[i]);
        }

        return order != 0 ? order : a.Conditions.Count.CompareTo(b.Conditions.Count);
    }

    /// <summary><see cref="Compare(Grant, Grant)"/> as a comparer.</summary>
    public static IComparer<Grant> Order { get; } = Comparer<Grant>.Create(Compare);

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
        var grants = new Dictionary<Grant, (Grant Grant, SortedSet<string> Sids)>();
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
                        if (!grants.TryGetValue(grant, out var entry))
                        {
                            entry = (grant, new SortedSet<string>(StringComparer.Ordinal));
                            grants.Add(grant, entry);
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
            .Order(Grant.Order)
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
            if (seen.Add(term.Keys[0]))
            {
                terms.Add(term);
            }
        }

        return terms;
    }
}

/// <summary>Ordinal comparisons of string lists, element by element.</summary>
internal static class Ordinal
{
    public static bool SequenceEqual(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public static int SequenceHash(IReadOnlyList<string> values)
    {
        var hash = new HashCode();
        hash.Add(values.Count);
        foreach (var value in values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Element by element, then the shorter list first.</summary>
    public static int SequenceCompare(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var order = string.CompareOrdinal(a[i], b[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return a.Count.CompareTo(b.Count);
    }
}
