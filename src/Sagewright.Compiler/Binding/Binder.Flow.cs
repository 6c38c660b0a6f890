using System.Collections.Immutable;
using System.Globalization;
using Sagewright.Model.Json;

namespace Sagewright.Compiler.Binding;

/// <summary>Condition and fail steps, expressions declared on fields, and the step settings every kind shares.</summary>
internal sealed partial class Binder
{
    /// <summary>The definition's exception types of <c>Sagewright.RetryOn</c>, by the enum's value.</summary>
    private static readonly string?[] RetryNames = ByValue(
        ((int)RetryOn.ServiceFault, "Step.SERVICE_FAULT"),
        ((int)RetryOn.Throttling, "Step.THROTTLING"),
        ((int)RetryOn.JobInternalError, "SageMaker.JOB_INTERNAL_ERROR"),
        ((int)RetryOn.CapacityError, "SageMaker.CAPACITY_ERROR"),
        ((int)RetryOn.ResourceLimit, "SageMaker.RESOURCE_LIMIT"));

    private StepBody? BindBody(INamedTypeSymbol type, string typeName, StepKind kind, ImmutableArray<AttributeData> attributes, List<Finding> findings)
    {
        ReportStrayModelAttributes(type, typeName, kind, attributes, findings);
        return BindKindBody(type, typeName, kind, attributes, findings);
    }

    private StepBody? BindKindBody(INamedTypeSymbol type, string typeName, StepKind kind, ImmutableArray<AttributeData> attributes, List<Finding> findings) => kind switch
    {
        StepKind.Condition => BindCondition(type, typeName, attributes, findings),
        StepKind.Fail => BindFail(typeName, attributes, findings),
        StepKind.Tuning => BindTuning(typeName, attributes, findings),
        StepKind.Lambda or StepKind.Callback => BindExternal(type, typeName, kind, attributes, findings),
        StepKind.RegisterModel => BindRegisterModel(typeName, attributes, findings),
        StepKind.Model => BindModel(typeName, attributes, findings),
        StepKind.Transform => BindTransform(typeName, attributes, findings),
        _ => null,
    };

    private ConditionBody BindCondition(INamedTypeSymbol type, string typeName, ImmutableArray<AttributeData> attributes, List<Finding> findings)
    {
        var conditions = new List<ConditionDecl>();
        var ifSteps = new List<DependencyDecl>();
        var elseSteps = new List<DependencyDecl>();
        foreach (var i in InSourceOrder(attributes))
        {
            var at = new Origin(typeName, null, i, -1, null);
            switch (AttributeNames.Of(attributes[i].AttributeClass))
            {
                case AttributeNames.IfSteps:
                    ifSteps.AddRange(StepList(attributes[i], at, findings));
                    break;
                case AttributeNames.ElseSteps:
                    elseSteps.AddRange(StepList(attributes[i], at, findings));
                    break;
                default:
                    if (BindConditionAttribute(attributes[i], null, at, findings) is { } condition)
                    {
                        conditions.Add(condition);
                    }

                    break;
            }
        }

        var named = new List<ConditionDecl>();
        foreach (var member in MembersInSourceOrder(type))
        {
            if (member is not IFieldSymbol field)
            {
                continue;
            }

            var fieldAttributes = field.GetAttributes();
            for (var i = 0; i < fieldAttributes.Length; i++)
            {
                if (BindConditionAttribute(fieldAttributes[i], field.Name, new Origin(typeName, field.Name, i, -1, null), findings) is { } condition)
                {
                    named.Add(condition);
                }
            }
        }

        return new ConditionBody(conditions.ToEquatableArray(), named.ToEquatableArray(), ifSteps.ToEquatableArray(), elseSteps.ToEquatableArray());
    }

