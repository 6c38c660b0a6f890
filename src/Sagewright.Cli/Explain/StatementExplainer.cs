using System;
using System.Collections.Generic;
using System.Linq;
using Sagewright.Cli.Output;
using Sagewright.Cli.Policies;

namespace Sagewright.Cli.Explain;

/// <summary>How explanations spell identifiers (actions, ARNs, keys) and literal values in one output
/// format: plain and quoted in text, code spans in markdown.</summary>
public sealed record Spelling(Func<string, string> Code, Func<string, string> Literal)
{
    public static Spelling Text { get; } = new(s => s, s => "\"" + s + "\"");

    public static Spelling Markdown { get; } = new(Output.Markdown.Code, Output.Markdown.Code);
}

/// <summary>One action, resource or principal with what its wildcard means (null when it has none).</summary>
public sealed record ExplainedItem(string Text, string? Note)
{
    /// <summary>What report.md fails to say about it (a resource it gives no reason for), or null.</summary>
    public string? ReportNote { get; init; }
}

/// <summary>A statement in plain language.</summary>
public sealed record StatementExplanation(
    string Title,
    string? Sid,
    Effect Effect,
    string Sentence,
    string ActionsLabel,
    IReadOnlyList<ExplainedItem> Actions,
    string? ResourcesLabel,
    IReadOnlyList<ExplainedItem> Resources,
    string? PrincipalsLabel,
    IReadOnlyList<ExplainedItem> Principals,
    IReadOnlyList<string> Conditions,
    string? Wildcards)
{
    /// <summary>The labelled lists a rendering shows, in order: the actions, then the resources, the principals and
    /// the conditions where the statement has them.</summary>
    public IEnumerable<(string Label, IReadOnlyList<ExplainedItem> Items)> ItemLists
    {
        get
        {
            yield return (ActionsLabel, Actions);
            if (ResourcesLabel is not null)
            {
                yield return (ResourcesLabel, Resources);
            }

            if (PrincipalsLabel is not null)
            {
                yield return (PrincipalsLabel, Principals);
            }

            if (Conditions.Count > 0)
            {
                yield return ("Conditions", Conditions.Select(c => new ExplainedItem(c, null)).ToList());
            }
        }
    }
}

/// <summary>Explains statements: what the grant lets the role do, which part is a wildcard, and whether
/// the Sid says why a broad wildcard is needed (Sagewright's own statements end in
/// <c>RequiresWildcard</c> or say the action has no resource-level permissions).</summary>
public static class StatementExplainer
{
    /// <summary>Ordered: a statement takes the broadest of its parts.</summary>
    private enum Breadth
    {
        None,
        Prefix,
        WithinName,
        Broad,
    }

    private static void Widen(ref Breadth breadth, Breadth to)
    {
        if (to > breadth)
        {
            breadth = to;
        }
    }

    public static StatementExplanation Explain(PolicyStatement statement, Spelling spell)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(spell);
        var breadth = Breadth.None;

        var actions = statement.Actions.Negated
            ? [new ExplainedItem("every action except " + string.Join(", ", statement.Actions.Values.Select(spell.Code)), "NotAction: every action of every service not listed")]
            : statement.Actions.Values.Select(a => ExplainAction(a, spell, ref breadth)).ToArray();
        if (statement.Actions.Negated)
        {
            breadth = Breadth.Broad;
        }

        ExplainedItem[] resources = [];
        if (statement.Resources is { } resourceList)
        {
            resources = resourceList.Negated
                ? [new ExplainedItem("every resource except " + string.Join(", ", resourceList.Values.Select(spell.Code)), "NotResource: every resource not listed")]
                : resourceList.Values.Select(r => ExplainResource(r, spell, ref breadth)).ToArray();
            if (resourceList.Negated)
            {
                breadth = Breadth.Broad;
            }
        }

