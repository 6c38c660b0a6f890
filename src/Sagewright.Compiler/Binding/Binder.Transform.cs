using System.Collections.Immutable;

namespace Sagewright.Compiler.Binding;

/// <summary>Model steps (CreateModel) and transform steps (CreateTransformJob).</summary>
internal sealed partial class Binder
{
    // The API values of the annotation enums (each member is spelled as the API value), by their numeric value;
    // Default (0, not sent) has no entry.
    private static readonly string?[] BatchStrategies = ByValue(
        ((int)BatchStrategy.MultiRecord, nameof(BatchStrategy.MultiRecord)),
        ((int)BatchStrategy.SingleRecord, nameof(BatchStrategy.SingleRecord)));

    private static readonly string?[] SplitTypes = ByValue(
        ((int)SplitType.None, nameof(SplitType.None)),
        ((int)SplitType.Line, nameof(SplitType.Line)),
        ((int)SplitType.RecordIO, nameof(SplitType.RecordIO)),
        ((int)SplitType.TFRecord, nameof(SplitType.TFRecord)));

    private static readonly string?[] CompressionTypes = ByValue(
        ((int)CompressionType.None, nameof(CompressionType.None)),
        ((int)CompressionType.Gzip, nameof(CompressionType.Gzip)));

    private static readonly string?[] AssemblyTypes = ByValue(
        ((int)AssembleWith.None, nameof(AssembleWith.None)),
        ((int)AssembleWith.Line, nameof(AssembleWith.Line)));

    private static readonly string?[] JoinSources = ByValue(
        ((int)JoinSource.None, nameof(JoinSource.None)),
        ((int)JoinSource.Input, nameof(JoinSource.Input)));

    private ModelBody BindModel(string typeName, ImmutableArray<AttributeData> attributes, List<Finding> findings)
    {
        var stepIndex = StepIndex(attributes);
        var origin = new Origin(typeName, null, stepIndex, -1, null);
        var step = attributes[stepIndex];
        ValueSource? modelData = null;
        var index = IndexOf(attributes, AttributeNames.ModelData);
        if (index >= 0)
        {
            var attribute = attributes[index];
            var at = new Origin(typeName, null, index, -1, null);
            if (attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Type)
            {
                var stepType = attribute.ConstructorArguments[0].Value as INamedTypeSymbol;
                if (attribute.ConstructorArguments[0].IsNull)
                {
                    findings.Add(new Finding(RuleIds.UnresolvedReference, at.WithArgument(0), "[ModelData] needs the training step whose model artifacts it uses: typeof(TrainingStep)"));
                }

                modelData = new ValueSource(ValueKind.ModelArtifacts, stepType?.Name ?? string.Empty,
                    stepType is null || stepType.TypeKind == TypeKind.Error ? string.Empty : MetadataName(stepType), null, at.WithArgument(0));
            }
            else
            {
                modelData = ConstructorValue(attribute, 0, at, findings);
            }
        }

        return new ModelBody(modelData, NamedString(step, nameof(CreateModelStepAttribute.RoleArn)), NamedBool(step, nameof(CreateModelStepAttribute.NetworkIsolation)) ?? false, origin);
    }