    private ConditionDecl? BindConditionAttribute(AttributeData attribute, string? member, Origin at, List<Finding> findings)
    {
        var kind = AttributeNames.Of(attribute.AttributeClass) switch
        {
            AttributeNames.EqualTo => ConditionKind.EqualTo,
            AttributeNames.GreaterThan => ConditionKind.GreaterThan,
            AttributeNames.GreaterThanOrEqualTo => ConditionKind.GreaterThanOrEqualTo,
            AttributeNames.LessThan => ConditionKind.LessThan,
            AttributeNames.LessThanOrEqualTo => ConditionKind.LessThanOrEqualTo,
            AttributeNames.IsIn or AttributeNames.In => ConditionKind.In,
            AttributeNames.Not => ConditionKind.Not,
            AttributeNames.Or => ConditionKind.Or,
            _ => (ConditionKind?)null,
        };

        switch (kind)
        {
            case null:
                return null;
            case ConditionKind.In:
                return new ConditionDecl(kind.Value, member, ConstructorValue(attribute, 0, at, findings), null,
                    ParamsValues(attribute, 1, at, findings).ToEquatableArray(), EquatableArray<ValueSource>.Empty, at);
            case ConditionKind.Not:
                return new ConditionDecl(kind.Value, member, null, null, EquatableArray<ValueSource>.Empty,
                    new[] { ConditionReference(attribute, 0, at) }.ToEquatableArray(), at);
            case ConditionKind.Or:
                return new ConditionDecl(kind.Value, member, null, null, EquatableArray<ValueSource>.Empty,
                    ConditionReferences(attribute, at).ToEquatableArray(), at);
            default:
                var right = TypedValue(attribute, 1, at, findings);
                return new ConditionDecl(kind.Value, member, LeftOperand(ConstructorValue(attribute, 0, at, findings), right), right,
                    EquatableArray<ValueSource>.Empty, EquatableArray<ValueSource>.Empty, at);
        }
    }

    /// <summary>The name of a condition field given with <c>nameof</c> (its text is the field name).</summary>
    private static ValueSource ConditionReference(AttributeData attribute, int index, Origin at) =>
        ValueSource.Literal(ConstructorString(attribute, index) ?? string.Empty, at.WithArgument(index));

    /// <summary>The condition fields an Or names (their <c>nameof</c> text), each with its own argument as origin.</summary>
    private IEnumerable<ValueSource> ConditionReferences(AttributeData attribute, Origin at)
    {
        if (attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Kind != TypedConstantKind.Array || attribute.ConstructorArguments[0].IsNull)
        {
            yield break;
        }

        var values = attribute.ConstructorArguments[0].Values;
        var oneToOne = PositionalCount(attribute) == values.Length;
        for (var i = 0; i < values.Length; i++)
        {
            yield return ValueSource.Literal(values[i].Value as string ?? string.Empty, oneToOne ? at.WithArgument(i) : at);
        }
    }

    /// <summary>The left operand, which C# takes as a string: literal text that spells a number (or <c>true</c>/<c>false</c>)
    /// compared with a number (or a boolean) constant is that number, so a literal-versus-literal condition such as
    /// <c>[GreaterThan("5", 3)]</c> is written as the SDK writes <c>ConditionGreaterThan(left=5, right=3)</c>.</summary>
    private static ValueSource LeftOperand(ValueSource left, ValueSource right)
    {
        if (!left.IsLiteral || left.Parts.Count > 0 || !right.IsLiteral || right.LiteralType == ParameterType.String)
        {
            return left;
        }

        switch (right.LiteralType)
        {
            case ParameterType.Boolean when left.Text is "true" or "false":
                return left with { LiteralType = ParameterType.Boolean };
            case ParameterType.Integer or ParameterType.Float when int.TryParse(left.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i):
                return left with { Text = i.ToString(CultureInfo.InvariantCulture), LiteralType = ParameterType.Integer };
            case ParameterType.Integer or ParameterType.Float when double.TryParse(left.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d)
                && !double.IsNaN(d) && !double.IsInfinity(d):
                return left with { Text = JsonFormat.Double(d), LiteralType = ParameterType.Float };
            default:
                return left;
        }
    }

