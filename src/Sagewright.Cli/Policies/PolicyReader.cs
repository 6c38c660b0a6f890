using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Sagewright.Cli.Policies;

/// <summary>Reads an IAM policy document (identity or trust policy) in the forms IAM accepts:
/// <c>Statement</c> as an array or a single object, <c>Action</c>/<c>Resource</c> as a string or an
/// array, <c>Principal</c> as <c>"*"</c> or an object of principal types, and condition values as a
/// scalar or an array. Anything else is a <see cref="CliException"/> that says what was expected.</summary>
public static class PolicyReader
{
    private const string Expected =
        "expected a JSON object with a \"Statement\" member (an array of statements, or one statement object)";

    public static PolicyDocument Read(byte[] bytes, string displayPath)
    {
        using var document = JsonInput.Parse(bytes, displayPath);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw NotAPolicy(displayPath, $"{Expected}; found {JsonInput.Describe(root.ValueKind)}");
        }

        if (!root.TryGetProperty("Statement", out var statementElement))
        {
            var members = root.EnumerateObject().Select(p => "\"" + p.Name + "\"").ToList();
            var found = members.Count == 0 ? "an empty object" : "an object with " + string.Join(", ", members);
            throw NotAPolicy(displayPath, $"{Expected}; found {found}");
        }

        string? version = null;
        if (root.TryGetProperty("Version", out var versionElement))
        {
            if (versionElement.ValueKind != JsonValueKind.String)
            {
                throw NotAPolicy(displayPath, $"\"Version\" must be a string such as \"2012-10-17\"; found {JsonInput.Describe(versionElement.ValueKind)}");
            }

            version = versionElement.GetString();
        }

        var statements = new List<PolicyStatement>();
        switch (statementElement.ValueKind)
        {
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in statementElement.EnumerateArray())
                {
                    statements.Add(ReadStatement(item, index++, displayPath));
                }

