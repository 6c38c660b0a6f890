namespace Sagewright.Model.Emit;

/// <summary>Turns a value as written (text, a parameter, an execution variable, an upstream step's output or model, a
/// declared expression, an interpolated string) into its definition JSON, checks its type where the field it goes in
/// is known, and records the dependency edge it implies.</summary>
internal sealed class ValueResolver(PipelineCompilation compilation) : CompilerPass(compilation)
{
    /// <summary>Turns a value into its JSON form and checks it. <paramref name="expected"/> null means
    /// any parameter type is accepted.</summary>
    internal new JsonValue ResolveValue(StepDecl? step, ValueSource value, ParameterType? expected, string what, bool s3)
    {
        switch (value.Kind)
        {
            case ValueKind.Literal:
                if (s3 && S3Uris.Check(value.Text) is { } problem)
                {
                    Report(RuleIds.MalformedS3Uri, value.Origin, value.Text, problem);
                }

                if (expected is { } literalExpected && value.LiteralType != literalExpected)
                {
                    Report(RuleIds.TypeMismatch, value.Origin, Capitalize(what) + " must be " + Article(literalExpected) + ", not " + Article(value.LiteralType) + " constant");
                }

                return LiteralJson(value);

            case ValueKind.Parameter:
                if (!string.Equals(value.TargetType, Pipeline.TypeName, StringComparison.Ordinal))
                {
                    Report(RuleIds.UnresolvedReference, value.Origin,
                        "'" + value.TargetMember + "' is a parameter of '" + PipelineCompiler.ShortName(value.TargetType ?? string.Empty) + "', not of pipeline '" + Pipeline.Name + "'" + (step is null ? string.Empty : " that step '" + step.Name + "' belongs to"));
                    return string.Empty;
                }

                if (!Index.ParametersByMember.TryGetValue(value.TargetMember ?? string.Empty, out var parameter))
                {
                    Report(RuleIds.UnresolvedReference, value.Origin, "'" + value.TargetMember + "' is not a parameter of pipeline '" + Pipeline.Name + "'");
                    return string.Empty;
                }

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

            case ValueKind.StepOutput:
            {
                var producer = ResolveStep(value.TargetType ?? string.Empty, value.Origin, "nameof(...)");
                if (producer is null)
                {
                    return string.Empty;
                }

                var output = producer.Job.Outputs.FirstOrDefault(o => string.Equals(o.Member, value.TargetMember, StringComparison.Ordinal));
                if (output is null)
                {
                    Report(RuleIds.UnresolvedReference, value.Origin, "'" + value.TargetMember + "' is not an [Output] of step '" + producer.Name + "'");
                    return string.Empty;
                }

                return Get("Steps." + producer.Name + ".ProcessingOutputConfig.Outputs['" + output.Name + "'].S3Output.S3Uri");
            }

            case ValueKind.ModelArtifacts:
            {
                var producer = ResolveStep(value.TargetType ?? string.Empty, value.Origin, "typeof(...)");
                if (producer is null)
                {
                    return string.Empty;
                }

                if (producer.Kind is not (StepKind.Training or StepKind.Tuning))
                {
                    Report(RuleIds.WrongReferenceKind, value.Origin, producer.Name, producer.Kind.DisplayName(), "has no model artifacts", "only training and tuning steps do");
                    return string.Empty;
                }

                return producer.Kind == StepKind.Tuning
                    ? Compilation.Tuning.TopModelUri(producer, value.Origin)
                    : Get("Steps." + producer.Name + ".ModelArtifacts.S3ModelArtifacts");
            }

            case ValueKind.Execution:
                if (expected is { } executionExpected && executionExpected != ParameterType.String)
                {
                    Report(RuleIds.TypeMismatch, value.Origin, "Execution." + value.TargetMember + " is a String, but " + what + " must be " + Article(executionExpected));
                }

                return Get("Execution." + value.TargetMember);

            case ValueKind.Expression:
                return Compilation.Expressions.ResolveExpression(step, value, expected, what);

            case ValueKind.OutputParameter:
                return Compilation.External.ResolveOutputParameter(step, value, expected, what);

            case ValueKind.Interpolated:
                return ResolveInterpolated(step, value, expected, what, s3);

            default:
                return string.Empty;
        }
    }

    /// <summary>An interpolated string: its parts joined with no separator. When it starts with text, the text with
    /// every hole replaced by a short name is checked as an S3 URI (the holes' run-time values cannot be).</summary>
    private JsonValue ResolveInterpolated(StepDecl? step, ValueSource value, ParameterType? expected, string what, bool s3)
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

        var values = value.Parts.Select(p => p.IsLiteral ? p.Text : ResolveValue(step, p, null, "a value in an interpolated string", s3: false)).ToArray();
        return Join(string.Empty, values);
    }

    internal new StepDecl? ResolveStep(string typeName, Origin origin, string how)
    {
        if (Index.StepsByType.TryGetValue(typeName, out var step))
        {
            return step;
        }

        Report(RuleIds.UnresolvedReference, origin, Index.ForeignSteps.Contains(typeName)
            ? "Step '" + PipelineCompiler.ShortName(typeName) + "' belongs to another pipeline, not to '" + Pipeline.Name + "'"
            : "'" + PipelineCompiler.ShortName(typeName) + "' in " + how + " is not a step class of pipeline '" + Pipeline.Name + "'");
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
