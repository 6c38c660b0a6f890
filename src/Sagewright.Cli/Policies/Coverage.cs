using System;
using System.Collections.Generic;
using System.Linq;

namespace Sagewright.Cli.Policies;

/// <summary>A condition operator split into its parts: <c>ForAnyValue:StringLikeIfExists</c> is set
/// qualifier <c>ForAnyValue</c>, base <c>StringLike</c>, if-exists.</summary>
public sealed record ConditionOperator(string Qualifier, string Base, bool IfExists)
{
    public static ConditionOperator Parse(string op)
    {
        var qualifier = "";
        var colon = op.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            qualifier = op[..colon];
            op = op[(colon + 1)..];
        }

        var ifExists = op.EndsWith("IfExists", StringComparison.Ordinal) && op.Length > "IfExists".Length;
        return new ConditionOperator(qualifier, ifExists ? op[..^"IfExists".Length] : op, ifExists);
    }

    /// <summary>Operators whose several values are all excluded (the condition holds when the request
    /// value matches none of them): more values make them stricter.</summary>
    public bool IsNegated => Base.StartsWith("StringNot", StringComparison.Ordinal)
        || Base.StartsWith("ArnNot", StringComparison.Ordinal)
        || Base is "NotIpAddress" or "NumericNotEquals" or "DateNotEquals";

    /// <summary>The family whose positive members can stand in for each other: a <c>StringLike</c> value
    /// covers the <c>StringEquals</c> values it matches; <c>ArnLike</c> and <c>ArnEquals</c> both take
    /// wildcards.</summary>
    public string Family => Base switch
    {
        "StringEquals" or "StringLike" => "String",
        "ArnEquals" or "ArnLike" => "Arn",
        _ => Base,
    };

    /// <summary>Whether the values are patterns (<c>*</c>, <c>?</c>) rather than literals.</summary>
    public bool TakesWildcards => Base is "StringLike" or "StringNotLike" or "ArnLike" or "ArnEquals" or "ArnNotLike" or "ArnNotEquals";

    public bool IgnoresCase => Base is "StringEqualsIgnoreCase" or "StringNotEqualsIgnoreCase";
}

/// <summary>When one grant covers another: everything the new grant allows (or denies) the old one did
/// too. Cover means the old action pattern matches the new action, the old resource pattern contains
/// the new one (ARNs compared field by field: a wildcard in the region or account field does not run
/// into the next field), the old principal contains the new one, and every old condition is also
/// required by the new grant, at least as strictly.</summary>
public static class Coverage
{
    public static bool Covers(Grant outer, Grant inner)
    {
        ArgumentNullException.ThrowIfNull(outer);
        ArgumentNullException.ThrowIfNull(inner);
        return outer.Effect == inner.Effect
            && ActionCovers(outer.Action, inner.Action)
            && ResourceCovers(outer.Resource, inner.Resource)
            && PrincipalCovers(outer.Principal, inner.Principal)
            && FirstUncoveredCondition(outer.Conditions, inner.Conditions) is null;
    }

    public static bool ActionCovers(Term outer, Term inner) =>
        TermCovers(outer, inner, (o, i) => Glob.Contains(o, i, ignoreCase: true), (a, b) => Glob.Overlaps(a, b, ignoreCase: true));

    public static bool ResourceCovers(Term outer, Term inner) => TermCovers(outer, inner, ResourceContains, (a, b) => Glob.Overlaps(a, b));

    public static bool PrincipalCovers(Term outer, Term inner) => TermCovers(outer, inner, PrincipalContains, PrincipalOverlaps);

    /// <summary>Is every resource <paramref name="inner"/> names also named by <paramref name="outer"/>?
    /// Both in ARN form: partition, service, region and account fields each on their own, then the
    /// resource part (where a wildcard may span <c>/</c> and <c>:</c>).</summary>
    public static bool ResourceContains(string outer, string inner)
    {
        if (Glob.IsMatchAll(outer))
        {
            return true;
        }

        var o = outer.Split(':', 6);
        var i = inner.Split(':', 6);
        if (o.Length == 6 && i.Length == 6 && o[0] == "arn" && i[0] == "arn")
        {
            for (var field = 1; field < 6; field++)
            {
                if (!Glob.Contains(o[field], i[field]))
                {
                    return false;
                }
            }

            return true;
        }

        return Glob.Contains(outer, inner);
    }