                break;
            case JsonValueKind.Object:
                statements.Add(ReadStatement(statementElement, 0, displayPath));
                break;
            default:
                throw NotAPolicy(displayPath, $"\"Statement\" must be an array of statements or one statement object; found {JsonInput.Describe(statementElement.ValueKind)}");
        }

        return new PolicyDocument(displayPath, version, statements);
    }

    private static PolicyStatement ReadStatement(JsonElement element, int index, string path)
    {
        var label = $"Statement[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw NotAPolicy(path, $"{label} must be an object; found {JsonInput.Describe(element.ValueKind)}");
        }

        string? sid = null;
        if (element.TryGetProperty("Sid", out var sidElement))
        {
            if (sidElement.ValueKind != JsonValueKind.String)
            {
                throw NotAPolicy(path, $"{label}: \"Sid\" must be a string; found {JsonInput.Describe(sidElement.ValueKind)}");
            }

            sid = sidElement.GetString();
            label = $"{label} (Sid {sid})";
        }

        if (!element.TryGetProperty("Effect", out var effectElement))
        {
            throw NotAPolicy(path, $"{label}: expected \"Effect\": \"Allow\" or \"Deny\"");
        }

        var effect = effectElement.ValueKind == JsonValueKind.String ? effectElement.GetString() : null;
        var parsedEffect = effect switch
        {
            "Allow" => Effect.Allow,
            "Deny" => Effect.Deny,
            _ => throw NotAPolicy(path, effectElement.ValueKind == JsonValueKind.String
                ? $"{label}: \"Effect\" must be \"Allow\" or \"Deny\" (case-sensitive); found \"{effect}\""
                : $"{label}: \"Effect\" must be \"Allow\" or \"Deny\"; found {JsonInput.Describe(effectElement.ValueKind)}"),
        };

        var actions = ReadPair(element, "Action", "NotAction", path, label)
            ?? throw NotAPolicy(path, $"{label}: expected \"Action\" or \"NotAction\" (a string or an array of strings)");
        var resources = ReadPair(element, "Resource", "NotResource", path, label);
        var principals = ReadPrincipals(element, path, label);
        if (resources is null && principals is null)
        {
            throw NotAPolicy(path, $"{label}: expected \"Resource\" or \"NotResource\" (an identity policy) or \"Principal\" (a trust policy)");
        }

        var conditions = element.TryGetProperty("Condition", out var conditionElement)
            ? ReadConditions(conditionElement, path, label)
            : [];
        return new PolicyStatement(index, sid, parsedEffect, actions, resources, principals, conditions);
    }

    private static StatementList? ReadPair(JsonElement statement, string name, string notName, string path, string label)
    {
        var hasPositive = statement.TryGetProperty(name, out var positive);
        var hasNegative = statement.TryGetProperty(notName, out var negative);
        if (hasPositive && hasNegative)
        {
            throw NotAPolicy(path, $"{label}: has both \"{name}\" and \"{notName}\"; a statement takes one of them");
        }

        if (hasPositive)
        {
            return new StatementList(false, Strings(positive, path, label, name));
        }

        return hasNegative ? new StatementList(true, Strings(negative, path, label, notName)) : null;
    }

    private static IReadOnlyList<string> Strings(JsonElement element, string path, string label, string member)
    {
        var values = new List<string>();
        if (element.ValueKind == JsonValueKind.String)
        {
            values.Add(element.GetString()!);
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    throw NotAPolicy(path, $"{label}: \"{member}\" must hold strings; found {JsonInput.Describe(item.ValueKind)}");
                }

                values.Add(item.GetString()!);
            }
        }
        else
        {
            throw NotAPolicy(path, $"{label}: \"{member}\" must be a string or an array of strings; found {JsonInput.Describe(element.ValueKind)}");
        }

        if (values.Count == 0)
        {
            throw NotAPolicy(path, $"{label}: \"{member}\" is empty");
        }

        return values;
    }

    private static StatementList? ReadPrincipals(JsonElement statement, string path, string label)
    {
        var hasPositive = statement.TryGetProperty("Principal", out var positive);
        var hasNegative = statement.TryGetProperty("NotPrincipal", out var negative);
        if (hasPositive && hasNegative)
        {
            throw NotAPolicy(path, $"{label}: has both \"Principal\" and \"NotPrincipal\"; a statement takes one of them");
        }

        if (!hasPositive && !hasNegative)
        {
            return null;
        }

        var name = hasPositive ? "Principal" : "NotPrincipal";
        var element = hasPositive ? positive : negative;
        var values = new List<string>();
        if (element.ValueKind == JsonValueKind.String && element.GetString() == "*")
        {
            values.Add("*");
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var type in element.EnumerateObject())
            {
                foreach (var value in Strings(type.Value, path, label, name + "." + type.Name))
                {
                    values.Add(type.Name + ":" + value);
                }
            }

            if (values.Count == 0)
            {
                throw NotAPolicy(path, $"{label}: \"{name}\" is empty");
            }
        }
        else
        {
            throw NotAPolicy(path, $"{label}: \"{name}\" must be \"*\" or an object such as {{\"Service\": \"sagemaker.amazonaws.com\"}}; found {JsonInput.Describe(element.ValueKind)}");
        }

        return new StatementList(!hasPositive, values);
    }

    private static IReadOnlyList<Condition> ReadConditions(JsonElement element, string path, string label)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw NotAPolicy(path, $"{label}: \"Condition\" must be an object of operators, such as {{\"StringEquals\": {{\"aws:SourceAccount\": \"111122223333\"}}}}; found {JsonInput.Describe(element.ValueKind)}");
        }

        var conditions = new List<Condition>();
        foreach (var op in element.EnumerateObject())
        {
            if (op.Value.ValueKind != JsonValueKind.Object)
            {
                throw NotAPolicy(path, $"{label}: condition operator \"{op.Name}\" must map condition keys to values; found {JsonInput.Describe(op.Value.ValueKind)}");
            }

            foreach (var key in op.Value.EnumerateObject())
            {
                var values = new List<string>();
                if (key.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in key.Value.EnumerateArray())
                    {
                        values.Add(Scalar(item, path, label, op.Name, key.Name));
                    }
                }
                else
                {
                    values.Add(Scalar(key.Value, path, label, op.Name, key.Name));
                }

                if (values.Count == 0)
                {
                    throw NotAPolicy(path, $"{label}: condition \"{op.Name}\" \"{key.Name}\" has no values");
                }

                conditions.Add(new Condition(op.Name, key.Name, values));
            }
        }

        return conditions;
    }

    private static string Scalar(JsonElement element, string path, string label, string op, string key) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw NotAPolicy(path, $"{label}: condition \"{op}\" \"{key}\" values must be strings, numbers or booleans; found {JsonInput.Describe(element.ValueKind)}"),
    };

    private static CliException NotAPolicy(string path, string detail) => new($"{path}: not an IAM policy: {detail}");
}
