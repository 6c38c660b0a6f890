namespace Sagewright.Model.Graph;

/// <summary>A value after resolution: what a <see cref="ValueSource"/> written in source stands for in this pipeline,
/// typed, with where it was written. References are resolved (a parameter to its declaration, a step to its name and
/// the property read, a declared expression to its parts); a reference that cannot be resolved is an
/// <see cref="UnresolvedValue"/> that carries its finding, reported by the pass that writes the value into a field
/// (a value no field uses reports nothing).</summary>
public abstract record Value(Origin Origin);

/// <summary>Text, a number or a boolean written in source (<paramref name="Text"/> in invariant form).</summary>
public sealed record LiteralValue(string Text, ParameterType Type, Origin Origin) : Value(Origin);

/// <summary>A pipeline parameter: <c>{"Get": "Parameters.&lt;name&gt;"}</c>.</summary>
public sealed record ParameterValue(ParameterDecl Parameter, Origin Origin) : Value(Origin);

/// <summary>An execution variable: <c>{"Get": "Execution.&lt;variable&gt;"}</c>.</summary>
public sealed record ExecutionValue(string Variable, Origin Origin) : Value(Origin);

/// <summary>What another step produces.</summary>
public enum StepRead
{
    /// <summary>The S3 URI of a processing output.</summary>
    Output,

    /// <summary>The model artifacts of a training step.</summary>
    ModelArtifacts,

    /// <summary>The model of a tuning step's best training job (built from its output path).</summary>
    TopModel,

    /// <summary>An output parameter of a Lambda or callback step.</summary>
    OutputParameter,

    /// <summary>A property of the step's Describe response (<c>[StepProperty]</c>).</summary>
    Property,
}

/// <summary>A property of another step of the pipeline: <c>{"Get": "Steps.&lt;StepName&gt;.&lt;Path&gt;"}</c>.</summary>
/// <param name="StepType">The producing step's type name.</param>
/// <param name="StepName">Its name in the definition.</param>
/// <param name="Read">What is read.</param>
/// <param name="Path">The property path after the step name (empty for <see cref="StepRead.TopModel"/>).</param>
/// <param name="Member">The output's or output parameter's name, for messages (else empty).</param>
/// <param name="Type">The type of the value, when the step declares it.</param>
/// <param name="Origin">Where the reference was written (for <c>[StepProperty]</c>: where the expression is used).</param>
public sealed record StepPropertyValue(string StepType, string StepName, StepRead Read, string Path, string Member, ParameterType? Type, Origin Origin) : Value(Origin);

/// <summary>A value read from a property file: <c>{"Std:JsonGet": …}</c>.</summary>
/// <param name="StepType">The step whose output holds the file.</param>
/// <param name="StepName">Its name in the definition.</param>
/// <param name="PropertyFile">The property file's name.</param>
/// <param name="Path">The JSONPath in the file.</param>
/// <param name="Origin">Where the <c>[JsonGet]</c> expression is used.</param>
public sealed record JsonGetValue(string StepType, string StepName, string PropertyFile, string Path, Origin Origin) : Value(Origin);

/// <summary>Values joined with a separator: a <c>[Join]</c>, or an interpolated string (no separator).</summary>
public sealed record JoinValue(string Separator, EquatableArray<Value> Parts, Origin Origin) : Value(Origin);

/// <summary>A declared expression (<c>[Join]</c>, <c>[JsonGet]</c>, <c>[StepProperty]</c> on a field) used through
/// <c>nameof</c>: its declaration (type and name, for messages) and what it resolves to.</summary>
public sealed record ExpressionValue(ExpressionDecl Declaration, Value Value, Origin Origin) : Value(Origin);

/// <summary>A reference that does not resolve; <paramref name="Problem"/> says why, at the reference.</summary>
public sealed record UnresolvedValue(Finding Problem, Origin Origin) : Value(Origin);

/// <summary>One value a step (or the pipeline, when <paramref name="StepType"/> is null) writes, resolved.</summary>
public sealed record ResolvedValue(string? StepType, ValueSource Written, Value Value);