    private static bool PrincipalContains(string outer, string inner)
    {
        if (outer == "*")
        {
            return true;
        }

        var (outerType, outerValue) = SplitPrincipal(outer);
        var (innerType, innerValue) = SplitPrincipal(inner);
        return string.Equals(outerType, innerType, StringComparison.Ordinal)
            && (outerValue == "*" || ResourceContains(outerValue, innerValue));
    }

    private static bool PrincipalOverlaps(string a, string b)
    {
        if (a == "*" || b == "*")
        {
            return true;
        }

        var (aType, aValue) = SplitPrincipal(a);
        var (bType, bValue) = SplitPrincipal(b);
        return string.Equals(aType, bType, StringComparison.Ordinal) && Glob.Overlaps(aValue, bValue);
    }

    private static (string Type, string Value) SplitPrincipal(string principal)
    {
        var colon = principal.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? ("", principal) : (principal[..colon], principal[(colon + 1)..]);
    }

    private static bool TermCovers(Term outer, Term inner, Func<string, string, bool> contains, Func<string, string, bool> overlaps)
    {
        if (outer.Kind == TermKind.None || inner.Kind == TermKind.None)
        {
            return outer.Kind == inner.Kind;
        }

        return (outer.Kind, inner.Kind) switch
        {
            (TermKind.One, TermKind.One) => contains(outer.Keys[0], inner.Keys[0]),

            // Everything except X covers p when p can never be one of X.
            (TermKind.Not, TermKind.One) => outer.Keys.All(x => !overlaps(inner.Keys[0], x)),

            // One pattern covers "everything except Y" only when it matches everything.
            (TermKind.One, TermKind.Not) => Glob.IsMatchAll(outer.Keys[0]),

            // "Everything except X" covers "everything except Y" when each X is inside some Y.
            _ => outer.Keys.All(x => inner.Keys.Any(y => contains(y, x))),
        };
    }

    /// <summary>The first of <paramref name="outer"/>'s conditions that <paramref name="inner"/> does not
    /// require at least as strictly, or null when inner's conditions imply outer's (outer's condition set
    /// is a subset of inner's, value sets compared by what they admit).</summary>
    public static GrantCondition? FirstUncoveredCondition(IReadOnlyList<GrantCondition> outer, IReadOnlyList<GrantCondition> inner)
    {
        foreach (var condition in outer)
        {
            if (!inner.Any(candidate => ConditionImplies(candidate, condition)))
            {
                return condition;
            }
        }

        return null;
    }

    /// <summary>Does a request that satisfies <paramref name="stricter"/> always satisfy <paramref name="looser"/>?
    /// Needs the same key (case-insensitive) and set qualifier (<c>ForAnyValue</c>/<c>ForAllValues</c>);
    /// an <c>...IfExists</c> operator also passes when the key is absent, so it never implies the plain form.
    /// Anything this cannot prove answers false (the diff then reports a widening rather than miss one).</summary>
    public static bool ConditionImplies(GrantCondition stricter, GrantCondition looser)
    {
        if (!string.Equals(stricter.NormalizedKey, looser.NormalizedKey, StringComparison.Ordinal))
        {
            return false;
        }

        var s = ConditionOperator.Parse(stricter.Operator);
        var l = ConditionOperator.Parse(looser.Operator);
        if (!string.Equals(s.Qualifier, l.Qualifier, StringComparison.Ordinal) || (s.IfExists && !l.IfExists))
        {
            return false;
        }

        if (s.IsNegated || l.IsNegated)
        {
            // Negated operators: the stricter one excludes at least every value the looser one excludes.
            if (!string.Equals(s.Base, l.Base, StringComparison.Ordinal))
            {
                return false;
            }

            return l.TakesWildcards
                ? looser.Values.All(v => stricter.Values.Any(pattern => Glob.Contains(pattern, v)))
                : looser.Values.All(v => stricter.Values.Contains(v, l.IgnoresCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal));
        }

        if (string.Equals(s.Base, l.Base, StringComparison.Ordinal) && !l.TakesWildcards)
        {
            // Positive operators: the values are alternatives, so fewer values are stricter.
            var comparer = l.IgnoresCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
            return stricter.Values.All(v => looser.Values.Contains(v, comparer));
        }

        if (string.Equals(s.Family, l.Family, StringComparison.Ordinal) && l.TakesWildcards)
        {
            // StringLike/ArnLike: each stricter value (a pattern, or a literal for StringEquals) must lie
            // inside one of the looser patterns.
            return stricter.Values.All(v => looser.Values.Any(pattern =>
                s.TakesWildcards ? Glob.Contains(pattern, v) : Glob.Matches(pattern, v)));
        }

        return false;
    }
}
