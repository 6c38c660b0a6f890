namespace Sagewright.Model.Pipeline;

/// <summary>An extra permission for the role a step runs as (<c>[Grant]</c>).</summary>
/// <param name="Action">The action as written, with where it was written (argument 0).</param>
/// <param name="Resources">The resource ARNs, each with where it was written.</param>
/// <param name="Origin">The attribute.</param>
public sealed record GrantDecl(ValueSource Action, EquatableArray<ValueSource> Resources, Origin Origin);

/// <summary>A managed policy to list for a role (<c>[AttachManagedPolicy]</c>); the ARN is argument 0 of <paramref name="Origin"/>.</summary>
public sealed record ManagedPolicyDecl(string Arn, Origin Origin);

/// <summary>The role a step runs as (<c>[RunAs]</c>): a role name or ARN; argument 0 of <paramref name="Origin"/>.</summary>
public sealed record RunAsDecl(string Role, Origin Origin);
