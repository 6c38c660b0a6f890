namespace Sagewright.Model.Pipeline;

// Run-time values declared on fields ([Join], [JsonGet], [StepProperty]) and the step settings every kind shares.

public enum ExpressionKind
{
    /// <summary><c>Std:Join</c>.</summary>
    Join,

    /// <summary><c>Std:JsonGet</c> over a property file.</summary>
    JsonGet,

    /// <summary>A property of another step: <c>{"Get": "Steps.&lt;step&gt;.&lt;path&gt;"}</c>.</summary>
    Property,
}

/// <summary>A run-time value declared on a field (<c>[Join]</c> or <c>[JsonGet]</c>) and used through <c>nameof</c>.</summary>
/// <param name="TypeName">The class that declares the field.</param>
/// <param name="Member">The field.</param>
/// <param name="Type">The value's type: String for Join, the field's type for JsonGet.</param>
/// <param name="Separator">Join: the separator.</param>
/// <param name="Values">Join: the values. JsonGet: one value, the output that carries the property file.
/// Property: one value whose <see cref="ValueSource.TargetType"/> is the step.</param>
/// <param name="Path">JsonGet: the JSONPath. Property: the property path.</param>
public sealed record ExpressionDecl(
    string TypeName,
    string Member,
    ExpressionKind Kind,
    ParameterType Type,
    string Separator,
    EquatableArray<ValueSource> Values,
    string Path,
    Origin Origin)
{
    /// <summary>JsonGet and Property: the S3 prefix the value always lies within (<c>[Within]</c>), or null.</summary>
    public ValueSource? Within { get; init; }
}

public sealed record PropertyFileDecl(string Name, string Path, Origin Origin);

public sealed record CacheDecl(string ExpireAfter, Origin Origin);

/// <param name="ExceptionTypes">The definition's names, e.g. <c>SageMaker.CAPACITY_ERROR</c>, in source order.</param>
/// <param name="MaxAttempts">Null when not given.</param>
/// <param name="ExpireAfterMinutes">Null when not given.</param>
public sealed record RetryDecl(EquatableArray<string> ExceptionTypes, int? MaxAttempts, int? ExpireAfterMinutes, int IntervalSeconds, double BackoffRate, Origin Origin);