        ExplainedItem[] principals = [];
        if (statement.Principals is { } principalList)
        {
            principals = principalList.Negated
                ? [new ExplainedItem("every principal except " + string.Join(", ", principalList.Values.Select(p => DescribePrincipal(p, spell))), "NotPrincipal: anyone not listed")]
                : principalList.Values.Select(p => ExplainPrincipal(p, spell, ref breadth)).ToArray();
            if (principalList.Negated)
            {
                breadth = Breadth.Broad;
            }
        }

        var conditions = statement.Conditions.Select(c => DescribeCondition(c, spell)).ToArray();
        var conditionsWithOperators = conditions.Select((text, i) => text + $" ({spell.Code(statement.Conditions[i].Operator)})").ToArray();
        return new StatementExplanation(
            statement.Sid ?? $"Statement[{Words.Number(statement.Index)}] (no Sid)",
            statement.Sid,
            statement.Effect,
            Sentence(statement, actions, resources, principals, conditions),
            statement.Actions.Negated ? "NotAction" : "Actions",
            actions,
            statement.Resources is null ? null : statement.Resources.Negated ? "NotResource" : "Resources",
            resources,
            statement.Principals is null ? null : statement.Principals.Negated ? "NotPrincipal" : "Principals",
            principals,
            conditionsWithOperators,
            Verdict(breadth, statement.Sid));
    }

    private static string Sentence(PolicyStatement statement, ExplainedItem[] actions, ExplainedItem[] resources, ExplainedItem[] principals, string[] conditions)
    {
        var who = principals.Length == 0 ? "the role" : principals.Length == 1 ? principals[0].Text : Words.Plural(principals.Length, "principal", "principals");
        var what = actions.Length == 1 ? actions[0].Text : Words.Plural(actions.Length, "action", "actions");
        var sentence = statement.Effect == Effect.Allow ? $"Lets {who} call {what}" : $"Forbids {who} to call {what}";
        if (resources.Length > 0)
        {
            var single = statement.Resources is { Negated: false, Values.Count: 1 } && Glob.IsMatchAll(statement.Resources.Values[0]);
            sentence += " on " + (single ? "every resource (" + resources[0].Text + ")" : resources.Length == 1 ? resources[0].Text : Words.Plural(resources.Length, "resource", "resources"));
        }

        if (principals.Length > 0 && statement.Actions.Values.Any(a => a.Equals("sts:AssumeRole", StringComparison.OrdinalIgnoreCase)))
        {
            sentence += " (take on this role)";
        }

        if (conditions.Length > 0)
        {
            sentence += ", only when " + string.Join(" and ", conditions);
        }

        return sentence + ".";
    }

    private static ExplainedItem ExplainAction(string action, Spelling spell, ref Breadth breadth)
    {
        if (!Glob.HasWildcard(action))
        {
            return new ExplainedItem(spell.Code(action), null);
        }

        breadth = Breadth.Broad;
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        string note;
        if (Glob.IsMatchAll(action))
        {
            note = "wildcard: every action of every service";
        }
        else if (colon > 0 && !Glob.HasWildcard(action[..colon]))
        {
            var service = action[..colon];
            var name = action[(colon + 1)..];
            if (Glob.IsMatchAll(name))
            {
                note = $"wildcard: every {service} action";
            }
            else if (name.EndsWith('*') && !Glob.HasWildcard(name[..^1]))
            {
                note = $"wildcard: every {service} action whose name starts with {spell.Literal(name[..^1])}";
            }
            else
            {
                note = $"wildcard: every {service} action matching {spell.Literal(name)} (* is any characters, ? one character)";
            }
        }
        else
        {
            note = "wildcard: every action matching it (* is any characters, ? one character)";
        }

        return new ExplainedItem(spell.Code(action), note);
    }

    private static readonly string[] ArnFields = ["", "partition", "service", "region", "account"];

    private static ExplainedItem ExplainResource(string resource, Spelling spell, ref Breadth breadth)
    {
        if (!Glob.HasWildcard(resource))
        {
            return new ExplainedItem(spell.Code(resource), null);
        }

        if (Glob.IsMatchAll(resource))
        {
            breadth = Breadth.Broad;
            return new ExplainedItem(spell.Code(resource), "wildcard: every resource");
        }

        var fields = resource.Split(':', 6);
        if (fields.Length != 6 || fields[0] != "arn")
        {
            breadth = Breadth.Broad;
            return new ExplainedItem(spell.Code(resource), "wildcard: any resource matching it (* is any characters, ? one character)");
        }

        var notes = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            if (Glob.HasWildcard(fields[i]))
            {
                breadth = Breadth.Broad;
                notes.Add(Glob.IsMatchAll(fields[i]) ? "any " + ArnFields[i] : $"any {ArnFields[i]} matching {spell.Literal(fields[i])}");
            }
        }

        var name = fields[5];
        if (Glob.IsMatchAll(name))
        {
            breadth = Breadth.Broad;
            notes.Add($"every {fields[2]} resource");
        }
        else if (WholeBuckets(fields[2], name, spell) is { } buckets)
        {
            breadth = Breadth.Broad;
            notes.Add(buckets);
        }
        else if (name.EndsWith('*') && !Glob.HasWildcard(name[..^1]))
        {
            Widen(ref breadth, Breadth.Prefix);
            notes.Add($"any name starting with {spell.Literal(name[..^1])}");
        }
        else if (Glob.HasWildcard(name))
        {
            Widen(ref breadth, Breadth.WithinName);
            notes.Add($"any name matching {spell.Literal(name)} (* is any characters, ? one character)");
        }

        return new ExplainedItem(spell.Code(resource), "wildcard: " + string.Join(", ", notes));
    }

    /// <summary>An S3 name pattern whose prefix stops at the bucket (<c>my-bucket/*</c>: every object of the bucket;
    /// <c>my-bucket*</c>: every bucket so named and all their objects) is no prefix that narrows the grant: it is broad
    /// and needs a justification. Null for any other name.</summary>
    private static string? WholeBuckets(string service, string name, Spelling spell)
    {
        if (!string.Equals(service, "s3", StringComparison.Ordinal) || !name.EndsWith('*') || Glob.HasWildcard(name[..^1]))
        {
            return null;
        }

        var prefix = name[..^1];
        var slash = prefix.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return $"every bucket whose name starts with {spell.Literal(prefix)}, and every object in it";
        }

        return slash == prefix.Length - 1 ? $"every object in the bucket {spell.Literal(prefix[..^1])}" : null;
    }

    private static string DescribePrincipal(string principal, Spelling spell)
    {
        if (principal == "*")
        {
            return "anyone";
        }

        var colon = principal.IndexOf(':', StringComparison.Ordinal);
        var type = principal[..colon];
        var value = principal[(colon + 1)..];
        return type switch
        {
            "Service" => "the service " + spell.Code(value),
            "AWS" => "the AWS principal " + spell.Code(value),
            "Federated" => "the federated identity provider " + spell.Code(value),
            _ => type + " " + spell.Code(value),
        };
    }

    private static ExplainedItem ExplainPrincipal(string principal, Spelling spell, ref Breadth breadth)
    {
        var text = DescribePrincipal(principal, spell);
        if (principal == "*" || Glob.HasWildcard(principal))
        {
            breadth = Breadth.Broad;
            return new ExplainedItem(text, "wildcard: any principal" + (principal == "*" ? "" : " matching it"));
        }

        return new ExplainedItem(text, null);
    }

    /// <summary>"s3:prefix matches "raw/*"", "aws:SourceAccount is "111122223333"", "every value of
    /// aws:TagKeys is one of ...", "aws:SecureTransport is true (when the request has it)".</summary>
    public static string DescribeCondition(Condition condition, Spelling spell)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(spell);
        var op = ConditionOperator.Parse(condition.Operator);
        var key = op.Qualifier switch
        {
            "ForAnyValue" => "at least one value of " + spell.Code(condition.Key),
            "ForAllValues" => "every value of " + spell.Code(condition.Key),
            _ => spell.Code(condition.Key),
        };
        var many = condition.Values.Count > 1;
        var values = string.Join(many ? " or " : "", condition.Values.Select(spell.Literal));
        var noneOf = string.Join(" nor ", condition.Values.Select(spell.Literal));
        string phrase = op.Base switch
        {
            "StringEquals" => many ? $"is one of {values}" : $"is {values}",
            "StringNotEquals" => many ? $"is neither {noneOf}" : $"is not {values}",
            "StringEqualsIgnoreCase" => (many ? $"is one of {values}" : $"is {values}") + " (ignoring case)",
            "StringNotEqualsIgnoreCase" => (many ? $"is neither {noneOf}" : $"is not {values}") + " (ignoring case)",
            "StringLike" => $"matches {values}",
            "StringNotLike" => many ? $"matches neither {noneOf}" : $"does not match {values}",
            "ArnEquals" or "ArnLike" when condition.Values.Any(Glob.HasWildcard) => $"matches the ARN {values}",
            "ArnEquals" or "ArnLike" => $"is the ARN {values}",
            "ArnNotEquals" or "ArnNotLike" => many ? $"matches neither ARN {noneOf}" : $"does not match the ARN {values}",
            "NumericEquals" => $"equals {values}",
            "NumericNotEquals" => many ? $"equals neither {noneOf}" : $"does not equal {values}",
            "NumericLessThan" => $"is less than {values}",
            "NumericLessThanEquals" => $"is at most {values}",
            "NumericGreaterThan" => $"is greater than {values}",
            "NumericGreaterThanEquals" => $"is at least {values}",
            "DateEquals" => $"is the time {values}",
            "DateNotEquals" => many ? $"is neither time {noneOf}" : $"is not the time {values}",
            "DateLessThan" => $"is before {values}",
            "DateLessThanEquals" => $"is at or before {values}",
            "DateGreaterThan" => $"is after {values}",
            "DateGreaterThanEquals" => $"is at or after {values}",
            "Bool" => "is " + string.Join(" or ", condition.Values.Select(v => v.ToLowerInvariant())),
            "BinaryEquals" => $"equals the base-64 value {values}",
            "IpAddress" => $"is in the IP range {values}",
            "NotIpAddress" => many ? $"is in neither IP range {noneOf}" : $"is not in the IP range {values}",
            "Null" => condition.Values.Count == 1 && condition.Values[0].Equals("true", StringComparison.OrdinalIgnoreCase)
                ? "is absent from the request"
                : condition.Values.Count == 1 && condition.Values[0].Equals("false", StringComparison.OrdinalIgnoreCase)
                    ? "is present in the request"
                    : $"passes Null {values}",
            _ => $"passes {condition.Operator} {values}",
        };
        return key + " " + phrase + (op.IfExists ? " (when the request has it)" : "");
    }

    /// <summary>Whether the Sid says why a broad wildcard is needed.</summary>
    public static bool SidJustifiesWildcard(string? sid) =>
        sid is not null && (sid.Contains("Wildcard", StringComparison.OrdinalIgnoreCase)
            || sid.Contains("NoResourceLevel", StringComparison.OrdinalIgnoreCase)
            || sid.Contains("ResourceLevelPermission", StringComparison.OrdinalIgnoreCase));

    private static string? Verdict(Breadth breadth, string? sid) => breadth switch
    {
        Breadth.None => null,
        Breadth.Prefix => "prefix only: each wildcard ends a name prefix, so the grant covers only the names under it; no justification needed.",
        Breadth.WithinName => "within names only: the wildcards stand for parts of resource names (such as an execution ID), so the grant covers only names of that shape; no justification needed.",
        _ when SidJustifiesWildcard(sid) => $"broad: the Sid {sid} says why the wildcard is needed.",
        _ when sid is null => "broad, and the statement has no Sid to say why the wildcard is needed.",
        _ => $"broad, and the Sid {sid} does not say why the wildcard is needed (a justified Sid ends in RequiresWildcard or names the missing resource-level permissions).",
    };
}