    /// <summary>A right-hand operand: a number or boolean constant, or a string read like any other value.</summary>
    private ValueSource TypedValue(AttributeData attribute, int index, Origin at, List<Finding> findings)
    {
        if (index < attribute.ConstructorArguments.Length)
        {
            var origin = at.WithArgument(index);
            switch (attribute.ConstructorArguments[index].Value)
            {
                case int i:
                    return ValueSource.Literal(i.ToString(CultureInfo.InvariantCulture), origin) with { LiteralType = ParameterType.Integer };
                case double d when !double.IsNaN(d) && !double.IsInfinity(d):
                    return ValueSource.Literal(JsonFormat.Double(d), origin) with { LiteralType = ParameterType.Float };
                case bool b:
                    return ValueSource.Literal(b ? "true" : "false", origin) with { LiteralType = ParameterType.Boolean };
            }
        }

        return ConstructorValue(attribute, index, at, findings);
    }

    private IEnumerable<DependencyDecl> StepList(AttributeData attribute, Origin at, List<Finding> findings)
    {
        if (attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Kind != TypedConstantKind.Array || attribute.ConstructorArguments[0].IsNull)
        {
            yield break;
        }

        var values = attribute.ConstructorArguments[0].Values;
        var oneToOne = PositionalCount(attribute) == values.Length;
        for (var i = 0; i < values.Length; i++)
        {
            var origin = oneToOne ? at.WithArgument(i) : at;
            if (values[i].Value is INamedTypeSymbol step && step.TypeKind != TypeKind.Error)
            {
                yield return new DependencyDecl(MetadataName(step), origin);
            }
            else if (values[i].IsNull)
            {
                findings.Add(new Finding(RuleIds.UnresolvedReference, origin, "A branch lists step classes: typeof(SomeStep)"));
            }
        }
    }

    private FailBody BindFail(string typeName, ImmutableArray<AttributeData> attributes, List<Finding> findings)
    {
        var index = IndexOf(attributes, AttributeNames.ErrorMessage);
        if (index < 0)
        {
            return new FailBody(EquatableArray<ValueSource>.Empty, null);
        }

        var at = new Origin(typeName, null, index, -1, null);
        return new FailBody(ParamsValues(attributes[index], 0, at, findings).ToEquatableArray(), at);
    }

    // ---- expressions ----------------------------------------------------------------------------

