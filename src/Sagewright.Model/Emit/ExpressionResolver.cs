namespace Sagewright.Model.Emit;

/// <summary>Writes declared expressions used through <c>nameof</c>: [Join], [JsonGet] over a property file and
/// [StepProperty], as resolution resolved them (<see cref="ExpressionValue"/>).</summary>
internal sealed class ExpressionResolver(PipelineCompilation compilation) : CompilerPass(compilation)
{
    /// <summary>How many times the definition reads a property file (Std:JsonGet), for the pipeline's quota.</summary>
    public int JsonGets { get; private set; }

    internal JsonValue WriteExpression(StepDecl? step, ValueSource value, ExpressionValue resolved, ParameterType? expected, string what)
    {
        var expression = resolved.Declaration;
        if (expected is { } type && expression.Type != type)
        {
            Report(RuleIds.TypeMismatch, value.Origin,
                "'" + expression.Member + "' is " + Article(expression.Type) + " value, but " + what + " must be " + Article(type)
                + (type == ParameterType.String ? "; turn it into text with a [Join]" : string.Empty));
        }

        switch (resolved.Value)
        {
            case UnresolvedValue unresolved:
                Report(unresolved.Problem);
                return string.Empty;

            case JoinValue join:
                if (step is null)
                {
                    Report(RuleIds.TypeMismatch, value.Origin, Capitalize(what) + " cannot use a [Join] here");
                    return string.Empty;
                }

                var values = expression.Values.Select((v, i) => Compilation.Values.Write(step, v, join.Parts[i], null, "a value of [Join]", s3: false)).ToArray();
                return Join(expression.Separator, values);

            case JsonGetValue jsonGet:
                if (expression.Path.Length == 0)
                {
                    Report(RuleIds.RequiredSettingMissing, expression.Origin.WithArgument(1), "[JsonGet] needs the JSONPath of the value, for example 'metrics.auc.value'");
                }

                JsonGets++;
                return new JsonObject().Add("Std:JsonGet", new JsonObject()
                    .Add("PropertyFile", Get("Steps." + jsonGet.StepName + ".PropertyFiles." + jsonGet.PropertyFile))
                    .Add("Path", jsonGet.Path));

            case StepPropertyValue property:
                return Get("Steps." + property.StepName + "." + property.Path);

            default:
                return string.Empty;
        }
    }
}
