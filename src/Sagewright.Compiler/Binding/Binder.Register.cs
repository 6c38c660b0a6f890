using System.Collections.Immutable;

namespace Sagewright.Compiler.Binding;

/// <summary>Register-model steps.</summary>
internal sealed partial class Binder
{
    private const string ModelPackageTagsAreText = "model package tags are fixed text (customer metadata can take a run-time value)";

    /// <summary>The definition's names of <c>Sagewright.ModelApprovalStatus</c> (each member is spelled as the API
    /// value), by the enum's value.</summary>
    private static readonly string?[] ApprovalStatuses = ByValue(
        ((int)ModelApprovalStatus.PendingManualApproval, nameof(ModelApprovalStatus.PendingManualApproval)),
        ((int)ModelApprovalStatus.Approved, nameof(ModelApprovalStatus.Approved)),
        ((int)ModelApprovalStatus.Rejected, nameof(ModelApprovalStatus.Rejected)));

    /// <summary>Where each <c>Sagewright.DriftBaseline</c> goes in <c>DriftCheckBaselines</c> (API names, not the
    /// enum's), by the enum's value.</summary>
    private static readonly (string Group, string Member)[] DriftBaselines = ByValue(
        ((int)DriftBaseline.ModelQualityStatistics, ("ModelQuality", "Statistics")),
        ((int)DriftBaseline.ModelQualityConstraints, ("ModelQuality", "Constraints")),
        ((int)DriftBaseline.ModelDataQualityStatistics, ("ModelDataQuality", "Statistics")),
        ((int)DriftBaseline.ModelDataQualityConstraints, ("ModelDataQuality", "Constraints")),
        ((int)DriftBaseline.BiasPreTrainingConstraints, ("Bias", "PreTrainingConstraints")),
        ((int)DriftBaseline.BiasPostTrainingConstraints, ("Bias", "PostTrainingConstraints")),
        ((int)DriftBaseline.ExplainabilityConstraints, ("Explainability", "Constraints")));

    private RegisterModelBody BindRegisterModel(string typeName, ImmutableArray<AttributeData> attributes, List<Finding> findings)
    {
        var stepIndex = IndexOf(attributes, AttributeNames.RegisterModelStep);
        var stepAt = new Origin(typeName, null, stepIndex, -1, null);
        var step = attributes[stepIndex];
        var group = ConstructorValue(step, 1, stepAt, findings);

        var approval = ApprovalStatuses[(int)ModelApprovalStatus.PendingManualApproval] ?? string.Empty;
        Origin? approvalOrigin = null;
        foreach (var pair in step.NamedArguments)
        {
            if (pair.Key == nameof(RegisterModelStepAttribute.ApprovalStatus))
            {
                approvalOrigin = stepAt.WithNamed(nameof(RegisterModelStepAttribute.ApprovalStatus));
                approval = pair.Value.Value is int value && value >= 0 && value < ApprovalStatuses.Length ? ApprovalStatuses[value] ?? string.Empty : string.Empty;
            }
        }

        var approvalValue = NamedRunTimeValue(step, nameof(RegisterModelStepAttribute.ApprovalStatusParameter), nameof(RegisterModelStepAttribute.ApprovalStatus), stepAt, findings);

        ValueSource? modelData = null;
        ModelMetricsDecl? metrics = null;
        var contentTypes = new List<ValueSource>();
        var responseTypes = new List<ValueSource>();
        var inferenceInstances = new List<ValueSource>();
        var transformInstances = new List<ValueSource>();
        var tags = new List<TagDecl>();
        var metadata = new List<TagDecl>();
        var baselines = new List<DriftBaselineDecl>();
        foreach (var i in InSourceOrder(attributes))
        {
            var attribute = attributes[i];
            var at = new Origin(typeName, null, i, -1, null);
            switch (AttributeNames.Of(attribute.AttributeClass))
            {
                case AttributeNames.ModelData:
                    modelData = BindModelData(attribute, at, findings);
                    break;
                case AttributeNames.ContentTypes:
                    contentTypes.AddRange(ParamsValues(attribute, 0, at, findings));
                    break;
                case AttributeNames.ResponseTypes:
                    responseTypes.AddRange(ParamsValues(attribute, 0, at, findings));
                    break;
                case AttributeNames.InferenceInstances:
                    inferenceInstances.AddRange(ParamsValues(attribute, 0, at, findings));
                    break;
                case AttributeNames.TransformInstances:
                    transformInstances.AddRange(ParamsValues(attribute, 0, at, findings));
                    break;
                case AttributeNames.ModelMetrics:
                    metrics = new ModelMetricsDecl(ConstructorValue(attribute, 0, at, findings), NamedString(attribute, nameof(ModelMetricsAttribute.ContentType)) ?? "application/json", at);
                    break;
                case AttributeNames.Tag:
                    tags.Add(new TagDecl(FixedText(attribute, 0, at, findings, "A tag key", ModelPackageTagsAreText) ?? string.Empty,
                        FixedText(attribute, 1, at, findings, "A tag value", ModelPackageTagsAreText) ?? string.Empty, at));
                    break;
                case AttributeNames.DriftCheckBaseline:
                    var (baselineGroup, baselineMember) = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is int kind && kind >= 0 && kind < DriftBaselines.Length
                        ? DriftBaselines[kind]
                        : (string.Empty, string.Empty);
                    baselines.Add(new DriftBaselineDecl(baselineGroup, baselineMember, ConstructorValue(attribute, 1, at, findings), NamedString(attribute, nameof(DriftCheckBaselineAttribute.File)),
                        NamedString(attribute, nameof(DriftCheckBaselineAttribute.ContentType)) ?? "application/json", at));
                    break;
                case AttributeNames.CustomerMetadata:
                    var metadataValue = ConstructorValue(attribute, 1, at, findings);
                    metadata.Add(new TagDecl(FixedText(attribute, 0, at, findings, "A customer metadata key", "it is a fixed name") ?? string.Empty,
                        ConstructorString(attribute, 1) ?? string.Empty, at) { Reference = metadataValue.IsLiteral ? null : metadataValue });
                    break;
            }
        }

        return new RegisterModelBody(group, modelData, contentTypes.ToEquatableArray(), responseTypes.ToEquatableArray(),
            inferenceInstances.ToEquatableArray(), transformInstances.ToEquatableArray(), approval, approvalOrigin, metrics,
            tags.ToEquatableArray(), metadata.ToEquatableArray())
        {
            DriftBaselines = baselines.ToEquatableArray(),
            ApprovalValue = approvalValue,
        };
    }

    /// <summary><c>typeof(TrainingStep)</c> becomes the step's model artifacts; a string is read like any other value.</summary>
    private ValueSource BindModelData(AttributeData attribute, Origin at, List<Finding> findings)
    {
        if (attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Type)
        {
            var stepType = attribute.ConstructorArguments[0].Value as INamedTypeSymbol;
            if (attribute.ConstructorArguments[0].IsNull)
            {
                findings.Add(new Finding(RuleIds.UnresolvedReference, at.WithArgument(0), "[ModelData] needs the training step whose model artifacts it registers: typeof(TrainingStep)"));
            }

            var target = stepType is null || stepType.TypeKind == TypeKind.Error ? string.Empty : MetadataName(stepType);
            return new ValueSource(ValueKind.ModelArtifacts, stepType?.Name ?? string.Empty, target, null, at.WithArgument(0));
        }

        return ConstructorValue(attribute, 0, at, findings);
    }
}