    private EquatableArray<ExpressionDecl> BindExpressions(INamedTypeSymbol type, string typeName, List<Finding> findings)
    {
        var expressions = new List<ExpressionDecl>();
        foreach (var member in MembersInSourceOrder(type))
        {
            if (member is not IFieldSymbol field)
            {
                continue;
            }

            var attributes = field.GetAttributes();
            var join = IndexOf(attributes, AttributeNames.Join);
            var jsonGet = IndexOf(attributes, AttributeNames.JsonGet);
            var property = IndexOf(attributes, AttributeNames.StepProperty);
            if (join >= 0)
            {
                var at = new Origin(typeName, field.Name, join, -1, null);
                if (field.Type.SpecialType != SpecialType.System_String)
                {
                    findings.Add(new Finding(RuleIds.TypeMismatch, at, "A [Join] always gives a string: declare '" + field.Name + "' as static readonly string"));
                }

                expressions.Add(new ExpressionDecl(typeName, field.Name, ExpressionKind.Join, ParameterType.String,
                    ConstructorString(attributes[join], 0) ?? string.Empty, ParamsValues(attributes[join], 1, at, findings).ToEquatableArray(), string.Empty, at));
                BindWithin(typeName, field, applies: false, findings); // a [Join]'s location follows from its values
            }
            else if (jsonGet >= 0 || property >= 0)
            {
                var index = jsonGet >= 0 ? jsonGet : property;
                var at = new Origin(typeName, field.Name, index, -1, null);
                var valueType = ValueTypeOf(field.Type);
                if (valueType is null)
                {
                    findings.Add(new Finding(RuleIds.TypeMismatch, at,
                        "'" + field.Name + "' has type '" + field.Type.ToDisplayString() + "'; a [JsonGet] or [StepProperty] field is a string, int, double or bool, the type of the value it reads"));
                }

                if (jsonGet >= 0)
                {
                    expressions.Add(new ExpressionDecl(typeName, field.Name, ExpressionKind.JsonGet, valueType ?? ParameterType.String, string.Empty,
                        new[] { ConstructorValue(attributes[jsonGet], 0, at, findings) }.ToEquatableArray(), ConstructorString(attributes[jsonGet], 1) ?? string.Empty, at)
                    {
                        Within = BindWithin(typeName, field, applies: true, findings),
                    });
                }
                else
                {
                    var stepArgument = attributes[property].ConstructorArguments.Length > 0 ? attributes[property].ConstructorArguments[0] : default;
                    var stepType = stepArgument.Value is INamedTypeSymbol s && s.TypeKind != TypeKind.Error ? MetadataName(s) : string.Empty;
                    var step = new ValueSource(ValueKind.Literal, (stepArgument.Value as INamedTypeSymbol)?.Name ?? string.Empty, stepType, null, at.WithArgument(0));
                    expressions.Add(new ExpressionDecl(typeName, field.Name, ExpressionKind.Property, valueType ?? ParameterType.String, string.Empty,
                        new[] { step }.ToEquatableArray(), ConstructorString(attributes[property], 1) ?? string.Empty, at)
                    {
                        Within = BindWithin(typeName, field, applies: true, findings),
                    });
                }
            }
            else if (IndexOf(attributes, AttributeNames.OutputParameter) < 0)
            {
                BindWithin(typeName, field, applies: false, findings); // [OutputParameter] fields bind theirs with the step body
            }
        }

        return expressions.ToEquatableArray();
    }

    /// <summary>The pipeline value type a field's C# type stands for: string, int/long, double/float/decimal, bool.</summary>
    internal static ParameterType? ValueTypeOf(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_String => ParameterType.String,
        SpecialType.System_Int32 or SpecialType.System_Int64 => ParameterType.Integer,
        SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Decimal => ParameterType.Float,
        SpecialType.System_Boolean => ParameterType.Boolean,
        _ => null,
    };

    // ---- step settings --------------------------------------------------------------------------

    private static CacheDecl? BindCache(string typeName, ImmutableArray<AttributeData> attributes)
    {
        var index = IndexOf(attributes, AttributeNames.Cache);
        return index < 0 ? null : new CacheDecl(ConstructorString(attributes[index], 0) ?? string.Empty, new Origin(typeName, null, index, -1, null));
    }

    private static EquatableArray<RetryDecl> BindRetries(string typeName, ImmutableArray<AttributeData> attributes)
    {
        var retries = new List<RetryDecl>();
        foreach (var i in InSourceOrder(attributes))
        {
            if (AttributeNames.Of(attributes[i].AttributeClass) != AttributeNames.Retry)
            {
                continue;
            }

            var attribute = attributes[i];
            var types = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array && !attribute.ConstructorArguments[0].IsNull
                ? attribute.ConstructorArguments[0].Values.Select(v => EnumName(RetryNames, v.Value))
                : Enumerable.Empty<string>();
            var backoff = attribute.NamedArguments.FirstOrDefault(a => a.Key == nameof(RetryAttribute.BackoffRate)).Value.Value is double rate ? rate : 2.0;
            retries.Add(new RetryDecl(types.ToEquatableArray(), NamedInt(attribute, nameof(RetryAttribute.MaxAttempts)), NamedInt(attribute, nameof(RetryAttribute.ExpireAfterMinutes)),
                NamedInt(attribute, nameof(RetryAttribute.IntervalSeconds)) ?? 1, backoff, new Origin(typeName, null, i, -1, null)));
        }

        return retries.ToEquatableArray();
    }
}
