namespace Sagewright.Model.Emit;

/// <summary>Declared expressions used through <c>nameof</c>: [Join], [JsonGet] over a property file and [StepProperty].</summary>
internal sealed class ExpressionResolver(PipelineCompilation compilation) : CompilerPass(compilation)
{
    private readonly HashSet<string> _resolvingExpressions = new(StringComparer.Ordinal);

    /// <summary>How many times the definition reads a property file (Std:JsonGet), for the pipeline's quota.</summary>
    public int JsonGets { get; private set; }

    internal JsonValue ResolveExpression(StepDecl? step, ValueSource value, ParameterType? expected, string what)
    {
        var key = value.TargetType + "/" + value.TargetMember;
        if (!Index.Expressions.TryGetValue(key, out var expression))
        {
            Report(RuleIds.UnresolvedReference, value.Origin,
                "'" + value.TargetMember + "' is declared on '" + PipelineCompiler.ShortName(value.TargetType ?? string.Empty) + "', which is not pipeline '" + Pipeline.Name + "' or one of its steps");
            return string.Empty;
        }

        if (expected is { } type && expression.Type != type)
        {
            Report(RuleIds.TypeMismatch, value.Origin,
                "'" + expression.Member + "' is " + Article(expression.Type) + " value, but " + what + " must be " + Article(type)
                + (type == ParameterType.String ? "; turn it into text with a [Join]" : string.Empty));
        }

        if (!_resolvingExpressions.Add(key))
        {
            Report(RuleIds.DependencyCycle, value.Origin, "'" + expression.Member + "' is built from itself");
            return string.Empty;
        }

        try
        {
            if (expression.Kind == ExpressionKind.Join)
            {
                if (step is null)
                {
                    Report(RuleIds.TypeMismatch, value.Origin, Capitalize(what) + " cannot use a [Join] here");
                    return string.Empty;
                }

                var values = expression.Values.Select(v => ResolveValue(step, v, null, "a value of [Join]", s3: false)).ToArray();
                return Join(expression.Separator, values);
            }

            return expression.Kind == ExpressionKind.Property ? StepProperty(step, expression, value) : JsonGet(step, expression, value);
        }
        finally
        {
            _resolvingExpressions.Remove(key);
        }
    }

    private JsonValue JsonGet(StepDecl? step, ExpressionDecl expression, ValueSource use)
    {
        var output = expression.Values.FirstOrDefault();
        if (step is null || output is null || output.Kind != ValueKind.StepOutput)
        {
            Report(RuleIds.UnresolvedReference, output?.Origin ?? expression.Origin,
                "[JsonGet] reads a property file of a processing output: give nameof the output field, for example nameof(Evaluation.Report)");
            return string.Empty;
        }

        if (ResolveStep(output.TargetType ?? string.Empty, use.Origin, "nameof(...)") is not { } producer)
        {
            return string.Empty;
        }

        var declared = producer.Job.Outputs.FirstOrDefault(o => string.Equals(o.Member, output.TargetMember, StringComparison.Ordinal));
        if (declared?.PropertyFile is not { } file)
        {
            Report(RuleIds.UnresolvedReference, output.Origin,
                "Output '" + output.TargetMember + "' of step '" + producer.Name + "' has no [PropertyFile]: add [PropertyFile(\"evaluation.json\")] to it");
            return string.Empty;
        }

        if (expression.Path.Length == 0)
        {
            Report(RuleIds.RequiredSettingMissing, expression.Origin.WithArgument(1), "[JsonGet] needs the JSONPath of the value, for example 'metrics.auc.value'");
        }

        JsonGets++;
        return new JsonObject().Add("Std:JsonGet", new JsonObject()
            .Add("PropertyFile", Get("Steps." + producer.Name + ".PropertyFiles." + file.Name))
            .Add("Path", expression.Path));
    }

    private JsonValue StepProperty(StepDecl? step, ExpressionDecl expression, ValueSource use)
    {
        var target = expression.Values[0];
        if (target.TargetType is not { Length: > 0 } targetType)
        {
            Report(RuleIds.UnresolvedReference, target.Origin, "[StepProperty] needs the step whose property it reads: typeof(SomeStep)");
            return string.Empty;
        }

        if (ResolveStep(targetType, target.Origin, "[StepProperty]") is not { } producer)
        {
            return string.Empty;
        }

        var kind = producer.Kind.ToString();
        var top = expression.Path.Split('.', '[')[0];
        if (!Validation.StepProperties.ByStepType.TryGetValue(kind, out var known) || !known.Properties.Contains(top, StringComparer.Ordinal))
        {
            Report(RuleIds.UnresolvedReference, expression.Origin.WithArgument(1),
                "'" + expression.Path + "' is not a property of " + producer.Kind.DisplayName() + " step '" + producer.Name + "'"
                + (known.Shape is { Length: > 0 } shape ? "; its properties are the members of " + shape : string.Empty));
            return string.Empty;
        }

        return Get("Steps." + producer.Name + "." + expression.Path);
    }
}