    private TransformBody BindTransform(string typeName, ImmutableArray<AttributeData> attributes, List<Finding> findings)
    {
        var stepIndex = StepIndex(attributes);
        var origin = new Origin(typeName, null, stepIndex, -1, null);
        var step = attributes[stepIndex];
        DependencyDecl? model = null;
        foreach (var pair in step.NamedArguments)
        {
            if (pair.Key == nameof(TransformStepAttribute.Model) && pair.Value.Value is INamedTypeSymbol modelType && modelType.TypeKind != TypeKind.Error)
            {
                model = new DependencyDecl(MetadataName(modelType), origin.WithNamed(nameof(TransformStepAttribute.Model)));
            }
        }

        TransformInputDecl? input = null;
        TransformOutputDecl? output = null;
        DataProcessingDecl? dataProcessing = null;
        foreach (var i in InSourceOrder(attributes))
        {
            var attribute = attributes[i];
            var at = new Origin(typeName, null, i, -1, null);
            switch (AttributeNames.Of(attribute.AttributeClass))
            {
                case AttributeNames.TransformInput:
                    input = new TransformInputDecl(ConstructorValue(attribute, 0, at, findings), NamedString(attribute, nameof(TransformInputAttribute.ContentType)),
                        NamedEnum(attribute, nameof(TransformInputAttribute.SplitType), SplitTypes, at), NamedEnum(attribute, nameof(TransformInputAttribute.CompressionType), CompressionTypes, at), at);
                    break;
                case AttributeNames.TransformOutput:
                    output = new TransformOutputDecl(NamedValue(attribute, nameof(TransformOutputAttribute.Destination), at, findings), NamedString(attribute, nameof(TransformOutputAttribute.Accept)),
                        NamedEnum(attribute, nameof(TransformOutputAttribute.AssembleWith), AssemblyTypes, at), at);
                    break;
                case AttributeNames.DataProcessing:
                    dataProcessing = new DataProcessingDecl(NamedString(attribute, nameof(DataProcessingAttribute.InputFilter)), NamedString(attribute, nameof(DataProcessingAttribute.OutputFilter)),
                        NamedEnum(attribute, nameof(DataProcessingAttribute.JoinSource), JoinSources, at), at);
                    break;
            }
        }

        return new TransformBody(
            model,
            NamedValue(step, nameof(TransformStepAttribute.ModelName), origin, findings),
            NamedEnum(step, nameof(TransformStepAttribute.BatchStrategy), BatchStrategies, origin),
            NamedInt(step, nameof(TransformStepAttribute.MaxPayloadInMB)),
            NamedInt(step, nameof(TransformStepAttribute.MaxConcurrentTransforms)),
            input,
            output,
            dataProcessing,
            origin);
    }

    /// <summary>The index of the (first) step attribute; BindBody is only called when there is one.</summary>
    private static int StepIndex(ImmutableArray<AttributeData> attributes)
    {
        foreach (var i in InSourceOrder(attributes))
        {
            if (StepKindOf(attributes[i].AttributeClass) is not null)
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>An enum named argument: null when not written or written as Default; an <see cref="EnumSetting"/>
    /// with a null value when the number is not a member (reported by the compiler as out of range).</summary>
    private static EnumSetting? NamedEnum(AttributeData attribute, string name, string?[] values, Origin at)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is int value)
            {
                if (value == 0)
                {
                    return null;
                }

                return new EnumSetting(value > 0 && value < values.Length ? values[value] : null, at.WithNamed(name));
            }
        }

        return null;
    }

    /// <summary>SGW014 for [ModelData] on a step that is not a model step, and for the transform attributes on a
    /// step that is not a transform step (they would otherwise be silently ignored).</summary>
    private static void ReportStrayModelAttributes(INamedTypeSymbol type, string typeName, StepKind kind, ImmutableArray<AttributeData> attributes, List<Finding> findings)
    {
        foreach (var i in InSourceOrder(attributes))
        {
            var name = AttributeNames.Of(attributes[i].AttributeClass);
            var wanted = name switch
            {
                AttributeNames.ModelData => StepKind.Model,
                AttributeNames.TransformInput or AttributeNames.TransformOutput or AttributeNames.DataProcessing => StepKind.Transform,
                _ => (StepKind?)null,
            };
            // [ModelData] also belongs to register-model steps.
            if (wanted is { } expected && expected != kind && !(expected == StepKind.Model && kind == StepKind.RegisterModel))
            {
                findings.Add(new Finding(RuleIds.AttributeNotApplicable, new Origin(typeName, null, i, -1, null),
                    "[" + name!.Substring(0, name.Length - "Attribute".Length) + "]", kind.DisplayName() + " step", type.Name,
                    "it is for " + (expected == StepKind.Model ? "model and register-model" : "transform") + " steps only"));
            }
        }
    }
}
