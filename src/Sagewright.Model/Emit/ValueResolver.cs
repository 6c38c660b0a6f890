using Sagewright.Model.Resolution;

namespace Sagewright.Model.Emit;

/// <summary>Writes a value into a field of the definition: looks up what resolution made of it (<see cref="Value"/>),
/// reports a reference that did not resolve, checks its type where the field's type is known (and, for S3 fields, the
/// URI), and turns it into its JSON (text, a number, <c>{"Get": …}</c>, <c>Std:Join</c>, <c>Std:JsonGet</c>).</summary>
internal sealed class ValueResolver(PipelineCompilation compilation) : CompilerPass(compilation)
{
    /// <summary>Turns a value into its JSON form and checks it. <paramref name="expected"/> null means
    /// any parameter type is accepted.</summary>
    internal new JsonValue ResolveValue(StepDecl? step, ValueSource value, ParameterType? expected, string what, bool s3) =>
        Write(step, value, Index.ValueOf(step, value) ?? Compilation.References.Resolve(step, value), expected, what, s3);

    /// <summary>Writes <paramref name="resolved"/>, the resolution of <paramref name="value"/>.</summary>
    internal JsonValue Write(StepDecl? step, ValueSource value, Value resolved, ParameterType? expected, string what, bool s3)
    {
        if (resolved is UnresolvedValue unresolved)
        {
            Report(unresolved.Problem);
            return string.Empty;
        }

        switch (resolved)
        {
            case LiteralValue:
                if (s3 && S3Uris.Check(value.Text) is { } problem)
                {
                    Report(RuleIds.MalformedS3Uri, value.Origin, value.Text, problem + NameofHint(value.Text));
                }

                if (expected is { } literalExpected && value.LiteralType != literalExpected)
                {
                    Report(RuleIds.TypeMismatch, value.Origin, Capitalize(what) + " must be " + Article(literalExpected) + ", not " + Article(value.LiteralType) + " constant");
                }

                return LiteralJson(value);

            case ParameterValue { Parameter: var parameter }:
                if (expected is { } type && parameter.Type != type)
                {
                    Report(RuleIds.TypeMismatch, value.Origin,
                        "Parameter '" + parameter.Name + "' is " + Article(parameter.Type) + " parameter, but " + what + " must be " + Article(type));
                }
                else if (s3 && S3Uris.Check(parameter.DefaultValue) is { } defaultProblem)
                {
                    Report(RuleIds.MalformedS3Uri, value.Origin, parameter.DefaultValue, "it is the default of parameter '" + parameter.Name + "', used as " + what + ", and " + defaultProblem);
                }
                else if (s3 && parameter.Type == ParameterType.String
                    && parameter.EnumValues.FirstOrDefault(v => S3Uris.Check(v) is not null) is { } badValue)
                {
                    // An execution may pass any allowed value, and the IAM policies grant each of them.
                    Report(RuleIds.MalformedS3Uri, value.Origin, badValue, "it is one of the EnumValues of parameter '" + parameter.Name + "', used as " + what + ", and " + S3Uris.Check(badValue));
                }

                return Get("Parameters." + parameter.Name);

            case StepPropertyValue property:
                if (property.Read == StepRead.OutputParameter && expected is { } outputExpected && property.Type is { } actual && actual != outputExpected)
                {
                    Report(RuleIds.TypeMismatch, value.Origin,
                        "Output parameter '" + property.Member + "' of step '" + property.StepName + "' is " + Article(actual) + ", but " + what + " must be " + Article(outputExpected));
                }

                return property.Read == StepRead.TopModel
                    ? Compilation.Tuning.TopModelUri(Index.StepsByType[property.StepType], value.Origin)
                    : Get("Steps." + property.StepName + "." + property.Path);

            case ExecutionValue execution:
                if (expected is { } executionExpected && executionExpected != ParameterType.String)
                {
                    Report(RuleIds.TypeMismatch, value.Origin, "Execution." + execution.Variable + " is a String, but " + what + " must be " + Article(executionExpected));
                }

                return Get("Execution." + execution.Variable);

            case ExpressionValue expression:
                return Compilation.Expressions.WriteExpression(step, value, expression, expected, what);

            case JoinValue interpolated:
                return WriteInterpolated(step, value, interpolated, expected, what, s3);

            default:
                return string.Empty;
        }
    }

