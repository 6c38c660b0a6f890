using System.Collections.Generic;

namespace Sagewright.Cli.Policies;

public enum Effect
{
    Allow,
    Deny,
}

/// <summary>A policy file read from disk or git: its statements in document order.</summary>
public sealed record PolicyDocument(string DisplayPath, string? Version, IReadOnlyList<PolicyStatement> Statements);

/// <summary>One statement as written. <see cref="Actions"/> is <c>Action</c> or <c>NotAction</c>;
/// <see cref="Resources"/> is <c>Resource</c>/<c>NotResource</c> or null (trust policies);
/// <see cref="Principals"/> is <c>Principal</c>/<c>NotPrincipal</c> or null (identity policies).</summary>
public sealed record PolicyStatement(
    int Index,
    string? Sid,
    Effect Effect,
    StatementList Actions,
    StatementList? Resources,
    StatementList? Principals,
    IReadOnlyList<Condition> Conditions);

/// <summary>The values of <c>Action</c>, <c>Resource</c> or <c>Principal</c>, or of their <c>Not</c> forms
/// (<see cref="Negated"/>). Principals are written <c>Type:Value</c> (<c>Service:sagemaker.amazonaws.com</c>),
/// or <c>*</c> for <c>"Principal": "*"</c>.</summary>
public sealed record StatementList(bool Negated, IReadOnlyList<string> Values);

/// <summary>One condition: operator, key and its values (one or more; several values of one key are
/// alternatives for positive operators). Values keep their JSON text (numbers and booleans as written).</summary>
public sealed record Condition(string Operator, string Key, IReadOnlyList<string> Values);
