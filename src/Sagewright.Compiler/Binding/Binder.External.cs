using System.Collections.Immutable;

namespace Sagewright.Compiler.Binding;

/// <summary>Lambda and callback steps: [StepInput] attributes and [OutputParameter] fields.</summary>
internal sealed partial class Binder
{
    private ExternalStepBody BindExternal(INamedTypeSymbol type, string typeName, StepKind kind, ImmutableArray<AttributeData> attributes, List<Finding> findings)
    {
        var inputs = new List<StepInputDecl>();
        foreach (var i in InSourceOrder(attributes))
        {
            if (AttributeNames.Of(attributes[i].AttributeClass) == AttributeNames.StepInput)
            {
                var at = new Origin(typeName, null, i, -1, null);
                inputs.Add(new StepInputDecl(ConstructorString(attributes[i], 0) ?? string.Empty, TypedValue(attributes[i], 1, at, findings), at));
            }
        }

        var outputs = new List<OutputParameterDecl>();
        foreach (var member in MembersInSourceOrder(type))
        {
            if (member is IFieldSymbol field && BindOutputParameter(typeName, field, findings) is { } output)
            {
                outputs.Add(output);
            }
        }

        var stepAttribute = attributes[IndexOf(attributes, kind == StepKind.Lambda ? AttributeNames.LambdaStep : AttributeNames.CallbackStep)];
        return kind == StepKind.Lambda
            ? new LambdaBody(NamedString(stepAttribute, nameof(LambdaStepAttribute.FunctionArn)), NamedInt(stepAttribute, nameof(LambdaStepAttribute.TimeoutSeconds)), inputs.ToEquatableArray(), outputs.ToEquatableArray())
            : new CallbackBody(NamedString(stepAttribute, nameof(CallbackStepAttribute.QueueUrl)), inputs.ToEquatableArray(), outputs.ToEquatableArray());
    }

    private OutputParameterDecl? BindOutputParameter(string typeName, IFieldSymbol field, List<Finding> findings)
    {
        var attributes = field.GetAttributes();
        var index = IndexOf(attributes, AttributeNames.OutputParameter);
        if (index < 0)
        {
            return null;
        }

        var origin = new Origin(typeName, field.Name, index, -1, null);
        var explicitName = NamedString(attributes[index], nameof(OutputParameterAttribute.Name));
        var valueType = ValueTypeOf(field.Type);
        if (valueType is null)
        {
            findings.Add(new Finding(RuleIds.TypeMismatch, origin,
                "'" + field.Name + "' has type '" + field.Type.ToDisplayString() + "'; an [OutputParameter] field is a string (String), int or long (Integer), double (Float) or bool (Boolean)"));
        }
        else if (!field.IsStatic || field.IsConst)
        {
            findings.Add(new Finding(RuleIds.TypeMismatch, origin,
                "Output parameter '" + field.Name + "' is known only when the step has run: declare it as public static readonly " + field.Type.ToDisplayString() + " " + field.Name + ";"));
        }

        return new OutputParameterDecl(field.Name, explicitName ?? field.Name, valueType, origin, explicitName is null ? origin : origin.WithNamed(nameof(OutputParameterAttribute.Name)))
        {
            Within = BindWithin(typeName, field, applies: true, findings),
        };
    }

    /// <summary>[StepInput] and [OutputParameter] on a step that is not a Lambda or callback step (SGW014, at the first of each).</summary>
    private static void ReportMisplacedExternal(INamedTypeSymbol type, string typeName, StepKind kind, ImmutableArray<AttributeData> attributes, List<Finding> findings)
    {
        if (kind is StepKind.Lambda or StepKind.Callback)
        {
            return;
        }

        var what = kind.DisplayName() + " step";
        var input = IndexOf(attributes, AttributeNames.StepInput);
        if (input >= 0)
        {
            findings.Add(new Finding(RuleIds.AttributeNotApplicable, new Origin(typeName, null, input, -1, null),
                "[StepInput]", what, type.Name, "it is for Lambda and callback steps"));
        }

        foreach (var member in MembersInSourceOrder(type))
        {
            if (member is IFieldSymbol field && IndexOf(field.GetAttributes(), AttributeNames.OutputParameter) is var index and >= 0)
            {
                findings.Add(new Finding(RuleIds.AttributeNotApplicable, new Origin(typeName, field.Name, index, -1, null),
                    "[OutputParameter]", what, type.Name, "it is for Lambda and callback steps"));
                return;
            }
        }
    }
}