    /// <summary>"; did you mean nameof(…)?" when <paramref name="text"/> is the name of a parameter, an output or a
    /// step of this pipeline (a quoted name where the reference was meant), else empty.</summary>
    private string NameofHint(string text)
    {
        var pipeline = PipelineCompiler.ShortName(Pipeline.TypeName);
        foreach (var parameter in Index.ParametersByMember.Values)
        {
            if (string.Equals(parameter.Member, text, StringComparison.Ordinal) || string.Equals(parameter.Name, text, StringComparison.Ordinal))
            {
                return "; '" + text + "' is the name of parameter '" + parameter.Name + "': did you mean nameof(" + pipeline + "." + parameter.Member + ")?";
            }
        }

        foreach (var step in Index.StepsByType.Values.OrderBy(s => s.TypeName, StringComparer.Ordinal))
        {
            foreach (var output in step.Job.Outputs)
            {
                if (string.Equals(output.Member, text, StringComparison.Ordinal) || string.Equals(output.Name, text, StringComparison.Ordinal))
                {
                    return "; '" + text + "' is the name of output '" + output.Name + "' of step '" + step.Name + "': did you mean nameof("
                        + PipelineCompiler.ShortName(step.TypeName) + "." + output.Member + ")?";
                }
            }
        }

        foreach (var step in Index.StepsByType.Values.OrderBy(s => s.TypeName, StringComparer.Ordinal))
        {
            if (string.Equals(step.Name, text, StringComparison.Ordinal) || string.Equals(PipelineCompiler.ShortName(step.TypeName), text, StringComparison.Ordinal))
            {
                var type = PipelineCompiler.ShortName(step.TypeName);
                return "; '" + text + "' is the name of step '" + step.Name + "': did you mean "
                    + (step.Kind is StepKind.Training or StepKind.Tuning ? "typeof(" + type + ") (its model artifacts, where the attribute takes a step)"
                        : step.Job.Outputs.Count > 0 ? "nameof(" + type + "." + step.Job.Outputs[0].Member + ") (one of its outputs)"
                        : "a reference to one of its values") + "?";
            }
        }

        return string.Empty;
    }

    /// <summary>An interpolated string: its parts joined with no separator. When it starts with text, the text with
    /// every hole replaced by a short name is checked as an S3 URI (the holes' run-time values cannot be).</summary>
    private JsonValue WriteInterpolated(StepDecl? step, ValueSource value, JoinValue resolved, ParameterType? expected, string what, bool s3)
    {
        if (expected is { } type && type != ParameterType.String)
        {
            Report(RuleIds.TypeMismatch, value.Origin, "An interpolated string is a String, but " + what + " must be " + Article(type));
        }

        if (step is null)
        {
            Report(RuleIds.TypeMismatch, value.Origin, Capitalize(what) + " cannot be an interpolated string; write text, a String parameter or an execution variable");
            return string.Empty;
        }

        if (s3 && value.Parts.Count > 0 && value.Parts[0].IsLiteral)
        {
            var skeleton = string.Concat(value.Parts.Select(p => p.IsLiteral ? p.Text : "x0x"));
            if (S3Uris.Check(skeleton) is { } problem)
            {
                Report(RuleIds.MalformedS3Uri, value.Origin, value.Text, problem);
            }
        }

        var values = value.Parts.Select((p, i) => p.IsLiteral ? p.Text : Write(step, p, resolved.Parts[i], null, "a value in an interpolated string", s3: false)).ToArray();
        return Join(string.Empty, values);
    }

    internal new StepDecl? ResolveStep(string typeName, Origin origin, string how)
    {
        if (Index.StepsByType.TryGetValue(typeName, out var step))
        {
            return step;
        }

        Report(RuleIds.UnresolvedReference, origin, ReferenceResolver.StepNotFound(Pipeline, Index.ForeignSteps.Contains(typeName), typeName, how));
        return null;
    }

    /// <summary>The run-time type of a value, or null when it cannot be known here (a reference that does not resolve).</summary>
    internal new ParameterType? TypeOf(ValueSource? value) => value?.Kind switch
    {
        ValueKind.Literal => value.LiteralType,
        ValueKind.Parameter => Index.ParametersByMember.TryGetValue(value.TargetMember ?? string.Empty, out var parameter) ? parameter.Type : null,
        ValueKind.Execution or ValueKind.StepOutput or ValueKind.ModelArtifacts => ParameterType.String,
        ValueKind.Expression => Index.Expressions.TryGetValue(value.TargetType + "/" + value.TargetMember, out var expression) ? expression.Type : null,
        ValueKind.OutputParameter => Compilation.External.OutputParameterType(value),
        ValueKind.Interpolated => ParameterType.String,
        _ => null,
    };

    private static JsonValue LiteralJson(ValueSource value) => value.LiteralType switch
    {
        ParameterType.Integer or ParameterType.Float => new JsonLiteral(value.Text),
        ParameterType.Boolean => JsonValue.From(value.Text == "true"),
        _ => value.Text,
    };
}
